// Camera modes: looking about the eye, saved viewpoints, flights to them, the walk mode's
// vertical motion (pure), and walk mode on a real headless renderer following a floor.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "../../engine/src/camera_flight.h"
#include "../../engine/src/walk_motion.h"
#include "engine/renderer.h"

namespace fs = std::filesystem;
using namespace gt::engine;

namespace {

void requireNear(const glm::vec3& a, const glm::vec3& b, float margin = 1e-3f) {
  INFO("(" << a.x << ", " << a.y << ", " << a.z << ") vs (" << b.x << ", " << b.y << ", " << b.z
           << ")");
  REQUIRE(glm::length(a - b) <= margin);
}

// A 40 x 40 m floor at y = 0 and a 10 x 10 m platform 2 m high centred on the origin, as OBJ.
fs::path writeFloorAndPlatform() {
  const fs::path dir = fs::temp_directory_path() / "greentwin-camera-modes-test";
  fs::create_directories(dir);
  const fs::path file = dir / "floor_platform.obj";
  std::ofstream out(file);
  out << "o Floor\nv -20 0 -20\nv 20 0 -20\nv 20 0 20\nv -20 0 20\nf 1 4 3 2\n";
  out << "o Platform\n";
  for (int v = 0; v < 8; ++v)
    out << "v " << (v & 1 ? 5 : -5) << " " << (v & 2 ? 2 : 0) << " " << (v & 4 ? 5 : -5) << "\n";
  const int faces[6][4] = {{1, 3, 4, 2}, {5, 6, 8, 7}, {1, 5, 7, 3},
                           {2, 4, 8, 6}, {3, 7, 8, 4}, {1, 2, 6, 5}};
  for (const auto& f : faces)
    out << "f " << 4 + f[0] << " " << 4 + f[1] << " " << 4 + f[2] << " " << 4 + f[3] << "\n";
  return file;
}

}  // namespace

TEST_CASE("looking around keeps the eye where it is", "[engine][camera]") {
  OrbitCamera cam;
  cam.target = {1, 2, 3};
  cam.distance = 7.f;
  const glm::vec3 eye = cam.eye();
  cam.look(0.4f, -0.2f);
  requireNear(cam.eye(), eye);
  CHECK(cam.distance == Approx(7.f));
  // Turning the view right (negative yaw) from looking along -Z looks towards +X.
  OrbitCamera level;
  level.yaw = 0.f;
  level.pitch = 0.f;
  level.look(-1.5707963f, 0.f);
  requireNear(level.forward(), {1, 0, 0});
}

TEST_CASE("a viewpoint restores the same eye and target", "[engine][camera]") {
  OrbitCamera cam;
  const Viewpoint v{{12.f, 5.f, -3.f}, {2.f, 1.f, 4.f}};
  cam.setViewpoint(v);
  requireNear(cam.eye(), v.eye);
  requireNear(cam.target, v.target);
  requireNear(cam.viewpoint().eye, v.eye);
  // A degenerate viewpoint (eye on the target) changes nothing.
  const Viewpoint before = cam.viewpoint();
  cam.setViewpoint({{1, 1, 1}, {1, 1, 1}});
  requireNear(cam.eye(), before.eye);
}

TEST_CASE("a flight to a viewpoint ends exactly there and turns the short way",
          "[engine][camera]") {
  OrbitCamera from;
  from.yaw = 3.0f;  // about 172 degrees
  OrbitCamera to = from;
  to.setViewpoint({{-1.f, 2.f, -10.f}, {0.f, 0.f, 0.f}});  // yaw about -174 degrees
  CameraFlight flight;
  flight.start(from, to, 1.0);
  OrbitCamera cam = from;
  flight.advance(cam, 0.5);
  // Half-way the heading has passed through 180 degrees, not swung back through 0.
  CHECK(std::abs(std::cos(cam.yaw) - -1.f) < 0.01f);
  flight.advance(cam, 0.6);
  CHECK_FALSE(flight.active());
  requireNear(cam.eye(), {-1.f, 2.f, -10.f}, 1e-3f);
}

TEST_CASE("walking keeps eye height, climbs a step and falls with gravity", "[engine][camera]") {
  WalkMotion walk;
  // Standing on a floor at 0: stays at 1.7 m.
  CHECK(walk.advance(1.7f, 0.f, -1.f, 0.016f) == Approx(1.7f));
  // A 0.3 m step: the eye glides up and is on it within a few frames.
  float y = 1.7f;
  for (int i = 0; i < 10; ++i) y = walk.advance(y, 0.3f, -1.f, 0.016f);
  CHECK(y == Approx(2.0f));
  // Off a 2 m platform onto the floor: after 0.1 s of free fall the drop is about
  // g t^2 / 2 = 9.81 * 0.01 / 2 = 0.049 m (semi-implicit Euler steps of 10 ms give 0.054 m).
  walk.reset();
  y = 3.7f;
  for (int i = 0; i < 10; ++i) y = walk.advance(y, 0.f, -1.f, 0.01f);
  CHECK(3.7f - y == Approx(0.054f).margin(0.002f));
  // ... and lands at eye height, without sinking through.
  for (int i = 0; i < 200; ++i) y = walk.advance(y, 0.f, -1.f, 0.01f);
  CHECK(y == Approx(1.7f));
  // Off the edge of the model: the fall ends at the model's lowest point.
  walk.reset();
  y = 5.f;
  for (int i = 0; i < 300; ++i) y = walk.advance(y, std::nullopt, -2.f, 0.01f);
  CHECK(y == Approx(-0.3f));
}

TEST_CASE("walk mode stands on the platform, then walks off and falls to the floor",
          "[engine][camera][headless]") {
  RendererOptions options;
  options.headless = true;
  options.width = 64;
  options.height = 48;
  options.msaa = 1;
  std::unique_ptr<Renderer> renderer = Renderer::create(options);
  renderer->loadModel(writeFloorAndPlatform());
  // Look down at the platform from nearly overhead, then walk: the eye is set down on its top
  // (within 6 m of the target, on the camera's side).
  renderer->camera().setViewpoint({{0.5f, 30.f, 0.5f}, {0.f, 2.5f, 0.f}});
  renderer->setCameraMode(CameraMode::Walk);
  CHECK(renderer->cameraMode() == CameraMode::Walk);
  CHECK(renderer->camera().eye().y == Approx(2.f + WalkMotion::kEyeHeight).margin(1e-3));
  CHECK(std::abs(renderer->camera().forward().y) < 1e-4f);  // looking level

  // Step off the platform's edge: frames of real time bring the eye down to the floor.
  renderer->camera().translate({8.f, 0.f, 0.f});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (renderer->camera().eye().y > WalkMotion::kEyeHeight + 1e-3f &&
         std::chrono::steady_clock::now() < deadline)
    renderer->renderFrame();
  CHECK(renderer->camera().eye().y == Approx(WalkMotion::kEyeHeight).margin(1e-3));

  // Back to orbit: the eye is free again and stays where it was.
  const glm::vec3 eye = renderer->camera().eye();
  renderer->setCameraMode(CameraMode::Orbit);
  renderer->renderFrame();
  requireNear(renderer->camera().eye(), eye);
}
