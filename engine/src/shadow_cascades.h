// Cascaded sun shadows, the pure math: where the camera's view is split into cascades, the
// sphere around each slice, and each cascade's orthographic box seen from the sun. No GPU;
// shadow_map.h owns the depth images, VulkanRenderer::prepareShadowPass decides what to redraw.
//
// Why spheres and snapping: a box fitted to a slice's corners changes size as the camera
// turns, and a box that slides by fractions of a texel resamples every shadow edge each frame,
// so edges crawl ("shimmer"). A sphere's radius depends only on the slice's near and far
// distances and the lens, so the box keeps its size under rotation; its centre is then moved
// to whole texels of a sun view that never turns, so a moving camera shifts the map under the
// scene by whole texels and the edges stay put.
#pragma once

#include <array>
#include <cstdint>

#include <glm/glm.hpp>

#include "engine/camera.h"

namespace gt::engine {

// Cascades drawn around the camera each frame it moves, near to far.
inline constexpr uint32_t kShadowCascades = 3;
// The practical split scheme (Zhang et al. 2006): each split is lambda x the logarithmic split
// plus (1 - lambda) x the uniform one. The logarithmic scheme gives every cascade the same
// texels per pixel of screen; pure log makes the first cascade tiny (0.1 to 1.1 m when walking),
// so some uniform weight moves the first split out to a few metres, where the eye looks.
inline constexpr float kShadowSplitLambda = 0.75f;
// How far from the eye the cascades reach (metres along the view). Beyond, the whole-site map
// (redrawn only when the casters change) shades: at that distance one of its texels (~18 cm
// on a 300 x 200 m site at 2048^2) is a pixel or two on screen.
inline constexpr float kShadowDistance = 120.f;

// The split distances along the view: [0] = near, [kShadowCascades] = far; cascade i covers
// splits[i] .. splits[i + 1]. Requires 0 < near < far and lambda in 0..1.
std::array<float, kShadowCascades + 1> cascadeSplits(float near, float far, float lambda);

struct SliceSphere {
  glm::vec3 centre{0.f};
  float radius = 0.f;
};

// The camera as the cascades see it: a perspective lens looking along `forward` (unit).
struct CascadeCamera {
  glm::vec3 eye{0.f};
  glm::vec3 forward{0.f, 0.f, -1.f};
  float fov_y = 0.8f;  // radians
  float aspect = 1.f;  // width / height
  float near_plane = 0.1f, far_plane = 5000.f;
};

// The eight corners of the view frustum between distances `near` and `far` along the view
// (for tests and debugging; the fit itself needs only the sphere below).
std::array<glm::vec3, 8> sliceCorners(const CascadeCamera& camera, float near, float far);

// The smallest sphere around the slice's corners whose centre is on the view axis. Its radius
// depends on near, far, fov and aspect only, never on where the camera looks.
SliceSphere sliceBoundingSphere(const CascadeCamera& camera, float near, float far);

// World to the sun's view space: looks along -to_sun, with a roll that never changes, so that
// snapping in this space is the same grid every frame. `to_sun` is a unit vector.
glm::mat4 sunView(const glm::vec3& to_sun);

// One shadow layer's projection (a cascade's, or the whole site's: shadow_map.h).
struct ShadowLayerFit {
  glm::mat4 view_projection{1.f};  // world to the layer's clip space: xy -1..1, depth 0..1
  float texel_metres = 0.f;        // one texel's side in metres; 0: the layer is unused
};

// The cascade's box: the sphere's square seen from the sun, its centre snapped to whole texels
// of a `resolution`-texel map, its depth stretched towards the sun to the top of `casters`, so
// casters outside the camera's view still cast into it. An empty `casters` or a sphere that
// does not touch them gives an unused fit (texel_metres 0): nothing there to shade.
ShadowLayerFit fitCascade(const SliceSphere& sphere, const Bounds& casters, const glm::vec3& to_sun,
                          uint32_t resolution);

// Every cascade of a frame: splits between the camera's near plane and
// min(far plane, shadow_distance), one fit per slice.
std::array<ShadowLayerFit, kShadowCascades> fitShadowCascades(
    const CascadeCamera& camera, const Bounds& casters, const glm::vec3& to_sun,
    uint32_t resolution, float shadow_distance = kShadowDistance);

}  // namespace gt::engine
