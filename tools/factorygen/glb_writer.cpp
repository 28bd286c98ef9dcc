// GLB encoding. Layout of the BIN chunk: for each mesh, for each primitive, its positions,
// normals and indices, back to back. All three are 4-byte types, so every buffer view
// starts 4-byte aligned as glTF 2.0 §3.6.2.4 requires without any padding between them.
#include "glb_writer.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>

#include "json_text.h"

namespace gt::factorygen {
namespace {

static_assert(std::endian::native == std::endian::little,
              "GLB is little-endian; this writer copies memory as it is");

constexpr uint32_t kGlbMagic = 0x46546C67;   // "glTF"
constexpr uint32_t kChunkJson = 0x4E4F534A;  // "JSON"
constexpr uint32_t kChunkBin = 0x004E4942;   // "BIN\0"
constexpr int kComponentFloat = 5126;
constexpr int kComponentUint32 = 5125;
constexpr int kTargetArrayBuffer = 34962;
constexpr int kTargetElementArrayBuffer = 34963;

void appendNumber(std::string& out, size_t value) {
  out += std::to_string(value);
}

void appendFloats(std::string& out, std::initializer_list<float> values) {
  out += '[';
  bool first = true;
  for (float v : values) {
    if (!first) out += ',';
    first = false;
    appendJsonNumber(out, v);
  }
  out += ']';
}

// Appends raw bytes of a vector to the BIN buffer; returns the offset they start at.
template <typename T>
size_t appendBytes(std::vector<uint8_t>& bin, const std::vector<T>& values) {
  const size_t offset = bin.size();
  bin.resize(offset + values.size() * sizeof(T));
  std::memcpy(bin.data() + offset, values.data(), values.size() * sizeof(T));
  return offset;
}

// Buffer views and accessors grow together, one view per accessor.
class AccessorList {
 public:
  size_t add(size_t offset, size_t byte_length, int target, int component, size_t count,
             const char* type, const std::string& min_max) {
    if (!views_.empty()) views_ += ',';
    views_ += "{\"buffer\":0,\"byteOffset\":";
    appendNumber(views_, offset);
    views_ += ",\"byteLength\":";
    appendNumber(views_, byte_length);
    views_ += ",\"target\":";
    appendNumber(views_, static_cast<size_t>(target));
    views_ += '}';
    if (!accessors_.empty()) accessors_ += ',';
    accessors_ += "{\"bufferView\":";
    appendNumber(accessors_, count_);
    accessors_ += ",\"componentType\":";
    appendNumber(accessors_, static_cast<size_t>(component));
    accessors_ += ",\"count\":";
    appendNumber(accessors_, count);
    accessors_ += ",\"type\":\"";
    accessors_ += type;
    accessors_ += '"';
    accessors_ += min_max;
    accessors_ += '}';
    return count_++;
  }
  const std::string& views() const { return views_; }
  const std::string& accessors() const { return accessors_; }

