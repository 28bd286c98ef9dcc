// Format sniffing by signature, and a pre-flight check of glTF/GLB files. The JSON reader here
// is the smallest that serves the check (objects, arrays, strings, numbers, literals); the
// engine has no JSON library and Assimp's copy of rapidjson is not installed with it.
#include "model_format.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace gt::engine {
namespace {

std::string_view asText(std::span<const uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

uint32_t readU32(std::span<const uint8_t> b, size_t at) {  // little-endian, as GLB and STL are
  return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
         uint32_t(b[at + 3]) << 24;
}

std::string_view skipSpace(std::string_view s) {
  // A UTF-8 byte order mark is allowed before JSON and XML text.
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// Text formats: no NUL bytes and mostly printable, so random binary is not taken for OBJ.
bool looksLikeText(std::string_view s) {
  size_t odd = 0;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++odd;
  }
  return odd * 100 <= s.size();
}

// OBJ has no signature: text whose lines are OBJ statements, with at least one vertex.
bool looksLikeObj(std::string_view s) {
  if (!looksLikeText(s)) return false;
  bool vertex = false;
  size_t lines = 0;
  while (!s.empty() && lines < 2000) {
    const size_t end = s.find('\n');
    std::string_view line = skipSpace(s.substr(0, end));
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    ++lines;
    const std::string_view word = line.substr(0, line.find_first_of(" \t\r"));
    static constexpr std::string_view kStatements[] = {
        "v",      "vt",     "vn",     "vp",  "f",    "l",    "p",    "o",   "g",  "s",
        "mtllib", "usemtl", "cstype", "deg", "curv", "surf", "parm", "end", "mg", "usemap"};
    if (std::find(std::begin(kStatements), std::end(kStatements), word) == std::end(kStatements))
      return false;
    vertex = vertex || word == "v";
  }
  return vertex;
}

// ---- minimal JSON ----------------------------------------------------------------------------

struct Json {
  enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
  std::string text;                                  // String
  std::vector<Json> items;                           // Array
  std::vector<std::pair<std::string, Json>> fields;  // Object

  const Json* get(std::string_view key) const {
    for (const auto& [k, v] : fields)
      if (k == key) return &v;
    return nullptr;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  // nullopt on malformed input; error() says where.
  std::optional<Json> document() {
    Json out;
    if (!value(out, 0)) return std::nullopt;
    space();
    if (pos_ != s_.size()) {
      fail("unexpected text after the end");
      return std::nullopt;
    }
    return out;
  }
  const std::string& error() const { return error_; }

 private:
  bool fail(const char* what) {  // always false, so that parsers can `return fail(...)`
    if (error_.empty()) error_ = std::string(what) + " at byte " + std::to_string(pos_);
    return false;
  }
  void space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(Json& out, int depth) {
    if (depth > 200) return fail("nesting too deep");
    space();
    if (pos_ >= s_.size()) return fail("unexpected end of JSON");
    const char c = s_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') return out.kind = Json::String, string(out.text);
    if (literal("true") || literal("false")) return out.kind = Json::Bool, true;
    if (literal("null")) return out.kind = Json::Null, true;
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      while (pos_ < s_.size() && std::strchr("+-0123456789.eE", s_[pos_])) ++pos_;
      return out.kind = Json::Number, true;
    }
    return fail("unexpected character");
  }

  bool object(Json& out, int depth) {
    out.kind = Json::Object;
    ++pos_;
    space();
    if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
    for (;;) {
      space();
      std::string key;
      if (pos_ >= s_.size() || s_[pos_] != '"' || !string(key)) return fail("expected a key");
      space();
      if (pos_ >= s_.size() || s_[pos_++] != ':') return fail("expected ':'");
      Json item;
      if (!value(item, depth + 1)) return false;
      out.fields.emplace_back(std::move(key), std::move(item));
      space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(Json& out, int depth) {
    out.kind = Json::Array;
    ++pos_;
    space();
    if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
    for (;;) {
      Json item;
      if (!value(item, depth + 1)) return false;
      out.items.push_back(std::move(item));
      space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) break;
      const char e = s_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          if (pos_ + 4 > s_.size() ||
              !std::all_of(s_.begin() + pos_, s_.begin() + pos_ + 4,
                           [](char h) { return std::isxdigit(static_cast<unsigned char>(h)); }))
            return fail("bad \\u escape");
          const unsigned code = std::stoul(std::string(s_.substr(pos_, 4)), nullptr, 16);
          pos_ += 4;
          // URIs and extension names are ASCII; anything wider is kept as UTF-8 (BMP only).
          if (code < 0x80) {
            out += static_cast<char>(code);
          } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | code >> 6);
            out += static_cast<char>(0x80 | (code & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | code >> 12);
            out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
          }
          break;
        }
        default:
          out += e;  // \" \\ \/
      }
    }
    return fail("unterminated string");
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

// glTF 2.0 §2.8: URIs are RFC 3986 references, so spaces and the like arrive percent-encoded.
std::string percentDecode(std::string_view uri) {
  std::string out;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

namespace {

std::optional<std::string> checkGltfJson(const std::filesystem::path& file, std::string_view text,
                                         bool glb) {
  JsonReader reader(text);
  const std::optional<Json> doc = reader.document();
  if (!doc || doc->kind != Json::Object)
    return "glTF JSON is malformed (" + (doc ? std::string("not an object") : reader.error()) + ")";

  if (const Json* required = doc->get("extensionsRequired")) {
    for (const Json& ext : required->items) {
      if (ext.text == "KHR_draco_mesh_compression")
        return std::string(
            "uses Draco mesh compression (KHR_draco_mesh_compression), which this "
            "viewer cannot read; export without Draco");
      if (ext.text == "EXT_meshopt_compression" || ext.text == "KHR_meshopt_compression")
        return "uses meshopt compression (" + ext.text +
               "), which this viewer cannot read; export without meshopt compression";
    }
  }

  const std::filesystem::path dir = file.parent_path();
  // Images are not checked: a missing one costs its material a texture, not the model
  // (texture_import.h warns about it).
  for (const char* array : {"buffers"}) {
    const Json* list = doc->get(array);
    if (!list) continue;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Json* uri = list->items[i].get("uri");
      if (!uri || uri->kind != Json::String) {
        // glTF 2.0 §5.10: only a GLB's first buffer may leave out its uri (the BIN chunk).
        if (std::string_view(array) == "buffers" && !(glb && i == 0))
          return "buffer " + std::to_string(i) + " has no uri";
        continue;
      }
      if (uri->text.starts_with("data:")) continue;
      const std::string name = percentDecode(uri->text);
      std::error_code ec;
      if (!std::filesystem::is_regular_file(dir / name, ec))
        return std::string(array == std::string_view("buffers") ? "buffer" : "image") + " '" +
               name + "' is missing";
    }
  }
  return std::nullopt;
}

}  // namespace

std::string ifcSchema(std::span<const uint8_t> head) {
  const std::string_view text = asText(head);
  const size_t at = text.find("FILE_SCHEMA");
  if (at == std::string_view::npos) return {};
  // ISO 10303-21 §8.2.3: FILE_SCHEMA(('IFC4')); the name up to the closing quote.
  const size_t open = text.find('\'', at);
  if (open == std::string_view::npos) return {};
  const size_t close = text.find('\'', open + 1);
  if (close == std::string_view::npos || close - open > 64) return {};
  std::string schema(text.substr(open + 1, close - open - 1));
  for (char& c : schema) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return schema;
}

bool ifc4Supported() {
#if GREENTWIN_HAVE_IFCPP
  return true;
#else
  return false;
#endif
}

namespace {

// IFC4, IFC4X1 ... IFC4X3_ADD2 and anything later: what Assimp 5.2 must not be given.
bool isIfc4OrLater(const std::string& schema) {
  return schema.starts_with("IFC") && !schema.starts_with("IFC2X") && schema.size() > 3;
}

}  // namespace

bool readsWithIfcpp(std::span<const uint8_t> head, ModelFormat format) {
  return format == ModelFormat::Ifc && ifc4Supported() && isIfc4OrLater(ifcSchema(head));
}

std::optional<std::string> ifcProblem(std::span<const uint8_t> head, ModelFormat format) {
  if (format != ModelFormat::Ifc || ifc4Supported()) return std::nullopt;
  const std::string schema = ifcSchema(head);
  if (!isIfc4OrLater(schema)) return std::nullopt;
  return "IFC schema " + schema +
         "; this viewer reads IFC2X3 through Assimp, which cannot read IFC4 geometry, and was "
         "built without IFC++ (libifcplusplus-dev), which would; export as IFC2X3 or glTF";
}

ModelFormat detectModelFormat(std::span<const uint8_t> head, uint64_t file_size) {
  const std::string_view raw = asText(head);
  if (raw.starts_with("glTF")) return ModelFormat::Glb;
  if (raw.starts_with("Kaydara FBX Binary")) return ModelFormat::FbxBinary;
  if (raw.starts_with("ply\n") || raw.starts_with("ply\r\n")) return ModelFormat::Ply;
  // Binary STL: 80-byte header, triangle count, 50 bytes a triangle. Checked before ASCII STL
  // because many exporters start the binary header with "solid" too.
  if (head.size() >= 84 && file_size == 84 + 50ull * readU32(head, 80))
    return ModelFormat::StlBinary;

  const std::string_view text = skipSpace(raw);
  if (text.starts_with("ISO-10303-21")) {
    // ISO 10303-21 §8.2.3: FILE_SCHEMA names the schema; IFC2X3, IFC4, IFC4X3 ...
    const size_t schema = text.find("FILE_SCHEMA");
    if (schema != std::string_view::npos &&
        text.substr(schema, 200).find("IFC") != std::string_view::npos)
      return ModelFormat::Ifc;
    return ModelFormat::Step;
  }
  if (text.starts_with("{") && text.find("\"asset\"") != std::string_view::npos)
    return ModelFormat::Gltf;
  if (text.starts_with("<") && text.find("<COLLADA") != std::string_view::npos)
    return ModelFormat::Collada;
  if (text.starts_with("; FBX")) return ModelFormat::FbxAscii;
  if (text.starts_with("solid") && looksLikeText(text) &&
      text.find("facet") != std::string_view::npos)
    return ModelFormat::StlAscii;
  // IGES (US PRO 1996 §2.2.3): 80-column records whose column 73 names the section, first 'S'.
  if (raw.size() >= 80 && raw[72] == 'S' && looksLikeText(raw.substr(0, 80)) &&
      (raw.size() == 80 || raw[80] == '\n' || raw[80] == '\r'))
    return ModelFormat::Iges;
  if (looksLikeObj(raw)) return ModelFormat::Obj;
  return ModelFormat::Unknown;
}

ModelFormat formatFromExtension(const std::filesystem::path& file) {
  const std::string ext = lower(file.extension().string());
  if (ext == ".gltf") return ModelFormat::Gltf;
  if (ext == ".glb") return ModelFormat::Glb;
  if (ext == ".stl") return ModelFormat::StlBinary;
  if (ext == ".obj") return ModelFormat::Obj;
  if (ext == ".ply") return ModelFormat::Ply;
  if (ext == ".fbx") return ModelFormat::FbxBinary;
  if (ext == ".dae") return ModelFormat::Collada;
  if (ext == ".ifc") return ModelFormat::Ifc;
  if (ext == ".step" || ext == ".stp") return ModelFormat::Step;
  if (ext == ".iges" || ext == ".igs") return ModelFormat::Iges;
  return ModelFormat::Unknown;
}

const char* formatName(ModelFormat format) {
  switch (format) {
    case ModelFormat::Gltf:
      return "glTF";
    case ModelFormat::Glb:
      return "GLB (binary glTF)";
    case ModelFormat::StlBinary:
      return "binary STL";
    case ModelFormat::StlAscii:
      return "ASCII STL";
    case ModelFormat::Obj:
      return "OBJ";
    case ModelFormat::Ply:
      return "PLY";
    case ModelFormat::FbxBinary:
      return "binary FBX";
    case ModelFormat::FbxAscii:
      return "ASCII FBX";
    case ModelFormat::Collada:
      return "COLLADA";
    case ModelFormat::Ifc:
      return "IFC";
    case ModelFormat::Step:
      return "STEP";
    case ModelFormat::Iges:
      return "IGES";
    case ModelFormat::Unknown:
      break;
  }
  return "unknown";
}

const char* assimpExtension(ModelFormat format) {
  switch (format) {
    case ModelFormat::Gltf:
      return "gltf";
    case ModelFormat::Glb:
      return "glb";
    case ModelFormat::StlBinary:
    case ModelFormat::StlAscii:
      return "stl";
    case ModelFormat::Obj:
      return "obj";
    case ModelFormat::Ply:
      return "ply";
    case ModelFormat::FbxBinary:
    case ModelFormat::FbxAscii:
      return "fbx";
    case ModelFormat::Collada:
      return "dae";
    case ModelFormat::Ifc:
      return "ifc";
    case ModelFormat::Step:
    case ModelFormat::Iges:
    case ModelFormat::Unknown:
      break;
  }
  return "";
}

bool sameImporter(ModelFormat a, ModelFormat b) {
  return std::string_view(assimpExtension(a)) == assimpExtension(b);
}

std::optional<std::string> gltfProblem(const std::filesystem::path& file,
                                       std::span<const uint8_t> bytes, uint64_t file_size,
                                       ModelFormat format) {
  if (format == ModelFormat::Gltf) return checkGltfJson(file, asText(bytes), false);
  if (format != ModelFormat::Glb) return std::nullopt;

  // glTF 2.0 §4.4: 12-byte header (magic, version, length), then chunks of length, type, data;
  // the first chunk is JSON.
  if (file_size < 12)
    return "truncated: a GLB header needs 12 bytes, file has " + std::to_string(file_size);
  const uint32_t version = readU32(bytes, 4);
  if (version != 2)
    return "GLB version " + std::to_string(version) + " is not supported (glTF 2.0 only)";
  const uint32_t length = readU32(bytes, 8);
  if (length > file_size)
    return "truncated: header says " + std::to_string(length) + " bytes, file has " +
           std::to_string(file_size);
  if (bytes.size() < 20) return std::string("truncated: no JSON chunk after the GLB header");
  const uint32_t json_length = readU32(bytes, 12);
  if (readU32(bytes, 16) != 0x4E4F534Au)  // "JSON"
    return std::string("GLB's first chunk is not JSON");
  if (20ull + json_length > length || 20ull + json_length > bytes.size())
    return "truncated: JSON chunk says " + std::to_string(json_length) + " bytes, file has " +
           std::to_string(file_size - 20);
  return checkGltfJson(file, asText(bytes.subspan(20, json_length)), true);
}

}  // namespace gt::engine
