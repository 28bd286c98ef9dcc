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

struct Material {
  std::string name;
  glm::vec4 base_colour{0.8f, 0.8f, 0.8f, 1.f};  // linear RGB, alpha = opacity
  float metallic = 0.f;
  float roughness = 0.6f;
  bool blend = false;  // glTF alphaMode BLEND or opacity < 1 (glass)
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
