// CameraFlight: interpolates the target linearly and the distance geometrically (a zoom from
// 10 m to 1000 m should feel even, not spend most of its time far away).
#include "camera_flight.h"

#include <algorithm>
#include <cmath>

namespace gt::engine {

float easeInOut(float t) {
  t = std::clamp(t, 0.f, 1.f);
  return t < 0.5f ? 4.f * t * t * t : 1.f - std::pow(-2.f * t + 2.f, 3.f) * 0.5f;
}

void CameraFlight::start(const OrbitCamera& from, const Bounds& b, float aspect, double seconds) {
  OrbitCamera end = from;
  end.frame(b, aspect);
  start(from, end, seconds);
}

void CameraFlight::start(const OrbitCamera& from, const OrbitCamera& to, double seconds) {
  const OrbitCamera& end = to;
  from_target_ = from.target;
  from_distance_ = from.distance;
  to_target_ = end.target;
  to_distance_ = end.distance;
  to_near_ = end.near_plane;
  to_far_ = end.far_plane;
  from_yaw_ = from.yaw;
  // The same heading the short way round: from 170 degrees to -170 turns 20 degrees, not 340.
  constexpr float kTwoPi = 6.28318531f;
  to_yaw_ = from.yaw + std::remainder(end.yaw - from.yaw, kTwoPi);
  from_pitch_ = from.pitch;
  to_pitch_ = end.pitch;
  elapsed_ = 0;
  duration_ = std::max(seconds, 0.0);
  active_ = true;
}

bool CameraFlight::advance(OrbitCamera& camera, double dt_seconds) {
  if (!active_) return false;
  elapsed_ += dt_seconds;
  const float t = duration_ > 0 ? static_cast<float>(elapsed_ / duration_) : 1.f;
  const float s = easeInOut(t);
  camera.target = glm::mix(from_target_, to_target_, s);
  camera.distance = from_distance_ * std::pow(to_distance_ / from_distance_, s);
  camera.yaw = from_yaw_ + (to_yaw_ - from_yaw_) * s;
  camera.pitch = from_pitch_ + (to_pitch_ - from_pitch_) * s;
  // The planes jump to the end values at once: the far plane only ever grows, and a near plane
  // that is briefly small costs only depth precision.
  camera.near_plane = std::min(camera.near_plane, to_near_);
  camera.far_plane = std::max(camera.far_plane, to_far_);
  if (t >= 1.f) {
    camera.near_plane = to_near_;
    active_ = false;
  }
  return true;
}

}  // namespace gt::engine
