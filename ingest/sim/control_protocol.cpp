// Answers to control requests (see control_protocol.h).
#include "control_protocol.h"

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "site_time.h"

namespace gt::sim {
namespace {

std::vector<std::string> words(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string formatSpeed(double speed) {
  std::ostringstream out;
  out << speed;
  return out.str();
}

}  // namespace

ControlAnswer answerControlRequest(FaultBoard& board, std::string_view request, TimeMs sim_now,
                                   double speed, TimeMs wall_now) {
  const std::vector<std::string> w = words(request);
  if (!w.empty() && w[0] == "set") {
    const size_t dot = w.size() == 3 ? w[1].find('.') : std::string::npos;
    if (dot == std::string::npos) return {"error: expected 'set METER.POINT VALUE|clear'", {}};
    std::optional<double> value;
    if (w[2] != "clear") {
      char* end = nullptr;
      value = std::strtod(w[2].c_str(), &end);
      if (end == w[2].c_str() || *end != '\0' || !std::isfinite(*value)) {
        return {"error: '" + w[2] + "' is not a number", {}};
      }
    }
    if (!board.pin(std::string_view(w[1]).substr(0, dot), std::string_view(w[1]).substr(dot + 1),
                   value)) {
      return {"error: no point '" + w[1] + "'", {}};
    }
    return {"ok " + w[1] + " " + w[2] + " at=" + std::to_string(wall_now), std::nullopt};
  }
  if (!w.empty() && w[0] == "clock") {
    // The meter's own clock (DL/T 645 date and time identifiers): seconds ahead of the wall
    // clock, negative behind, or clear.
    if (w.size() != 3) return {"error: expected 'clock METER SECONDS|clear'", std::nullopt};
    double seconds = 0;
    if (w[2] != "clear") {
      char* end = nullptr;
      seconds = std::strtod(w[2].c_str(), &end);
      if (end == w[2].c_str() || *end != '\0' || !std::isfinite(seconds) ||
          std::abs(seconds) > 1e9) {
        return {"error: '" + w[2] + "' is not a number of seconds", std::nullopt};
      }
    }
    if (!board.setClockSkew(w[1], std::llround(seconds * 1000))) {
      return {"error: no meter '" + w[1] + "'", std::nullopt};
    }
    return {"ok " + w[1] + " clock " + w[2], std::nullopt};
  }
  if (w.size() == 1 && w[0] == "status") {
    std::string faults;
    for (const auto& [meter, fault] : board.active()) {
      if (!faults.empty()) faults += ",";
      faults += meter + ":" + std::string(meterFaultName(fault));
    }
    return {"ok time=" + formatLocalTime(sim_now) + " speed=" + formatSpeed(speed) +
                " faults=" + (faults.empty() ? "none" : faults),
            std::nullopt};
  }
  if (!w.empty() && w[0] == "fault") {
    if (w.size() != 3)
      return {"error: expected 'fault METER offline|garbage|stuck|regress|clear'", {}};
    const std::optional<MeterFault> fault = parseMeterFault(w[2]);
    if (!fault) {
      return {
          "error: unknown fault '" + w[2] + "'; expected offline, garbage, stuck, regress or clear",
          std::nullopt};
    }
    if (!board.set(w[1], *fault)) return {"error: no meter '" + w[1] + "'", std::nullopt};
    const std::string change =
        w[1] + " " + std::string(*fault == MeterFault::None ? "clear" : meterFaultName(*fault));
    return {"ok " + change, change};
  }
  return {"error: unknown request '" + std::string(request) +
              "'; expected 'status', "
              "'fault METER offline|garbage|stuck|regress|clear', 'set METER.POINT VALUE|clear' "
              "or 'clock METER SECONDS|clear'",
          std::nullopt};
}

}  // namespace gt::sim
