// OrbitCamera and projectToScreen: pure math, no GPU.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "engine/camera.h"

using gt::engine::Bounds;
using gt::engine::OrbitCamera;
using gt::engine::projectToScreen;

namespace {

constexpr float kAspect = 320.f / 240.f;
const glm::vec2 kSize{320.f, 240.f};

OrbitCamera lookingAlongMinusZ() {
  OrbitCamera cam;
  cam.target = {0, 0, 0};
  cam.distance = 10.f;
  cam.yaw = 0.f;
  cam.pitch = 0.f;
  return cam;
}

}  // namespace

TEST_CASE("yaw 0 and pitch 0 put the eye on +Z of the target", "[engine][camera]") {
  const OrbitCamera cam = lookingAlongMinusZ();
  const glm::vec3 eye = cam.eye();
  CHECK(eye.x == Approx(0.f).margin(1e-5));
  CHECK(eye.y == Approx(0.f).margin(1e-5));
  CHECK(eye.z == Approx(10.f));
}

TEST_CASE("a point straight ahead lands in the centre pixel", "[engine][camera]") {
  OrbitCamera cam = lookingAlongMinusZ();
  cam.target = {3, 2, -1};
  cam.yaw = 0.9f;
  cam.pitch = 0.4f;
  const glm::mat4 view = cam.view();
  const glm::mat4 vp = cam.projection(kAspect) * view;
  const auto p = projectToScreen(vp, view, cam.target, kSize);
  REQUIRE(p.has_value());
  CHECK(p->pixel.x == Approx(160.f).margin(0.5));
  CHECK(p->pixel.y == Approx(120.f).margin(0.5));
  CHECK(p->depth == Approx(10.f).margin(1e-3));
}

TEST_CASE("a point behind the camera is not projected", "[engine][camera]") {
  const OrbitCamera cam = lookingAlongMinusZ();
  const glm::mat4 view = cam.view();
  const glm::mat4 vp = cam.projection(kAspect) * view;
  CHECK_FALSE(projectToScreen(vp, view, {0, 0, 20}, kSize).has_value());
  // In front of the eye but nearer than the near plane.
  CHECK_FALSE(projectToScreen(vp, view, {0, 0, 10.f - cam.near_plane * 0.5f}, kSize).has_value());
}

TEST_CASE("right is right and up is up on the screen", "[engine][camera]") {
  const OrbitCamera cam = lookingAlongMinusZ();
  const glm::mat4 view = cam.view();
  const glm::mat4 vp = cam.projection(kAspect) * view;
  const auto right = projectToScreen(vp, view, {1, 0, 0}, kSize);
  const auto up = projectToScreen(vp, view, {0, 1, 0}, kSize);
  REQUIRE(right.has_value());
  REQUIRE(up.has_value());
  CHECK(right->pixel.x > 160.f);
  CHECK(right->pixel.y == Approx(120.f).margin(0.5));
  CHECK(up->pixel.y < 120.f);  // rows grow downwards
}

TEST_CASE("frame() puts the whole bounds inside the view", "[engine][camera]") {
  OrbitCamera cam;
  cam.yaw = 0.7f;
  cam.pitch = 0.55f;
  Bounds b;
  b.extend(glm::vec3(-40, 0, -25));
  b.extend(glm::vec3(60, 18, 35));
  cam.frame(b, kAspect);
  const glm::mat4 view = cam.view();
  const glm::mat4 vp = cam.projection(kAspect) * view;
  float extent = 0.f;
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p{corner & 1 ? b.max.x : b.min.x, corner & 2 ? b.max.y : b.min.y,
                      corner & 4 ? b.max.z : b.min.z};
    const auto s = projectToScreen(vp, view, p, kSize);
    REQUIRE(s.has_value());
    CHECK(s->pixel.x >= 0.f);
    CHECK(s->pixel.x <= kSize.x);
    CHECK(s->pixel.y >= 0.f);
    CHECK(s->pixel.y <= kSize.y);
    CHECK(s->depth < cam.far_plane);
    extent = std::max(
        {extent, std::abs(s->pixel.x - 160.f) / 160.f, std::abs(s->pixel.y - 120.f) / 120.f});
  }
  // Tight: some corner reaches near the edge (the margin is 10 %).
  CHECK(extent > 0.8f);
}

TEST_CASE("orbit clamps the pitch and zoom scales the distance", "[engine][camera]") {
  OrbitCamera cam = lookingAlongMinusZ();
  cam.orbit(0.5f, 10.f);
  CHECK(cam.yaw == Approx(0.5f));
  CHECK(cam.pitch == Approx(1.5f));
  cam.zoom(0.5f);
  CHECK(cam.distance == Approx(5.f));
}

TEST_CASE("pan moves the target across the view, not along it", "[engine][camera]") {
  OrbitCamera cam = lookingAlongMinusZ();
  cam.pan(0.5f, 0.f);
  CHECK(cam.target.x > 0.f);
  CHECK(cam.target.z == Approx(0.f).margin(1e-5));
}
