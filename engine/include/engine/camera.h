// Orbit camera and the projection of world points to the screen. Pure math (glm), no GPU:
// the twin uses project() to anchor labels, tests use it without a device.
#pragma once

#include <optional>

#include <glm/glm.hpp>

namespace gt::engine {

struct Bounds {
  glm::vec3 min{1e30f}, max{-1e30f};
  bool empty() const { return min.x > max.x; }
  glm::vec3 center() const { return (min + max) * 0.5f; }
  float radius() const { return empty() ? 0.f : glm::length(max - min) * 0.5f; }
  void extend(const glm::vec3& p) {
    min = glm::min(min, p);
    max = glm::max(max, p);
  }
  void extend(const Bounds& b) {
    if (!b.empty()) {
      extend(b.min);
      extend(b.max);
    }
  }
};

// How mouse and keys move the camera. Orbit: turn around a target (the overview). Fly: look
// around from the eye and move freely, WASD + mouse, Q/E down/up. Walk: as fly, but the eye
// stays at eye height above whatever floor is under it and falls to it (an inspection walk
// through the hall).
enum class CameraMode { Orbit, Fly, Walk };

// A saved view: where the eye is and what it looks at. Independent of the camera mode, so a
// viewpoint saved while walking can be recalled in orbit mode and the other way round.
struct Viewpoint {
  glm::vec3 eye{0.f, 10.f, 10.f};
  glm::vec3 target{0.f};
};

// Orbit camera around a target, Y up, right-handed, metres. Angles in radians.
struct OrbitCamera {
  glm::vec3 target{0.f};
  float distance = 10.f;
  float yaw = 0.6f;     // around +Y, 0 looks along -Z
  float pitch = 0.45f;  // above the horizon, clamped to (-1.5, 1.5)
  float fov_y = 0.8f;   // vertical field of view
  float near_plane = 0.1f, far_plane = 5000.f;

  glm::vec3 eye() const;
  glm::mat4 view() const;
  // Vulkan clip space: y down, reversed depth (1 at the near plane, 0 at the far plane, which
  // spreads float depth precision evenly: a 2 cm kerb on a 300 m site does not flicker).
  glm::mat4 projection(float aspect) const;

  void orbit(float d_yaw, float d_pitch);
  void pan(float dx, float dy);  // in fractions of the view height
  void zoom(float factor);       // distance *= factor
  // Turns the view about the eye (fly and walk modes): the eye stays, the target moves.
  void look(float d_yaw, float d_pitch);
  // Moves eye and target together by `delta` (world space).
  void translate(const glm::vec3& delta) { target += delta; }
  // Unit vector from the eye towards the target.
  glm::vec3 forward() const;

  Viewpoint viewpoint() const { return {eye(), target}; }
  // Takes eye and target from `v` (yaw, pitch and distance follow); planes are kept. A
  // viewpoint whose eye equals its target is ignored.
  void setViewpoint(const Viewpoint& v);
  // Places the camera so that the corners of `b` fill the view of the given aspect (width /
  // height) with a 10 % margin, keeping yaw and pitch; adjusts the near and far planes to the
  // size of `b`. An empty `b` leaves the camera unchanged.
  void frame(const Bounds& b, float aspect = 1.f);
};

// A point projected to the screen: pixels from the top-left corner, and its view depth.
struct ScreenPoint {
  glm::vec2 pixel;
  float depth;  // distance along the view direction, metres
};

// Projects a world point with the given view-projection (built from OrbitCamera::projection)
// to a viewport of `size` pixels.
// Returns nullopt for points behind the camera or closer than the near plane; points outside
// the viewport but in front of the camera are returned (callers decide to clip).
std::optional<ScreenPoint> projectToScreen(const glm::mat4& view_projection, const glm::mat4& view,
                                           const glm::vec3& world, const glm::vec2& size);

}  // namespace gt::engine
