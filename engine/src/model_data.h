// The CPU-side description of a loaded model: merged geometry, materials, the node tree in
// depth-first order, and the flat list of draws. Produced by model_loader, consumed by the
// renderer; no Vulkan or Assimp types, so it can be tested without a device.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "engine/camera.h"

namespace gt::engine {

struct Vertex {
  glm::vec3 position;
  glm::vec3 normal;
};

// What a textured surface needs besides position and normal, in a second stream parallel to
// the vertices: untextured models (every CAD and IFC file, the demo factory) keep it empty and
// pay nothing for it, in memory, in the cache or per vertex on the GPU.
struct VertexSurface {
  glm::vec2 uv;       // glTF TEXCOORD_0
  glm::vec4 tangent;  // xyz unit tangent along +u, w = +-1 handedness (bitangent = w * n x t)
};

// A decoded texture: RGBA8 with its whole mip chain, level 0 first, each level half the one
// before (rounded down, at least 1) down to 1x1. Made at import so the viewer uploads bytes.
struct TextureImage {
  std::string name;  // the file or "embedded image N", for messages
  uint32_t width = 0, height = 0;
  uint32_t levels = 0;
  bool srgb = false;  // colour data (base colour, emissive), else linear (normal, MR, occlusion)
  std::vector<uint8_t> rgba;  // every level, tightly packed
};

// The glTF 2.0 §3.9 metallic-roughness texture slots of a material.
enum class TextureSlot : uint32_t {
  BaseColour,         // sRGB, times base_colour
  Normal,             // tangent-space normal, xy scaled by normal_scale
  MetallicRoughness,  // G roughness, B metallic, times the factors
  Occlusion,          // R, on the ambient light only, strength occlusion_strength
  Emissive,           // sRGB, times emissive
};
inline constexpr uint32_t kTextureSlots = 5;

struct Material {
  std::string name;
  glm::vec4 base_colour{0.8f, 0.8f, 0.8f, 1.f};  // linear RGB, alpha = opacity
  float metallic = 0.f;
  float roughness = 0.6f;
  bool blend = false;  // glTF alphaMode BLEND or opacity < 1 (glass)
  bool mask = false;   // glTF alphaMode MASK: fragments under alpha_cutoff are discarded
  float alpha_cutoff = 0.5f;
  glm::vec3 emissive{0.f};  // linear RGB radiance added after lighting
  float normal_scale = 1.f;
  float occlusion_strength = 1.f;
  // Index into ModelData::textures per TextureSlot, -1 for none (the factor alone).
  int32_t textures[kTextureSlots] = {-1, -1, -1, -1, -1};

  int32_t texture(TextureSlot slot) const { return textures[static_cast<uint32_t>(slot)]; }
  // Drawn by the textured pipelines (with UVs, tangents and its set of images): a texture, an
  // alpha mask or an emissive factor needs them; the plain pipelines stay as they were.
  bool textured() const {
    for (int32_t t : textures)
      if (t >= 0) return true;
    return mask || emissive != glm::vec3(0.f);
  }
};

// A simplified level of detail of a mesh: another index range over the same vertices.
struct LodRange {
  uint32_t first_index = 0;
  uint32_t index_count = 0;
  // The largest distance between this level's surface and the full one, as a fraction of the
  // radius of the mesh's bounding sphere: times the sphere's projected radius, the error in
  // pixels (lod_select.h).
  float relative_error = 0.f;
};

// Levels of detail per mesh besides the full one: about 50 %, 25 % and 12 % of its triangles.
inline constexpr uint32_t kMaxMeshLods = 3;

// One source mesh inside the merged vertex/index buffers. [first_index, index_count) is the
// full detail (picking, outlines and section caps use only this); lods[0, lod_count) are
// coarser, each with fewer indices than the one before.
struct MeshRange {
  uint32_t first_index = 0;
  uint32_t index_count = 0;
  int32_t vertex_offset = 0;
  uint32_t material = 0;
  Bounds local_bounds;
  uint32_t lod_count = 0;
  LodRange lods[kMaxMeshLods] = {};
};

// Nodes are stored in depth-first pre-order, so a node's subtree is [index, subtree_end).
struct SceneNode {
  std::string name;
  int32_t parent = -1;
  uint32_t subtree_end = 0;
  glm::mat4 world{1.f};
  Bounds world_bounds;     // of the meshes in the subtree
  uint32_t triangles = 0;  // in the subtree
};

struct DrawRecord {
  uint32_t node = 0;
  uint32_t mesh = 0;
  uint32_t material = 0;
  glm::mat4 world{1.f};
  Bounds world_bounds;
};

struct ModelData {
  std::vector<Vertex> vertices;
  std::vector<VertexSurface> surfaces;  // empty, or one per vertex when a material is textured
  std::vector<TextureImage> textures;   // deduplicated: identical pixels are stored once
  std::vector<uint32_t> indices;
  std::vector<Material> materials;
  std::vector<MeshRange> meshes;
  std::vector<SceneNode> nodes;
  std::vector<DrawRecord> draws;
  Bounds bounds;
  uint64_t triangles = 0;  // as drawn (instanced meshes counted once per instance)
};

// Transforms an axis-aligned box and returns the box around the result.
Bounds transformBounds(const Bounds& b, const glm::mat4& m);

}  // namespace gt::engine
