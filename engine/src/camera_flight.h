// A smooth camera flight (flyTo): target, distance and view angles move from where the camera
// is to where it should end, with an ease-in-out curve. Pure: time comes in as a parameter.
#pragma once

#include <glm/glm.hpp>

#include "engine/camera.h"

namespace gt::engine {

class CameraFlight {
 public:
  // Starts a flight that ends with the camera framing `b` in a view of `aspect` (width /
  // height); yaw and pitch are kept.
  void start(const OrbitCamera& from, const Bounds& b, float aspect, double seconds);
  // Starts a flight that ends with the camera equal to `to` (a saved viewpoint); yaw turns the
  // short way round.
  void start(const OrbitCamera& from, const OrbitCamera& to, double seconds);
  // Advances by `dt_seconds` and moves the camera; returns false when no flight is running.
  bool advance(OrbitCamera& camera, double dt_seconds);
  void cancel() { active_ = false; }
  bool active() const { return active_; }

 private:
  bool active_ = false;
  double elapsed_ = 0, duration_ = 0;
  glm::vec3 from_target_{0.f}, to_target_{0.f};
  float from_distance_ = 1.f, to_distance_ = 1.f;
  float from_yaw_ = 0.f, to_yaw_ = 0.f, from_pitch_ = 0.f, to_pitch_ = 0.f;
  float to_near_ = 0.1f, to_far_ = 5000.f;
};

// Cubic ease-in-out on 0..1.
float easeInOut(float t);

}  // namespace gt::engine
