// Sun shadows: the fit of the whole-site layer and of the cascades (pure math: splits, boxes,
// snapping), and headless renders: a cube floating above a ground quad whose shadow is probed
// where the engine's sun direction says it must fall; a post seen from close up whose shadow
// edge the cascades keep sharp; and a far box that keeps its shadow from the whole-site layer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../../engine/src/shadow_cascades.h"
#include "../../engine/src/shadow_map.h"
#include "engine/renderer.h"
#include "engine_test_support.h"

namespace fs = std::filesystem;
using namespace gt::engine;

namespace {

// `name`.obj in `dir`: a grey square ground quad at y = 0 reaching `half` metres from the origin
// each way, and the boxes [lo, hi] (orange), each its own named object.
struct ObjBox {
  const char* name;
  glm::vec3 lo, hi;
};
fs::path writeGroundAndBoxesObj(const fs::path& dir, const std::string& name, int half,
                                const std::vector<ObjBox>& boxes) {
  std::ofstream(dir / (name + ".mtl")) << "newmtl ground\nKd 0.6 0.6 0.6\n"
                                          "newmtl box\nKd 0.8 0.45 0.1\n";
  const fs::path file = dir / (name + ".obj");
  std::ofstream out(file);
  const std::string h = std::to_string(half);
  out << "mtllib " << name << ".mtl\no Ground\n"
      << "v -" << h << " 0 -" << h << "\nv " << h << " 0 -" << h << "\nv " << h << " 0 " << h
      << "\nv -" << h << " 0 " << h << "\nusemtl ground\nf 1 4 3 2\n";
  int base = 5;
  for (const ObjBox& b : boxes) {
    testing::writeBox(out, b.name, "box", b.lo, b.hi, base);
    base += 8;
  }
  return file;
}

// A 40 m ground quad and a 2 m cube floating with its centre 4 m above the origin, so its
// shadow lands clear of the cube's own footprint.
fs::path writeFloatingCubeObj(const fs::path& dir) {
  return writeGroundAndBoxesObj(dir, "floating", 20,
                                {{"Cube", {-1.f, 3.f, -1.f}, {1.f, 5.f, 1.f}}});
}

int brightness(const Image& image, glm::vec2 pixel) {
  const size_t i = (static_cast<size_t>(pixel.y) * image.width + static_cast<size_t>(pixel.x)) * 4;
  return image.rgba[i] + image.rgba[i + 1] + image.rgba[i + 2];
}

// The ground's brightness at a point in shadow and at one in the sun, in one frame drawn from the
// renderer's current camera; both points must be on screen.
struct GroundProbes {
  glm::vec2 dark_pixel, lit_pixel;
  int dark, lit;
};
GroundProbes probeGround(Renderer& renderer, glm::vec3 in_shadow, glm::vec3 in_sun) {
  REQUIRE(renderer.renderFrame());
  const Image image = renderer.readback();
  const OrbitCamera& camera = renderer.camera();
  const glm::vec2 size(image.width, image.height);
  const glm::mat4 view_projection = camera.projection(size.x / size.y) * camera.view();
  const auto dark = projectToScreen(view_projection, camera.view(), in_shadow, size);
  const auto lit = projectToScreen(view_projection, camera.view(), in_sun, size);
  REQUIRE(dark);
  REQUIRE(lit);
  return {dark->pixel, lit->pixel, brightness(image, dark->pixel), brightness(image, lit->pixel)};
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
  auto renderer = testing::headlessRenderer();
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
  const GroundProbes probes = probeGround(*renderer, in_shadow, in_sun);
  const int dark_value = probes.dark, lit_value = probes.lit;
  INFO("in shadow " << dark_value << " at " << probes.dark_pixel.x << "," << probes.dark_pixel.y
                    << "; in sun " << lit_value << " at " << probes.lit_pixel.x << ","
                    << probes.lit_pixel.y);
  CHECK(lit_value * 4 > dark_value * 5);  // clearly darker: the sun adds over a quarter
  CHECK(dark_value > 90);                 // but lit by the sky: a shadow is never black

  SECTION("hiding the cube lifts its shadow") {
    renderer->setVisible(renderer->findNode("Cube"), false);
    REQUIRE(renderer->renderFrame());
    const int uncovered = brightness(renderer->readback(), probes.dark_pixel);
    INFO("uncovered " << uncovered << ", in sun " << lit_value);
    CHECK(std::abs(uncovered - lit_value) < 15);
  }

  CHECK(renderer->validationErrors() == 0);
}

namespace {

const glm::vec3 kTestSun = glm::normalize(glm::vec3(-0.45f, 0.75f, 0.5f));

// A camera standing 1.7 m above the ground of a 300 x 200 m site, looking along `forward`.
CascadeCamera walkingCamera(const glm::vec3& forward) {
  CascadeCamera camera;
  camera.eye = glm::vec3(10.f, 1.7f, 5.f);
  camera.forward = glm::normalize(forward);
  camera.fov_y = 0.8f;
  camera.aspect = 16.f / 9.f;
  camera.near_plane = 0.1f;
  camera.far_plane = 5000.f;
  return camera;
}

Bounds plantSite() {
  Bounds site;
  site.extend(glm::vec3(-150, 0, -100));
  site.extend(glm::vec3(150, 25, 100));
  return site;
}

}  // namespace

TEST_CASE("cascade splits blend the logarithmic and the uniform scheme", "[engine][shadow]") {
  // Practical split scheme, near 0.1 m, far 120 m, three cascades:
  //   log_i = 0.1 * 1200^(i/3):   1.0627, 11.292
  //   uni_i = 0.1 + 119.9 * i/3:  40.067, 80.033
  //   lambda 0.75: 0.75 * log + 0.25 * uni = 10.814, 28.477
  const auto splits = cascadeSplits(0.1f, 120.f, 0.75f);
  CHECK(splits[0] == 0.1f);
  CHECK(splits[1] == Approx(10.814f).epsilon(1e-3));
  CHECK(splits[2] == Approx(28.477f).epsilon(1e-3));
  CHECK(splits[3] == 120.f);

  const auto logarithmic = cascadeSplits(0.1f, 120.f, 1.f);
  CHECK(logarithmic[1] == Approx(1.0627f).epsilon(1e-3));
  const auto uniform = cascadeSplits(0.1f, 120.f, 0.f);
  CHECK(uniform[2] == Approx(80.033f).epsilon(1e-3));
}

TEST_CASE("each slice of the view lies inside its cascade's box", "[engine][shadow]") {
  const Bounds site = plantSite();
  const auto splits = cascadeSplits(0.1f, kShadowDistance, kShadowSplitLambda);
  for (const glm::vec3 forward : {glm::vec3(1, 0, 0), glm::vec3(0.3f, -0.2f, -1.f),
                                  glm::vec3(-1, -0.6f, 0.4f), glm::vec3(0.05f, -1, 0.02f)}) {
    const CascadeCamera camera = walkingCamera(forward);
    const auto fits = fitShadowCascades(camera, site, kTestSun, 2048);
    // Looking straight down, the far slices lie under the ground, where nothing casts or
    // receives: those cascades are left unused. The first one always has work.
    REQUIRE(fits[0].texel_metres > 0.f);
    for (uint32_t i = 0; i < kShadowCascades; ++i) {
      if (fits[i].texel_metres == 0.f) continue;
      for (const glm::vec3& corner : sliceCorners(camera, splits[i], splits[i + 1])) {
        const glm::vec4 clip = fits[i].view_projection * glm::vec4(corner, 1.f);
        INFO("cascade " << i << " corner " << corner.x << "," << corner.y << "," << corner.z
                        << " -> " << clip.x << "," << clip.y << "," << clip.z);
        CHECK(std::abs(clip.x) <= 1.f);
        CHECK(std::abs(clip.y) <= 1.f);
        CHECK((clip.z >= 0.f && clip.z <= 1.f));
      }
    }
    // Near the eye the texels are fine, far away coarser: ~1.3 cm in the first cascade.
    CHECK(fits[0].texel_metres < 0.02f);
    for (uint32_t i = 1; i < kShadowCascades; ++i)
      if (fits[i].texel_metres > 0.f) CHECK(fits[i - 1].texel_metres < fits[i].texel_metres);
  }
}

TEST_CASE("a cascade keeps its size when the camera turns", "[engine][shadow]") {
  const Bounds site = plantSite();
  const auto ahead = fitShadowCascades(walkingCamera({1, 0, 0}), site, kTestSun, 2048);
  const auto turned = fitShadowCascades(walkingCamera({-0.3f, -0.4f, 1}), site, kTestSun, 2048);
  for (uint32_t i = 0; i < kShadowCascades; ++i)
    CHECK(ahead[i].texel_metres == turned[i].texel_metres);
}

TEST_CASE("a moving camera moves the cascade by whole texels", "[engine][shadow]") {
  const Bounds site = plantSite();
  const uint32_t resolution = 2048;
  CascadeCamera camera = walkingCamera({1, -0.1f, 0.3f});
  const auto before = fitShadowCascades(camera, site, kTestSun, resolution);
  const glm::vec3 anchor(3.f, 0.f, 7.f);  // a fixed point on the ground
  for (const glm::vec3 step : {glm::vec3(0.013f, 0, 0), glm::vec3(0.21f, 0.05f, -0.37f)}) {
    camera.eye += step;
    const auto after = fitShadowCascades(camera, site, kTestSun, resolution);
    for (uint32_t i = 0; i < kShadowCascades; ++i) {
      REQUIRE(after[i].texel_metres == before[i].texel_metres);
      // The anchor's position in the map, in texels: it moves by whole texels or not at all.
      const glm::vec2 a = glm::vec2(before[i].view_projection * glm::vec4(anchor, 1.f));
      const glm::vec2 b = glm::vec2(after[i].view_projection * glm::vec4(anchor, 1.f));
      const glm::vec2 shift = (b - a) * (0.5f * static_cast<float>(resolution));
      INFO("cascade " << i << " shift " << shift.x << ", " << shift.y << " texels");
      CHECK(std::abs(shift.x - std::round(shift.x)) < 0.02f);
      CHECK(std::abs(shift.y - std::round(shift.y)) < 0.02f);
    }
    camera.eye -= step;
  }
}

TEST_CASE("casters outside the view still cast into a cascade", "[engine][shadow]") {
  // A 25 m chimney standing sunwards of the camera's first slice, far above it: its top must
  // fall inside the cascade's depth range, not be clipped by the near plane.
  const Bounds site = plantSite();
  const CascadeCamera camera = walkingCamera({0, -0.3f, -1});
  const auto fits = fitShadowCascades(camera, site, kTestSun, 2048);
  const SliceSphere sphere = sliceBoundingSphere(camera, camera.near_plane, 10.f);
  const glm::vec3 chimney_top = sphere.centre + kTestSun * (23.f / kTestSun.y);
  REQUIRE(chimney_top.y < site.max.y);
  const glm::vec4 clip = fits[0].view_projection * glm::vec4(chimney_top, 1.f);
  CHECK(std::abs(clip.x) <= 1.f);
  CHECK(std::abs(clip.y) <= 1.f);
  CHECK((clip.z >= 0.f && clip.z <= 1.f));

  // Slices that reach no caster are not used at all.
  CascadeCamera above = camera;
  above.eye = glm::vec3(0.f, 500.f, 0.f);
  above.forward = glm::vec3(0, 1, 0);
  for (const ShadowLayerFit& fit : fitShadowCascades(above, site, kTestSun, 2048))
    CHECK(fit.texel_metres == 0.f);
}

namespace {

// A 200 m ground quad, a 1 x 3 x 1 m post at the origin and an 8 m box at (70, 0, -60).
fs::path writePostAndFarBoxObj(const fs::path& dir) {
  return writeGroundAndBoxesObj(dir, "post", 100,
                                {{"Post", {-0.5f, 0.f, -0.5f}, {0.5f, 3.f, 0.5f}},
                                 {"FarBox", {66.f, 0.f, -64.f}, {74.f, 8.f, -56.f}}});
}

// The width in pixels over which the ground's brightness climbs from a quarter to three
// quarters of the way from shadow to sun, across the first shadow edge met walking from
// `from` to `to` (world points on the ground, `from` in the sun).
float edgeWidthPx(const Image& image, const OrbitCamera& camera, glm::vec3 from, glm::vec3 to) {
  const glm::vec2 size(image.width, image.height);
  const glm::mat4 view_projection = camera.projection(size.x / size.y) * camera.view();
  std::vector<glm::vec2> pixels;
  std::vector<int> values;
  for (int i = 0; i <= 400; ++i) {
    const auto p = projectToScreen(view_projection, camera.view(),
                                   glm::mix(from, to, static_cast<float>(i) / 400.f), size);
    if (!p) continue;
    pixels.push_back(p->pixel);
    values.push_back(brightness(image, p->pixel));
  }
  REQUIRE(values.size() > 100);
  const int lit = values.front();
  const int dark = *std::min_element(values.begin(), values.end());
  INFO("lit " << lit << ", darkest " << dark);
  REQUIRE(lit - dark > 30);  // there is a shadow to measure
  const float upper = static_cast<float>(lit) - 0.25f * static_cast<float>(lit - dark);
  const float lower = static_cast<float>(lit) - 0.75f * static_cast<float>(lit - dark);
  size_t start = 0;
  while (start < values.size() && static_cast<float>(values[start]) > upper) ++start;
  size_t end = start;
  while (end < values.size() && static_cast<float>(values[end]) > lower) ++end;
  REQUIRE(end < values.size());
  return glm::length(pixels[end] - pixels[start]);
}

}  // namespace

TEST_CASE("cascades keep a close shadow's edge sharp", "[engine][gpu][shadow]") {
  const fs::path dir = fs::temp_directory_path() / "greentwin-cascade-test";
  fs::create_directories(dir);
  const fs::path model = writePostAndFarBoxObj(dir);
  const glm::vec3 to_sun = kTestSun;

  // Across the post's shadow, 2 m down-sun of the post, from the sunlit ground on one side.
  const glm::vec2 down_sun = -glm::normalize(glm::vec2(to_sun.x, to_sun.z));
  const glm::vec2 across(-down_sun.y, down_sun.x);
  const glm::vec2 middle = down_sun * 2.f;
  const glm::vec3 from(middle.x - 2.5f * across.x, 0.f, middle.y - 2.5f * across.y);
  const glm::vec3 to(middle.x + 2.5f * across.x, 0.f, middle.y + 2.5f * across.y);

  const auto render_close_up = [&](bool cascades) {
    RendererOptions options;
    options.shadow_cascades =
        cascades ? RendererOptions::ShadowCascades::On : RendererOptions::ShadowCascades::Off;
    auto renderer = testing::headlessRenderer(options);
    renderer->loadModel(model);
    REQUIRE(glm::length(renderer->sunDirection() - to_sun) < 1e-5f);
    OrbitCamera& camera = renderer->camera();
    camera.target = glm::vec3(middle.x, 0.f, middle.y);
    camera.yaw = 0.f;
    camera.pitch = 1.45f;
    camera.distance = 6.f;
    camera.near_plane = 0.1f;
    REQUIRE(renderer->renderFrame());
    const Image image = renderer->readback();
    const float width = edgeWidthPx(image, camera, from, to);
    CHECK(renderer->validationErrors() == 0);
    return width;
  };
  const float sharp = render_close_up(true);
  const float site_only = render_close_up(false);
  INFO("edge width with cascades " << sharp << " px, whole-site map only " << site_only << " px");
  CHECK(sharp < 6.f);
  CHECK(site_only > 2.f * sharp);
}

TEST_CASE("a box far beyond the cascades keeps its shadow", "[engine][gpu][shadow]") {
  const fs::path dir = fs::temp_directory_path() / "greentwin-cascade-test";
  fs::create_directories(dir);
  const fs::path model = writePostAndFarBoxObj(dir);
  const glm::vec3 to_sun = kTestSun;
  auto renderer = testing::headlessRenderer();
  renderer->loadModel(model);
  // Ground points under the shadow of the box's top centre, and its mirror on the sun side.
  const glm::vec3 top(70.f, 8.f, -60.f);
  const glm::vec3 in_shadow = top - to_sun * (top.y / to_sun.y);
  const glm::vec3 in_sun(2.f * top.x - in_shadow.x, 0.f, 2.f * top.z - in_shadow.z);
  OrbitCamera& camera = renderer->camera();
  camera.target = glm::vec3(top.x, 0.f, top.z);
  camera.yaw = 0.f;
  camera.pitch = 1.45f;
  camera.distance = 200.f;  // beyond the cascades' reach: the whole-site layer shades
  const GroundProbes probes = probeGround(*renderer, in_shadow, in_sun);
  INFO("in shadow " << probes.dark << ", in sun " << probes.lit);
  CHECK(probes.lit * 4 > probes.dark * 5);
  CHECK(renderer->validationErrors() == 0);
}

// A benchmark, not a test (hidden tag, nothing to pass or fail): the cost of the cascades on the
// demo factory while the camera moves, which is when they are redrawn. Run it with
//   test-engine "[shadow-benchmark]" -s
// It prints one `name value unit` line per figure; medians over 20 frames after 5 warm-up ones.
TEST_CASE("cascade cost on the demo factory while the camera moves", "[.][shadow-benchmark]") {
  const auto median_frame_ms = [](bool cascades, bool walking) {
    RendererOptions options;
    options.headless = true;
    options.width = 1280;
    options.height = 720;
    options.shadow_cascades =
        cascades ? RendererOptions::ShadowCascades::On : RendererOptions::ShadowCascades::Off;
    auto renderer = Renderer::create(options);
    const ModelInfo info =
        renderer->loadModel(fs::path(GREENTWIN_SOURCE_DIR) / "assets/demo/factory.glb");
    OrbitCamera& camera = renderer->camera();
    camera.frame(info.bounds, 1280.f / 720.f);
    if (walking) {  // eye height inside the hall, looking along it
      camera.target = info.bounds.center() * glm::vec3(1, 0, 1) + glm::vec3(0, 1.7f, 0);
      camera.distance = 8.f;
      camera.pitch = 0.05f;
      camera.near_plane = 0.1f;
    }
    std::vector<double> ms;
    for (int frame = 0; frame < 25; ++frame) {
      camera.orbit(0.01f, 0.f);  // every frame moves: every cascade is redrawn
      REQUIRE(renderer->renderFrame());
      if (frame >= 5) ms.push_back(renderer->lastFrameTiming().cpu_ms);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
  };
  for (const bool walking : {true, false}) {
    const char* view = walking ? "walking" : "overview";
    const double with = median_frame_ms(true, walking);
    const double without = median_frame_ms(false, walking);
    std::printf("shadow.%s.frame_ms_cascades %.2f ms\n", view, with);
    std::printf("shadow.%s.frame_ms_site_only %.2f ms\n", view, without);
  }
}
