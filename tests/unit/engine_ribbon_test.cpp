// Ribbons (engine/ribbon.h) on a real headless device: a ribbon over a floor shows its colour
// where it runs and nowhere else, a box in front hides it unless it is drawn on top, its
// chevrons move with the ribbon time and stand still for a fixed time, and the vertex builder
// skips what cannot be drawn.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "../../engine/src/ribbon_pass.h"
#include "engine/renderer.h"
#include "engine_test_support.h"

namespace fs = std::filesystem;
using namespace gt::engine;

using namespace gt::engine::testing;

namespace {

// The ribbon's colour: a red that nothing in the scene has. Linear (1, 0.05, 0.05) encodes to
// sRGB (255, 63, 63); the fill is unlit, so that is what the frame holds.
const glm::vec3 kRed{1.f, 0.05f, 0.05f};
bool looksRed(Rgb c) {
  return c.r > 220 && c.g < 100 && c.b < 100;
}

// A grey floor and a 2 m wide sand-coloured box between the camera and the ribbon's middle.
fs::path writeScene() {
  const fs::path dir = fs::temp_directory_path() / "greentwin-ribbon-test";
  fs::create_directories(dir);
  std::ofstream(dir / "scene.mtl") << "newmtl concrete\nKd 0.45 0.45 0.45\n"
                                      "newmtl wall\nKd 0.8 0.75 0.62\n";
  const fs::path file = dir / "scene.obj";
  std::ofstream out(file);
  out << "mtllib scene.mtl\n";
  writeBox(out, "Floor", "concrete", {-5.f, -0.1f, -4.f}, {5.f, 0.f, 5.f}, 1);
  writeBox(out, "Box", "wall", {-1.f, 0.f, 2.8f}, {1.f, 3.f, 3.2f}, 9);
  return file;
}

std::unique_ptr<Renderer> openScene() {
  auto renderer = headlessRenderer();
  renderer->loadModel(writeScene());
  OrbitCamera& camera = renderer->camera();
  camera.target = {0.f, 1.f, 0.f};
  camera.distance = 14.f;
  camera.yaw = 0.f;
  camera.pitch = 0.12f;
  return renderer;
}

// A straight ribbon 1 m over the floor, from x = -4 to 4 behind the box (z = 0).
Ribbon straightRibbon() {
  Ribbon r;
  r.points = {{-4.f, 1.f, 0.f}, {0.f, 1.f, 0.f}, {4.f, 1.f, 0.f}};
  r.width = 0.6f;
  r.colour = kRed;
  return r;
}

}  // namespace

TEST_CASE("a ribbon shows its colour along its path and nowhere else", "[engine][gpu][ribbon]") {
  auto r = openScene();
  const glm::ivec2 on_left = screen(*r, {-3.f, 1.f, 0.f});
  const glm::ivec2 on_right = screen(*r, {3.f, 1.f, 0.f});
  const glm::ivec2 above = screen(*r, {-3.f, 1.8f, 0.f});
  const glm::ivec2 behind_box = screen(*r, {0.f, 1.f, 0.f});
  const Image plain = render(*r);

  r->setRibbons({straightRibbon()});
  const Image image = render(*r);
  dump(image, "ribbon");
  INFO("left " << str(pixel(image, on_left)) << ", right " << str(pixel(image, on_right)));
  CHECK(looksRed(pixel(image, on_left)));
  CHECK(looksRed(pixel(image, on_right)));
  // 0.8 m above a 0.6 m ribbon, and where the box stands in front: untouched.
  CHECK(difference(pixel(image, above), pixel(plain, above)) <= 6);
  INFO("behind the box " << str(pixel(image, behind_box)));
  CHECK(difference(pixel(image, behind_box), pixel(plain, behind_box)) <= 6);

  r->setRibbons({});
  CHECK(difference(pixel(render(*r), on_left), pixel(plain, on_left)) <= 6);
  CHECK(r->validationErrors() == 0);
}

TEST_CASE("an on-top ribbon shows faintly through the box in front of it",
          "[engine][gpu][ribbon]") {
  auto r = openScene();
  // Off the join at x = 0, where two segments' round caps overlap and blend twice.
  const glm::ivec2 behind_box = screen(*r, {0.5f, 1.f, 0.f});
  const glm::ivec2 on_left = screen(*r, {-3.f, 1.f, 0.f});
  const Image plain = render(*r);
  Ribbon ribbon = straightRibbon();
  ribbon.on_top = true;
  r->setRibbons({ribbon});
  const Image image = render(*r);
  dump(image, "ribbon-on-top");
  const Rgb through = pixel(image, behind_box), box = pixel(plain, behind_box);
  INFO("box " << str(box) << ", through it " << str(through));
  // A third of the way to red: red up or kept, green and blue clearly down, not red itself.
  CHECK(through.g < box.g - 40);
  CHECK(through.b < box.b - 30);
  CHECK(through.r >= box.r - 10);
  CHECK_FALSE(looksRed(through));
  // Where nothing hides it, the ribbon is drawn once, at full strength.
  CHECK(looksRed(pixel(image, on_left)));
  CHECK(r->validationErrors() == 0);
}

TEST_CASE("chevrons scroll with the ribbon time and hold still for a fixed time",
          "[engine][gpu][ribbon]") {
  auto r = openScene();
  Ribbon ribbon = straightRibbon();
  ribbon.speed = 1.f;
  r->setRibbons({ribbon});
  r->setRibbonTime(0.0);
  const Image first = render(*r);
  const Image again = render(*r);
  r->setRibbonTime(0.5);  // half a metre: about 40 % of the 1.2 m chevron period
  const Image later = render(*r);
  dump(later, "ribbon-later");
  int changed = 0, differs_again = 0, samples = 0;
  for (float x = -3.5f; x <= -1.5f; x += 0.05f) {
    const glm::ivec2 p = screen(*r, {x, 1.f, 0.f});
    ++samples;
    changed += difference(pixel(first, p), pixel(later, p)) > 30;
    differs_again += difference(pixel(first, p), pixel(again, p)) > 2;
  }
  INFO(changed << " of " << samples << " samples changed");
  CHECK(changed >= samples / 4);
  CHECK(differs_again == 0);
}

TEST_CASE("ribbon vertices: a quad per segment, on-top ribbons last, degenerate ones skipped",
          "[engine][ribbon]") {
  Ribbon plain = straightRibbon();
  Ribbon on_top = plain;
  on_top.on_top = true;
  on_top.points = {{0.f, 0.f, 0.f}, {0.f, 0.f, 0.f}, {3.f, 0.f, 0.f}};  // a repeated point
  Ribbon single = plain;
  single.points = {{1.f, 1.f, 1.f}};
  Ribbon zero_width = plain;
  zero_width.width = 0.f;
  const RibbonVertices v = buildRibbonVertices({on_top, single, plain, zero_width});
  REQUIRE(v.vertices.size() == 2 * 6 + 1 * 6);
  CHECK(v.on_top_first == 12);
  // The second segment of the plain ribbon starts 4 m along the path; half width 0.3 m.
  CHECK(v.vertices[6].start.w == Approx(4.f));
  CHECK(v.vertices[6].end.w == Approx(0.3f));
  CHECK(v.vertices[12].start.x == Approx(0.f));
  CHECK(v.vertices[12].end.x == Approx(3.f));
}