 private:
  std::string views_, accessors_;
  size_t count_ = 0;
};

// glTF 2.0 §5.1.1: POSITION accessors must carry min and max.
std::string positionBounds(const std::vector<glm::vec3>& positions) {
  glm::vec3 lo{std::numeric_limits<float>::max()}, hi{std::numeric_limits<float>::lowest()};
  for (const glm::vec3& p : positions) {
    for (int i = 0; i < 3; ++i) {
      lo[i] = std::min(lo[i], p[i]);
      hi[i] = std::max(hi[i], p[i]);
    }
  }
  std::string out = ",\"min\":";
  appendFloats(out, {lo.x, lo.y, lo.z});
  out += ",\"max\":";
  appendFloats(out, {hi.x, hi.y, hi.z});
  return out;
}

void appendMaterials(std::string& json, const Scene& scene) {
  json += "\"materials\":[";
  for (size_t i = 0; i < scene.materials().size(); ++i) {
    const Material& m = scene.materials()[i];
    if (i) json += ',';
    json += "{\"name\":";
    appendJsonString(json, m.name);
    json += ",\"pbrMetallicRoughness\":{\"baseColorFactor\":";
    appendFloats(json, {m.base_color.r, m.base_color.g, m.base_color.b, m.base_color.a});
    json += ",\"metallicFactor\":";
    appendJsonNumber(json, m.metallic);
    json += ",\"roughnessFactor\":";
    appendJsonNumber(json, m.roughness);
    json += '}';
    // Glass is seen from both sides (roof panes from above and from inside the hall).
    if (m.blend) json += ",\"alphaMode\":\"BLEND\",\"doubleSided\":true";
    json += '}';
  }
  json += ']';
}

void appendNodes(std::string& json, const Scene& scene) {
  json += "\"nodes\":[";
  for (size_t i = 0; i < scene.nodes().size(); ++i) {
    const Node& node = scene.nodes()[i];
    if (i) json += ',';
    json += "{\"name\":";
    appendJsonString(json, node.name);
    if (node.mesh) {
      json += ",\"mesh\":";
      appendNumber(json, *node.mesh);
    }
    if (node.translation != glm::vec3{0.0f}) {
      json += ",\"translation\":";
      appendFloats(json, {node.translation.x, node.translation.y, node.translation.z});
    }
    if (node.yaw != 0.0f) {
      json += ",\"rotation\":";  // unit quaternion (x, y, z, w) about +Y
      appendFloats(json, {0.0f, std::sin(node.yaw * 0.5f), 0.0f, std::cos(node.yaw * 0.5f)});
    }
    if (node.scale != 1.0f) {
      json += ",\"scale\":";
      appendFloats(json, {node.scale, node.scale, node.scale});
    }
    if (!node.children.empty()) {
      json += ",\"children\":[";
      for (size_t c = 0; c < node.children.size(); ++c) {
        if (c) json += ',';
        appendNumber(json, node.children[c]);
      }
      json += ']';
    }
    json += '}';
  }
  json += ']';
}

void appendUint32(std::vector<uint8_t>& out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

}  // namespace

std::vector<uint8_t> encodeGlb(const Scene& scene) {
  std::vector<uint8_t> bin;
  AccessorList accessors;
  std::string meshes_json = "\"meshes\":[";
  for (size_t m = 0; m < scene.meshes().size(); ++m) {
    const Mesh& mesh = scene.meshes()[m];
    if (m) meshes_json += ',';
    meshes_json += "{\"name\":";
    appendJsonString(meshes_json, mesh.name);
    meshes_json += ",\"primitives\":[";
    for (size_t p = 0; p < mesh.primitives.size(); ++p) {
      const Primitive& prim = mesh.primitives[p];
      const size_t vertices = prim.positions.size();
      const size_t position =
          accessors.add(appendBytes(bin, prim.positions), vertices * 12, kTargetArrayBuffer,
                        kComponentFloat, vertices, "VEC3", positionBounds(prim.positions));
      const size_t normal =
          accessors.add(appendBytes(bin, prim.normals), vertices * 12, kTargetArrayBuffer,
                        kComponentFloat, vertices, "VEC3", "");
      const size_t index = accessors.add(appendBytes(bin, prim.indices), prim.indices.size() * 4,
                                         kTargetElementArrayBuffer, kComponentUint32,
                                         prim.indices.size(), "SCALAR", "");
      if (p) meshes_json += ',';
      meshes_json += "{\"attributes\":{\"POSITION\":";
      appendNumber(meshes_json, position);
      meshes_json += ",\"NORMAL\":";
      appendNumber(meshes_json, normal);
      meshes_json += "},\"indices\":";
      appendNumber(meshes_json, index);
      meshes_json += ",\"material\":";
      appendNumber(meshes_json, prim.material);
      meshes_json += ",\"mode\":4}";
    }
    meshes_json += "]}";
  }
  meshes_json += ']';

  std::string json = "{\"asset\":{\"version\":\"2.0\",\"generator\":\"greentwin-factorygen\"},";
  json += "\"scene\":0,\"scenes\":[{\"name\":\"demo-factory\",\"nodes\":[";
  for (size_t r = 0; r < scene.roots().size(); ++r) {
    if (r) json += ',';
    appendNumber(json, scene.roots()[r]);
  }
  json += "]}],";
  appendNodes(json, scene);
  json += ',' + meshes_json + ',';
  appendMaterials(json, scene);
  json += ",\"accessors\":[" + accessors.accessors() + "],\"bufferViews\":[" + accessors.views() +
          "],\"buffers\":[{\"byteLength\":" + std::to_string(bin.size()) + "}]}";

  // glTF 2.0 §4.4.3: chunks are 4-byte aligned; JSON pads with spaces, BIN with zeros.
  while (json.size() % 4) json += ' ';
  while (bin.size() % 4) bin.push_back(0);
  const size_t total = 12 + 8 + json.size() + 8 + bin.size();
  if (total > std::numeric_limits<uint32_t>::max()) {
    throw std::length_error("the model is larger than the 4 GiB a GLB file can hold");
  }
  std::vector<uint8_t> glb;
  glb.reserve(total);
  appendUint32(glb, kGlbMagic);
  appendUint32(glb, 2);
  appendUint32(glb, static_cast<uint32_t>(total));
  appendUint32(glb, static_cast<uint32_t>(json.size()));
  appendUint32(glb, kChunkJson);
  glb.insert(glb.end(), json.begin(), json.end());
  appendUint32(glb, static_cast<uint32_t>(bin.size()));
  appendUint32(glb, kChunkBin);
  glb.insert(glb.end(), bin.begin(), bin.end());
  return glb;
}

void writeFileBytes(const std::filesystem::path& file, const std::vector<uint8_t>& bytes) {
  std::error_code error;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
  if (error) {
    throw std::runtime_error("cannot create folder " + file.parent_path().string() + ": " +
                             error.message());
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out)
    throw std::runtime_error("cannot write " + file.string() + " (disk full or no permission?)");
}

}  // namespace gt::factorygen
