// Ray casts against a model's triangles on the CPU, for picking: a bounding volume hierarchy
// (binned SAH) over world-space triangles, built once per model, and a nearest-hit query that
// skips hidden owners. Plain vectors in, no GPU, so it is tested without a device and a pick
// never waits for a frame.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "engine/camera.h"
#include "model_data.h"

namespace gt::engine {

// A triangle in world space and the index of the scene node that draws it.
struct PickTriangle {
  glm::vec3 a, b, c;
  uint32_t node = 0;
};

struct Ray {
  glm::vec3 origin;
  glm::vec3 direction;  // unit length, so hit distances are metres
};

struct RayHit {
  uint32_t triangle = 0;  // index into the triangles the picker was built from
  uint32_t node = 0;
  float distance = 0.f;  // along the ray from its origin
  glm::vec3 point{0.f};
};

class RayPicker {
 public:
  RayPicker() = default;
  // Takes the triangles and builds the hierarchy; O(n log n).
  explicit RayPicker(std::vector<PickTriangle> triangles);

  // The nearest triangle the ray crosses (either side: the renderer does not cull back faces),
  // ignoring triangles whose node has hidden[node] != 0. `hidden` may be empty (nothing hidden).
  // Hit points on the cut-away side of a section plane (normal.xyz, d: kept where
  // dot(n, p) + d >= 0) are looked through too, as the renderer does not draw them.
  std::optional<RayHit> cast(const Ray& ray, const std::vector<uint8_t>& hidden = {},
                             const std::vector<glm::vec4>& section_planes = {}) const;

  size_t triangleCount() const { return triangles_.size(); }
  size_t nodeCount() const { return nodes_.size(); }

 private:
  // 32 bytes: a leaf has count > 0 and its triangles at [first, first + count); an inner node
  // has count == 0 and its children at first and first + 1.
  struct BvhNode {
    glm::vec3 min;
    uint32_t first = 0;
    glm::vec3 max;
    uint32_t count = 0;
  };

  void subdivide(uint32_t node_index, std::vector<glm::vec3>& centroids);

  std::vector<PickTriangle> triangles_;  // reordered so that every leaf is a contiguous range
  std::vector<BvhNode> nodes_;
};

// The world-space triangles of a model that a click can land on: every draw's triangles,
// except those of blended (glass) materials, which the eye looks through.
std::vector<PickTriangle> pickableTriangles(const ModelData& model);

// The ray from the camera through the centre of the pixel containing `pixel` (pixels from the
// top-left corner, as projectToScreen returns them) in a viewport of `size`, starting at the
// near plane. Built from the inverse of the rendering's view-projection, so it matches what
// is drawn at that pixel, reversed depth and all.
Ray rayThroughPixel(const OrbitCamera& camera, glm::vec2 pixel, glm::vec2 size);

// The deepest node with a name at or above `node` (the node itself if it is named), or nullopt
// when no ancestor has a name. A click on an unnamed bolt of a named machine is a click on the
// machine.
std::optional<uint32_t> namedAncestor(const std::vector<SceneNode>& nodes, uint32_t node);

}  // namespace gt::engine
