// View-frustum planes from a view-projection matrix and a sphere test, for per-draw culling.
#pragma once

#include <array>

#include <glm/glm.hpp>

namespace gt::engine {

class Frustum {
 public:
  // Planes of a Vulkan (depth 0..1, either direction) view-projection, normals inwards.
  explicit Frustum(const glm::mat4& view_projection);
  bool intersectsSphere(const glm::vec3& centre, float radius) const;

 private:
  std::array<glm::vec4, 6> planes_;
};

}  // namespace gt::engine
