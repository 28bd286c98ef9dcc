// Writing the probe records as JSON text by hand: the shape is fixed and small, so a JSON
// library would be a dependency for a dozen lines.
#include "probes_json.h"

#include <cstdio>

namespace gt::twin {
namespace {

std::string number(float value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(value));
  return text;
}

std::string numberPrecise(float value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(value));
  return text;
}

}  // namespace

std::string jsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string probesJson(const std::vector<EquipmentProbe>& probes, const glm::ivec2& viewport) {
  // Built with += only: GCC 12 reports a false -Wrestrict on chains of string operator+.
  std::string out = "{\"viewport\":[";
  out += std::to_string(viewport.x);
  out += ',';
  out += std::to_string(viewport.y);
  out += "],\"equipment\":[";
  for (size_t i = 0; i < probes.size(); ++i) {
    const EquipmentProbe& p = probes[i];
    out += i == 0 ? "\n" : ",\n";
    out += "{\"id\":";
    out += jsonString(p.id);
    out += ",\"node_found\":";
    out += p.node_found ? "true" : "false";
    out += ",\"screen_center\":";
    if (p.screen_center) {
      out += '[';
      out += number(p.screen_center->x);
      out += ',';
      out += number(p.screen_center->y);
      out += ']';
    } else {
      out += "null";
    }
    out += ",\"label\":";
    if (p.label) {
      out += "{\"x\":";
      out += number(p.label->min.x);
      out += ",\"y\":";
      out += number(p.label->min.y);
      out += ",\"w\":";
      out += number(p.label->width());
      out += ",\"h\":";
      out += number(p.label->height());
      out += '}';
    } else {
      out += "null";
    }
    out += ",\"compact\":";
    out += p.compact ? "true" : "false";
    out += ",\"state\":";
    out += jsonString(p.state);
    out += ",\"value\":";
    out += jsonString(p.value);
    out += ",\"tint\":";
    if (p.tint) {
      for (int c = 0; c < 4; ++c) {
        out += c == 0 ? '[' : ',';
        out += numberPrecise((*p.tint)[c]);
      }
      out += ']';
    } else {
      out += "null";
    }
    out += '}';
  }
  out += "\n]}\n";
  return out;
}

}  // namespace gt::twin
