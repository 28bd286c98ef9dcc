// Cascaded sun shadows: splits, slice spheres and snapped cascade boxes; see shadow_cascades.h.
#include "shadow_cascades.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace gt::engine {
namespace {

// Half the slice's diagonal per metre of distance: tan of the half-angle to a frustum corner.
float cornerSlope(const CascadeCamera& camera) {
  const float tan_y = std::tan(0.5f * camera.fov_y);
  const float tan_x = tan_y * camera.aspect;
  return std::sqrt(tan_x * tan_x + tan_y * tan_y);
}

// Any unit vector across `forward`, to build a frame around the view axis.
glm::vec3 across(const glm::vec3& forward) {
  const glm::vec3 seed = std::abs(forward.y) < 0.99f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
  return glm::normalize(glm::cross(forward, seed));
}

bool sphereTouches(const SliceSphere& sphere, const Bounds& box) {
  const glm::vec3 nearest = glm::clamp(sphere.centre, box.min, box.max);
  const glm::vec3 d = sphere.centre - nearest;
  return glm::dot(d, d) <= sphere.radius * sphere.radius;
}

}  // namespace

std::array<float, kShadowCascades + 1> cascadeSplits(float near, float far, float lambda) {
  assert(near > 0.f && far > near && lambda >= 0.f && lambda <= 1.f);
  std::array<float, kShadowCascades + 1> out{};
  for (uint32_t i = 0; i <= kShadowCascades; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(kShadowCascades);
    const float logarithmic = near * std::pow(far / near, t);
    const float uniform = near + (far - near) * t;
    out[i] = lambda * logarithmic + (1.f - lambda) * uniform;
  }
  out.front() = near;  // exact ends: pow() rounds
  out.back() = far;
  return out;
}

std::array<glm::vec3, 8> sliceCorners(const CascadeCamera& camera, float near, float far) {
  const float tan_y = std::tan(0.5f * camera.fov_y);
  const float tan_x = tan_y * camera.aspect;
  const glm::vec3 right = across(camera.forward);
  const glm::vec3 up = glm::cross(right, camera.forward);
  std::array<glm::vec3, 8> out;
  for (int corner = 0; corner < 8; ++corner) {
    const float d = corner & 4 ? far : near;
    const float sx = corner & 1 ? 1.f : -1.f;
    const float sy = corner & 2 ? 1.f : -1.f;
    out[corner] =
        camera.eye + camera.forward * d + right * (sx * d * tan_x) + up * (sy * d * tan_y);
  }
  return out;
}

SliceSphere sliceBoundingSphere(const CascadeCamera& camera, float near, float far) {
  // Corners at distance d lie k * d off the axis. The centre at distance z along the axis is
  // as far from the near corners as from the far ones where
  //   (z - n)^2 + (k n)^2 = (f - z)^2 + (k f)^2,  so  z = (f + n)(1 + k^2) / 2;
  // past f (a wide lens, a thin slice) the far rectangle's own circle holds the near one.
  const float k = cornerSlope(camera);
  const float z = std::min(0.5f * (far + near) * (1.f + k * k), far);
  const float to_far = far - z;
  SliceSphere out;
  out.centre = camera.eye + camera.forward * z;
  out.radius = std::sqrt(to_far * to_far + k * k * far * far);
  return out;
}

glm::mat4 sunView(const glm::vec3& to_sun) {
  const glm::vec3 seed = std::abs(to_sun.y) < 0.99f ? glm::vec3(0, 1, 0) : glm::vec3(0, 0, 1);
  const glm::vec3 side = glm::normalize(glm::cross(to_sun, seed));
  const glm::vec3 up = glm::cross(side, to_sun);
  return glm::lookAtRH(glm::vec3(0.f), -to_sun, up);
}

ShadowLayerFit fitCascade(const SliceSphere& sphere, const Bounds& casters, const glm::vec3& to_sun,
                          uint32_t resolution) {
  ShadowLayerFit out;
  if (casters.empty() || resolution == 0 || sphere.radius <= 0.f || !sphereTouches(sphere, casters))
    return out;
  const glm::mat4 view = sunView(to_sun);
  const float r = sphere.radius;
  const float texel = 2.f * r / static_cast<float>(resolution);
  const glm::vec3 c = glm::vec3(view * glm::vec4(sphere.centre, 1.f));
  // Whole texels of a grid fixed in the sun's view: the map moves under the scene in steps
  // that land every texel on a former texel position.
  const float cx = std::round(c.x / texel) * texel;
  const float cy = std::round(c.y / texel) * texel;

  float casters_top = -1e30f;  // view-space z: larger is nearer the sun
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p{corner & 1 ? casters.max.x : casters.min.x,
                      corner & 2 ? casters.max.y : casters.min.y,
                      corner & 4 ? casters.max.z : casters.min.z};
    casters_top = std::max(casters_top, (view * glm::vec4(p, 1.f)).z);
  }
  // Towards the sun up to the highest caster, even far outside the view; away from it to the
  // sphere's end, so the whole slice lies in the box.
  const float top = std::max(casters_top, c.z + r);
  const float bottom = c.z - r;
  const float depth_margin = 0.01f * (top - bottom) + 0.1f;
  // View space looks down -z: the near plane is at -top.
  const glm::mat4 projection =
      glm::orthoRH_ZO(cx - r, cx + r, cy - r, cy + r, -top - depth_margin, -bottom + depth_margin);
  out.view_projection = projection * view;
  out.texel_metres = texel;
  return out;
}

std::array<ShadowLayerFit, kShadowCascades> fitShadowCascades(const CascadeCamera& camera,
                                                              const Bounds& casters,
                                                              const glm::vec3& to_sun,
                                                              uint32_t resolution,
                                                              float shadow_distance) {
  std::array<ShadowLayerFit, kShadowCascades> out{};
  const float near = std::max(camera.near_plane, 1e-3f);
  const float far = std::min(camera.far_plane, shadow_distance);
  if (!(far > near)) return out;
  const std::array<float, kShadowCascades + 1> splits =
      cascadeSplits(near, far, kShadowSplitLambda);
  for (uint32_t i = 0; i < kShadowCascades; ++i)
    out[i] = fitCascade(sliceBoundingSphere(camera, splits[i], splits[i + 1]), casters, to_sun,
                        resolution);
  return out;
}

}  // namespace gt::engine
