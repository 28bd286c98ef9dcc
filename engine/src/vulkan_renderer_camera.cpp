// Camera modes of VulkanRenderer: window input per mode, flights to saved viewpoints, and the
// walk mode's floor following (a straight-down ray cast against the picking hierarchy).
#include <algorithm>

#include "vulkan_renderer.h"

namespace gt::engine {
namespace {

// Fly speed in m/s for a model of this size: crossing the site takes about 20 s, and never
// slower than a brisk walk.
float flySpeed(const Bounds& b) {
  return std::max(2.f, b.radius() * 0.1f);
}
constexpr float kWalkSpeed = 1.4f;        // m/s, an unhurried inspection walk
constexpr float kWalkLookDistance = 5.f;  // the orbit pivot a walker leaves in front of them
constexpr float kWalkNearPlane = 0.05f;   // a hand's breadth: walls close by are not clipped
constexpr float kWalkStandOff = 6.f;      // m from the thing looked at: it fills the view

}  // namespace

std::optional<float> VulkanRenderer::floorBelow(const glm::vec3& from) const {
  if (!model_ || !picker_.valid()) return std::nullopt;
  const Ray down{from, glm::vec3(0, -1, 0)};
  const std::optional<RayHit> hit = picker_.get().cast(down, model_->hidden);
  if (!hit) return std::nullopt;
  return hit->point.y;
}

void VulkanRenderer::setCameraMode(CameraMode mode) {
  if (mode == camera_mode_) return;
  flight_.cancel();
  walk_.reset();
  if (mode == CameraMode::Walk && model_) {
    // Set down in front of what the orbit was looking at (a machine, an area): a few metres
    // from it on the side the camera was on, on the floor there, looking level at it.
    const glm::vec3 target = camera_.target;
    glm::vec3 back = camera_.eye() - target;
    back.y = 0.f;
    const float out = std::min(glm::length(back), kWalkStandOff);
    // Looking straight down there is no "camera's side": stand south of it, facing north.
    const glm::vec3 dir = glm::length(back) > 1e-4f ? glm::normalize(back) : glm::vec3(0, 0, 1);
    const glm::vec3 spot = target + dir * out + glm::vec3(0, WalkMotion::kStepHeight, 0);
    const float floor_y = floorBelow(spot).value_or(model_->data.bounds.min.y);
    const glm::vec3 eye(spot.x, floor_y + WalkMotion::kEyeHeight, spot.z);
    camera_.setViewpoint({eye, eye - dir * kWalkLookDistance});
    camera_.near_plane = std::min(camera_.near_plane, kWalkNearPlane);
  } else if (mode == CameraMode::Fly) {
    camera_.near_plane = std::min(camera_.near_plane, kWalkNearPlane);
  } else if (mode == CameraMode::Orbit && model_) {
    camera_.near_plane = std::max(0.01f, model_->data.bounds.radius() * 0.002f);
  }
  camera_mode_ = mode;
}

void VulkanRenderer::flyTo(const Viewpoint& viewpoint, double seconds) {
  OrbitCamera end = camera_;
  end.setViewpoint(viewpoint);
  flight_.start(camera_, end, seconds);
  if (seconds <= 0) flight_.advance(camera_, 0);
}

void VulkanRenderer::advanceCamera(float dt) {
  const float speed = camera_mode_ == CameraMode::Walk ? kWalkSpeed
                      : model_                         ? flySpeed(model_->data.bounds)
                                                       : 2.f;
  if (input_ &&
      input_->update(camera_, camera_mode_, speed, dt, ui_->wantsMouse(), ui_->wantsKeyboard()) &&
      model_) {
    setCameraMode(CameraMode::Orbit);
    flyTo(model_->data.bounds, 0.6);
  }
  flight_.advance(camera_, dt);
  if (camera_mode_ != CameraMode::Walk || !model_ || flight_.active()) return;
  const glm::vec3 eye = camera_.eye();
  const glm::vec3 probe(eye.x, WalkMotion::probeAbove(eye.y), eye.z);
  const float y = walk_.advance(eye.y, floorBelow(probe), model_->data.bounds.min.y, dt);
  camera_.translate(glm::vec3(0, y - eye.y, 0));
}

}  // namespace gt::engine
