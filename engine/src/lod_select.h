// Which level of detail a draw uses: the coarsest whose simplification error, projected to the
// screen (or to the shadow map), stays under a pixel budget. Pure math, no GPU.
//
// A level's error is stored relative to its mesh's bounding-sphere radius (model_data.h), so
// its error in pixels is relative_error x the sphere's projected radius in pixels. With the
// main pass's budget of 1 px, a level with 2 % error is used once the draw's sphere is under
// 50 px in radius, one with 10 % under 10 px.
#pragma once

#include <cstdint>

#include <glm/glm.hpp>

#include "model_data.h"

namespace gt::engine {

// The main pass: no level whose error reaches a pixel at the current resolution.
inline constexpr float kMainPassLodErrorPx = 1.f;
// The sun's shadow map: a caster standing off its own surface by more than the receiver's
// normal offset (about a texel, mesh_shading.glsl) shadows that surface in stripes, so
// coarse casters must stay within half a texel. The map is drawn only when the casters
// change, so its levels matter less than the main pass's.
inline constexpr float kShadowPassLodErrorTexels = 0.5f;

// How one pass turns a sphere into pixels.
struct LodProjection {
  glm::vec3 eye{0.f};           // perspective: the camera's position
  float pixels_per_unit = 0.f;  // perspective: at distance 1; orthographic: everywhere
  bool orthographic = false;
  float max_error_px = kMainPassLodErrorPx;
};

// The camera's: `projection_y_scale` is projection[1][1] (1 / tan(fov_y / 2), either sign),
// `height_px` the viewport's height.
LodProjection perspectiveLod(const glm::vec3& eye, float projection_y_scale, float height_px);
// The sun's shadow map: `texel_metres` is one texel's side in world units.
LodProjection shadowMapLod(float texel_metres);

// The sphere's projected radius in pixels; infinite when the eye is inside it (full detail).
float projectedRadiusPx(const LodProjection& projection, const glm::vec3& centre, float radius);

// 0 for the full mesh, l + 1 for mesh.lods[l]: the coarsest level whose error in pixels is
// at most `max_error_px`. Levels are ordered finer to coarser, so the search stops at the
// first one over budget.
uint32_t selectLod(const MeshRange& mesh, float projected_radius_px, float max_error_px);

// The index range of level `level` (as selectLod returns) of `mesh`.
struct IndexRange {
  uint32_t first_index = 0;
  uint32_t index_count = 0;
};
IndexRange lodIndexRange(const MeshRange& mesh, uint32_t level);

}  // namespace gt::engine
