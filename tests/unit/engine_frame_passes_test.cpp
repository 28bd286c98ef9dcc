// FramePasses ordering and CameraFlight easing: engine logic that needs no GPU.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../../engine/src/camera_flight.h"
#include "../../engine/src/frame_passes.h"

using namespace gt::engine;

TEST_CASE("prepare passes run before the main pass, main passes inside it", "[engine][passes]") {
  std::vector<std::string> log;
  FramePasses passes;
  auto logger = [&log](std::string name) {
    return [&log, name](VkCommandBuffer) { log.push_back(name); };
  };
  passes.add({"opaque", PassStage::Main, logger("opaque")});
  passes.add({"shadow", PassStage::Prepare, logger("shadow")});
  passes.add({"ui", PassStage::Main, logger("ui")});

  PassHooks hooks;
  hooks.begin_main = [&](VkCommandBuffer) { log.push_back("begin"); };
  hooks.end_main = [&](VkCommandBuffer) { log.push_back("end"); };
  hooks.begin_label = [&](VkCommandBuffer, const char* name) {
    log.push_back(std::string("[") + name);
  };
  hooks.end_label = [&](VkCommandBuffer) { log.push_back("]"); };
  passes.record(VK_NULL_HANDLE, hooks);
  CHECK(log == std::vector<std::string>{"[shadow", "shadow", "]", "begin", "[opaque", "opaque", "]",
                                        "[ui", "ui", "]", "end"});
  CHECK(passes.executionOrder() == std::vector<std::string>{"shadow", "opaque", "ui"});

  REQUIRE(passes.find("shadow"));
  CHECK(passes.find("no such pass") == nullptr);

  REQUIRE(passes.setEnabled("shadow", false));
  CHECK_FALSE(passes.setEnabled("no such pass", false));
  CHECK(passes.executionOrder() == std::vector<std::string>{"opaque", "ui"});
}

TEST_CASE("a pass declares the resources it reads and writes", "[engine][passes]") {
  FramePasses passes;
  FramePass shadow{"shadow map", PassStage::Prepare, [](VkCommandBuffer) {}};
  shadow.writes = {"sun shadow map"};
  passes.add(std::move(shadow));
  FramePass opaque{"opaque", PassStage::Main, [](VkCommandBuffer) {}};
  opaque.reads = {"sun shadow map"};
  passes.add(std::move(opaque));
  REQUIRE(passes.find("shadow map"));
  CHECK(passes.find("shadow map")->writes == std::vector<std::string>{"sun shadow map"});
  CHECK(passes.find("opaque")->reads == std::vector<std::string>{"sun shadow map"});
  CHECK(passes.find("opaque")->writes.empty());
}

TEST_CASE("a camera flight eases in and out and ends framing the bounds", "[engine][camera]") {
  CHECK(easeInOut(0.f) == Approx(0.f));
  CHECK(easeInOut(0.5f) == Approx(0.5f));
  CHECK(easeInOut(1.f) == Approx(1.f));
  CHECK(easeInOut(0.1f) < 0.1f);  // slow start
  CHECK(easeInOut(0.9f) > 0.9f);  // slow end

  OrbitCamera cam;
  Bounds b;
  b.extend(glm::vec3(100, 0, 100));
  b.extend(glm::vec3(104, 3, 102));
  OrbitCamera expected = cam;
  expected.frame(b, 16.f / 9.f);

  CameraFlight flight;
  flight.start(cam, b, 16.f / 9.f, 1.0);
  REQUIRE(flight.advance(cam, 0.5));
  CHECK(flight.active());
  CHECK(cam.target.x > 0.f);
  CHECK(cam.target.x < expected.target.x);
  REQUIRE(flight.advance(cam, 0.6));
  CHECK_FALSE(flight.active());
  CHECK(cam.target.x == Approx(expected.target.x));
  CHECK(cam.distance == Approx(expected.distance));
  CHECK_FALSE(flight.advance(cam, 0.1));
}
