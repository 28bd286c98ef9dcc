// The headless renderer on a real Vulkan device (lavapipe on CI): a cube against the sky,
// probed at named pixels.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <imgui.h>

#include "engine/renderer.h"
#include "engine_test_support.h"

namespace fs = std::filesystem;
using namespace gt::engine;

using gt::engine::testing::pixel;
using gt::engine::testing::Rgb;

namespace {

// A 2 m orange cube centred on the origin, in its own named object. Orange, so that neither
// the sky nor a red tint can be mistaken for it.
fs::path writeCubeObj(const fs::path& dir) {
  std::ofstream(dir / "cube.mtl") << "newmtl orange\nKd 0.8 0.45 0.1\n";
  const fs::path file = dir / "cube.obj";
  std::ofstream out(file);
  out << "mtllib cube.mtl\n"
         "o Cube\n"
         "v -1 -1 -1\nv 1 -1 -1\nv 1 1 -1\nv -1 1 -1\n"
         "v -1 -1 1\nv 1 -1 1\nv 1 1 1\nv -1 1 1\n"
         "usemtl orange\n"
         "f 1 4 3 2\nf 5 6 7 8\nf 1 5 8 4\nf 2 3 7 6\nf 4 8 7 3\nf 1 2 6 5\n";
  return file;
}

fs::path scratchDir() {
  const fs::path dir = fs::temp_directory_path() / "greentwin-engine-test";
  fs::create_directories(dir);
  return dir;
}

// Sky: bright, and blue at least as strong as red and green (pale horizon to blue zenith).
bool looksLikeSky(Rgb c) {
  return std::min({c.r, c.g, c.b}) > 120 && c.b >= c.r && c.b >= c.g;
}

}  // namespace

TEST_CASE("headless renderer draws a cube against the sky", "[engine][gpu]") {
  const fs::path dir = scratchDir();
  // The layer reports through validationErrors(); without it installed this only warns.
  auto renderer = gt::engine::testing::headlessRenderer();
  REQUIRE(renderer);
  CHECK(renderer->viewportSize() == glm::ivec2(320, 240));
  CHECK(renderer->msaaSamples() >= 1);

  const ModelInfo info = renderer->loadModel(writeCubeObj(dir));
  CHECK(info.triangles == 12);
  CHECK(info.bounds.min.x == Approx(-1.f));
  CHECK(info.bounds.max.y == Approx(1.f));
  const NodeHandle cube = renderer->findNode("Cube");
  REQUIRE(cube.valid());
  CHECK(renderer->nodeBounds(cube).radius() == Approx(std::sqrt(3.f)));
  CHECK_FALSE(renderer->findNode("No such node").valid());

  REQUIRE(renderer->renderFrame());
  CHECK(renderer->lastFrameTiming().cpu_ms > 0.0);
  Image image = renderer->readback();
  REQUIRE(image.width == 320);
  REQUIRE(image.height == 240);
  REQUIRE(image.rgba.size() == 320u * 240u * 4u);

  SECTION("the cube covers the centre and the sky the corners") {
    const Rgb centre = pixel(image, 160, 120);
    const Rgb corner = pixel(image, 2, 2);
    INFO("centre " << centre.r << "," << centre.g << "," << centre.b << " corner " << corner.r
                   << "," << corner.g << "," << corner.b);
    CHECK(looksLikeSky(corner));
    CHECK_FALSE(looksLikeSky(centre));
    CHECK(centre.r > centre.b + 40);  // the orange cube
    CHECK(image.rgba[(120 * 320 + 160) * 4 + 3] == 255);
  }

  SECTION("a red tint makes the cube red") {
    renderer->setTint(cube, {1.f, 0.f, 0.f}, 1.f);
    REQUIRE(renderer->renderFrame());
    image = renderer->readback();
    const Rgb centre = pixel(image, 160, 120);
    INFO("centre " << centre.r << "," << centre.g << "," << centre.b);
    CHECK(centre.r > 2 * centre.g);
    CHECK(centre.r > 2 * centre.b);

    renderer->clearTints();
    REQUIRE(renderer->renderFrame());
    const Rgb cleared = pixel(renderer->readback(), 160, 120);
    CHECK(cleared.g > centre.g + 40);  // back to orange
  }

  SECTION("a hidden node is not drawn, and shows again") {
    renderer->setVisible(cube, false);
    REQUIRE(renderer->renderFrame());
    CHECK(looksLikeSky(pixel(renderer->readback(), 160, 120)));
    renderer->setVisible(cube, true);
    REQUIRE(renderer->renderFrame());
    CHECK_FALSE(looksLikeSky(pixel(renderer->readback(), 160, 120)));
  }

  SECTION("the UI callback draws over the scene, also after a font rebuild") {
    renderer->setUiCallback([] {
      ImGui::SetNextWindowPos(ImVec2(10, 150));
      ImGui::SetNextWindowSize(ImVec2(80, 60));
      ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.f, 1.f, 0.f, 1.f));
      ImGui::Begin("probe", nullptr, ImGuiWindowFlags_NoDecoration);
      ImGui::Text("kWh");
      ImGui::End();
      ImGui::PopStyleColor();
    });
    REQUIRE(renderer->renderFrame());
    Rgb inside = pixel(renderer->readback(), 70, 200);
    INFO("ui " << inside.r << "," << inside.g << "," << inside.b);
    CHECK((inside.g > 200 && inside.r < 60 && inside.b < 60));

    ImGui::GetIO().Fonts->AddFontDefault();
    renderer->rebuildUiFonts();
    REQUIRE(renderer->renderFrame());
    inside = pixel(renderer->readback(), 70, 200);
    CHECK((inside.g > 200 && inside.r < 60 && inside.b < 60));
  }

  SECTION("writePng writes a PNG file") {
    const fs::path png = dir / "cube.png";
    writePng(image, png);
    std::ifstream in(png, std::ios::binary);
    char signature[8] = {};
    in.read(signature, 8);
    CHECK(std::string(signature, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  }

  CHECK(renderer->validationErrors() == 0);
}

TEST_CASE("loading a missing model names the file", "[engine][gpu]") {
  RendererOptions options;
  options.headless = true;
  options.width = 64;
  options.height = 64;
  auto renderer = Renderer::create(options);
  CHECK_THROWS_WITH(renderer->loadModel("/nonexistent/plant.glb"),
                    Catch::Contains("/nonexistent/plant.glb"));
}

TEST_CASE("writePng refuses an empty image", "[engine]") {
  CHECK_THROWS(writePng(Image{}, scratchDir() / "empty.png"));
}
