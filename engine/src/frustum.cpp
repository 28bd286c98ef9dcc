// Gribb/Hartmann plane extraction, adapted to 0..1 clip depth: the depth planes are z >= 0
// and z <= w, whichever of them is the near one.
#include "frustum.h"

namespace gt::engine {

Frustum::Frustum(const glm::mat4& m) {
  const glm::vec4 row0{m[0][0], m[1][0], m[2][0], m[3][0]};
  const glm::vec4 row1{m[0][1], m[1][1], m[2][1], m[3][1]};
  const glm::vec4 row2{m[0][2], m[1][2], m[2][2], m[3][2]};
  const glm::vec4 row3{m[0][3], m[1][3], m[2][3], m[3][3]};
  planes_ = {row3 + row0, row3 - row0, row3 + row1, row3 - row1, row2, row3 - row2};
  for (glm::vec4& p : planes_) p /= glm::length(glm::vec3(p));
}

bool Frustum::intersectsSphere(const glm::vec3& centre, float radius) const {
  for (const glm::vec4& p : planes_)
    if (glm::dot(glm::vec3(p), centre) + p.w < -radius) return false;
  return true;
}

}  // namespace gt::engine
