// Sun shadows: the fit of the shadow map's projection to a model (pure math), and a headless
// render of a cube floating above a ground quad whose shadow is probed where the engine's sun
// direction says it must fall.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../../engine/src/shadow_map.h"
#include "engine/renderer.h"

namespace fs = std::filesystem;
using namespace gt::engine;

namespace {

// A 40 m grey ground quad at y = 0 and a 2 m cube floating with its centre 4 m above the origin,
// so its shadow lands clear of the cube's own footprint.
fs::path writeFloatingCubeObj(const fs::path& dir) {
  std::ofstream(dir / "floating.mtl") << "newmtl ground\nKd 0.6 0.6 0.6\n"
                                         "newmtl box\nKd 0.8 0.45 0.1\n";
  const fs::path file = dir / "floating.obj";
  std::ofstream out(file);
  out << "mtllib floating.mtl\n"
         "o Ground\n"
         "v -20 0 -20\nv 20 0 -20\nv 20 0 20\nv -20 0 20\n"
         "usemtl ground\n"
         "f 1 4 3 2\n"
         "o Cube\n"
         "v -1 3 -1\nv 1 3 -1\nv 1 5 -1\nv -1 5 -1\n"
         "v -1 3 1\nv 1 3 1\nv 1 5 1\nv -1 5 1\n"
         "usemtl box\n"
         "f 5 8 7 6\nf 9 10 11 12\nf 5 9 12 8\nf 6 7 11 10\nf 8 12 11 7\nf 5 6 10 9\n";
  return file;
}

int brightness(const Image& image, glm::vec2 pixel) {
  const size_t i = (static_cast<size_t>(pixel.y) * image.width + static_cast<size_t>(pixel.x)) * 4;
  return image.rgba[i] + image.rgba[i + 1] + image.rgba[i + 2];
}

}  // namespace

TEST_CASE("the sun's shadow projection holds the whole model", "[engine][shadow]") {
  Bounds site;
  site.extend(glm::vec3(-150, 0, -100));
  site.extend(glm::vec3(150, 25, 100));
  const glm::vec3 to_sun = glm::normalize(glm::vec3(-0.45f, 0.75f, 0.5f));
  const SunShadowFit fit = fitSunShadow(site, to_sun, 4096);
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p{corner & 1 ? site.max.x : site.min.x, corner & 2 ? site.max.y : site.min.y,
                      corner & 4 ? site.max.z : site.min.z};
    const glm::vec4 clip = fit.view_projection * glm::vec4(p, 1.f);
    INFO("corner " << corner << ": " << clip.x << ", " << clip.y << ", " << clip.z);
    CHECK(std::abs(clip.x) <= 1.f);
    CHECK(std::abs(clip.y) <= 1.f);
    CHECK((clip.z >= 0.f && clip.z <= 1.f));
  }
  // Fitted, not padded: a 300 x 200 m site keeps texels near 10 cm (the site's diagonal is
  // 361 m, so anything above ~9 cm per texel in both axes would mean a loose fit).
  CHECK(fit.texel_metres > 0.05f);
  CHECK(fit.texel_metres < 0.1f);
  // A point nearer the sun maps to a smaller depth.
  const glm::vec4 near = fit.view_projection * glm::vec4(to_sun * 10.f, 1.f);
  const glm::vec4 far = fit.view_projection * glm::vec4(-to_sun * 10.f, 1.f);
  CHECK(near.z < far.z);

  CHECK(fitSunShadow(Bounds{}, to_sun, 4096).texel_metres == 0.f);
}

TEST_CASE("a floating cube casts a shadow that keeps the ambient light", "[engine][gpu][shadow]") {
  const fs::path dir = fs::temp_directory_path() / "greentwin-shadow-test";
  fs::create_directories(dir);
  RendererOptions options;
  options.headless = true;
  options.width = 320;
  options.height = 240;
  options.validation = true;
  auto renderer = Renderer::create(options);
  renderer->loadModel(writeFloatingCubeObj(dir));

  const glm::vec3 to_sun = renderer->sunDirection();
  REQUIRE(glm::length(to_sun) == Approx(1.f));
  REQUIRE(to_sun.y > 0.3f);  // a sun high enough for the shadow to land near the cube
  // The cube's centre, 4 m up, projected along the sun onto the ground; and the mirror point
  // on the sun's side, which nothing shades.
  const glm::vec2 shift = glm::vec2(to_sun.x, to_sun.z) * (4.f / to_sun.y);
  const glm::vec3 in_shadow(-shift.x, 0.f, -shift.y);
  const glm::vec3 in_sun(shift.x, 0.f, shift.y);

  OrbitCamera& camera = renderer->camera();
  camera.target = glm::vec3(0.f);
  camera.yaw = 0.f;
  camera.pitch = 1.45f;  // nearly straight down, so the cube hides neither probe
  camera.distance = 30.f;
  REQUIRE(renderer->renderFrame());
  const Image image = renderer->readback();

  const glm::vec2 size(image.width, image.height);
  const glm::mat4 view_projection = camera.projection(size.x / size.y) * camera.view();
  const auto dark = projectToScreen(view_projection, camera.view(), in_shadow, size);
  const auto lit = projectToScreen(view_projection, camera.view(), in_sun, size);
  REQUIRE(dark);
  REQUIRE(lit);
  const int dark_value = brightness(image, dark->pixel);
  const int lit_value = brightness(image, lit->pixel);
  INFO("in shadow " << dark_value << " at " << dark->pixel.x << "," << dark->pixel.y << "; in sun "
                    << lit_value << " at " << lit->pixel.x << "," << lit->pixel.y);
  CHECK(lit_value * 4 > dark_value * 5);  // clearly darker: the sun adds over a quarter
  CHECK(dark_value > 90);                 // but lit by the sky: a shadow is never black

  SECTION("hiding the cube lifts its shadow") {
    renderer->setVisible(renderer->findNode("Cube"), false);
    REQUIRE(renderer->renderFrame());
    const int uncovered = brightness(renderer->readback(), dark->pixel);
    INFO("uncovered " << uncovered << ", in sun " << lit_value);
    CHECK(std::abs(uncovered - lit_value) < 15);
  }

  CHECK(renderer->validationErrors() == 0);
}
