// Level-of-detail choice by projected size; see lod_select.h.
#include "lod_select.h"

#include <cassert>
#include <cmath>
#include <limits>

namespace gt::engine {

LodProjection perspectiveLod(const glm::vec3& eye, float projection_y_scale, float height_px) {
  LodProjection out;
  out.eye = eye;
  // Vulkan projections flip Y, so the scale may arrive negative.
  out.pixels_per_unit = 0.5f * height_px * std::abs(projection_y_scale);
  out.max_error_px = kMainPassLodErrorPx;
  return out;
}

LodProjection shadowMapLod(float texel_metres) {
  LodProjection out;
  out.orthographic = true;
  out.pixels_per_unit = texel_metres > 0.f ? 1.f / texel_metres : 0.f;
  out.max_error_px = kShadowPassLodErrorTexels;
  return out;
}

float projectedRadiusPx(const LodProjection& projection, const glm::vec3& centre, float radius) {
  if (projection.orthographic) return radius * projection.pixels_per_unit;
  // The nearest point of the sphere: its size there bounds the error anywhere on it.
  const float distance = glm::length(centre - projection.eye) - radius;
  if (distance <= 0.f) return std::numeric_limits<float>::infinity();
  return radius * projection.pixels_per_unit / distance;
}

uint32_t selectLod(const MeshRange& mesh, float projected_radius_px, float max_error_px) {
  uint32_t level = 0;
  for (uint32_t l = 0; l < mesh.lod_count && l < kMaxMeshLods; ++l) {
    if (mesh.lods[l].relative_error * projected_radius_px > max_error_px) break;
    level = l + 1;
  }
  return level;
}

IndexRange lodIndexRange(const MeshRange& mesh, uint32_t level) {
  assert(level <= mesh.lod_count);
  if (level == 0 || level > mesh.lod_count) return {mesh.first_index, mesh.index_count};
  return {mesh.lods[level - 1].first_index, mesh.lods[level - 1].index_count};
}

}  // namespace gt::engine
