// The renderer's drawing capabilities on a real headless device (lavapipe on CI): selection
// outlines, hidden nodes, x-ray, section planes and the ground grid, probed at named pixels of
// a small test site (a floor, a wall, a machine hidden behind the wall, a crate beside it), and
// one comparison with a committed reference image (tests/reference/).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb/stb_image.h>

#include "../../engine/src/ray_picker.h"
#include "engine/renderer.h"
#include "engine_test_support.h"

namespace fs = std::filesystem;
using namespace gt::engine;

using namespace gt::engine::testing;

namespace {

constexpr int kWidth = kFrameWidth, kHeight = kFrameHeight;

// The outline colour the tests use: pure cyan, which nothing else in the scene is.
const glm::vec3 kCyan{0.f, 1.f, 1.f};
bool looksCyan(Rgb c) {
  return c.r < 110 && c.g > 150 && c.b > 150 && std::abs(c.g - c.b) < 50;
}

// The test site, metres, Y up. The camera looks along -Z at the wall; the machine stands right
// behind it, hidden; the crate stands beside the wall, in view.
fs::path writeSiteObj(const fs::path& dir) {
  std::ofstream(dir / "site.mtl") << "newmtl concrete\nKd 0.45 0.45 0.45\n"
                                     "newmtl wall\nKd 0.8 0.75 0.62\n"
                                     "newmtl blue\nKd 0.08 0.2 0.75\n"
                                     "newmtl orange\nKd 0.8 0.45 0.1\n";
  const fs::path file = dir / "site.obj";
  std::ofstream out(file);
  out << "mtllib site.mtl\n";
  writeBox(out, "Floor", "concrete", {-5.f, -0.1f, -4.f}, {5.f, 0.f, 5.f}, 1);
  writeBox(out, "Wall", "wall", {-3.f, 0.f, 2.8f}, {3.f, 3.f, 3.2f}, 9);
  writeBox(out, "Machine", "blue", {-1.f, 0.f, -1.f}, {1.f, 2.f, 1.f}, 17);
  writeBox(out, "Crate", "orange", {3.6f, 0.f, -0.5f}, {4.6f, 1.f, 0.5f}, 25);
  return file;
}

fs::path scratchDir() {
  const fs::path dir = fs::temp_directory_path() / "greentwin-render-features-test";
  fs::create_directories(dir);
  return dir;
}

struct Site {
  std::unique_ptr<Renderer> renderer;
  NodeHandle floor, wall, machine, crate;
};

Site openSite() {
  Site site;
  site.renderer = headlessRenderer();
  site.renderer->loadModel(writeSiteObj(scratchDir()));
  site.floor = site.renderer->findNode("Floor");
  site.wall = site.renderer->findNode("Wall");
  site.machine = site.renderer->findNode("Machine");
  site.crate = site.renderer->findNode("Crate");
  REQUIRE(site.wall.valid());
  REQUIRE(site.machine.valid());
  // A fixed, low view straight at the wall: from eye height ~3 m the wall hides the machine.
  OrbitCamera& camera = site.renderer->camera();
  camera.target = {0.f, 1.2f, 0.f};
  camera.distance = 16.f;
  camera.yaw = 0.f;
  camera.pitch = 0.12f;
  return site;
}

}  // namespace

TEST_CASE("the ray picker looks through the cut-away side of section planes",
          "[engine][pick][drawing]") {
  // Two 2 x 2 squares facing +Z at z = 3 (node 1) and z = -2 (node 2), a ray down -Z.
  std::vector<PickTriangle> triangles;
  for (const auto& [z, node] : {std::pair{3.f, 1u}, std::pair{-2.f, 2u}}) {
    const glm::vec3 a{-1, -1, z}, b{1, -1, z}, c{1, 1, z}, d{-1, 1, z};
    triangles.push_back({a, b, c, node});
    triangles.push_back({a, c, d, node});
  }
  const RayPicker picker(triangles);
  const Ray ray{{0.f, 0.f, 10.f}, {0.f, 0.f, -1.f}};
  REQUIRE(picker.cast(ray)->node == 1);
  // Keeps z <= 0: the near square is cut away, the far one is hit.
  const auto cut = picker.cast(ray, {}, {{0.f, 0.f, -1.f, 0.f}});
  REQUIRE(cut);
  CHECK(cut->node == 2);
  CHECK(cut->distance == Approx(12.f));
  // Keeps z >= 5: both are cut away.
  CHECK_FALSE(picker.cast(ray, {}, {{0.f, 0.f, 1.f, -5.f}}));
}

TEST_CASE("a hidden node is absent and what it hid shows", "[engine][gpu][drawing]") {
  Site site = openSite();
  Renderer& r = *site.renderer;
  const glm::ivec2 machine_front = screen(r, {0.f, 1.f, 1.f});
  const Rgb before = pixel(render(r), machine_front.x, machine_front.y);
  INFO("wall " << str(before));
  CHECK(before.b < before.r + 10);  // the cream wall hides the blue machine

  r.setVisible(site.wall, false);
  const Image image = render(r);
  dump(image, "wall_hidden");
  const Rgb after = pixel(image, machine_front.x, machine_front.y);
  INFO("machine " << str(after));
  CHECK(after.b > after.r + 40);
  CHECK(r.pick(glm::vec2(machine_front)) == site.machine);
  CHECK(r.validationErrors() == 0);
}

TEST_CASE("a selection outline rings the node's silhouette, also behind a wall",
          "[engine][gpu][drawing]") {
  Site site = openSite();
  Renderer& r = *site.renderer;
  // The machine's silhouette: the blue pixels with the wall away (its shadow is not blue).
  r.setVisible(site.wall, false);
  const Image with = render(r);
  r.setVisible(site.wall, true);
  const Image plain = render(r);
  // Blue within the machine's projected box, not the sky's blue.
  glm::ivec2 lo(kWidth, kHeight), hi(0);
  for (int corner = 0; corner < 8; ++corner) {
    const glm::ivec2 p =
        screen(r, {corner & 1 ? 1.f : -1.f, corner & 2 ? 2.f : 0.f, corner & 4 ? 1.f : -1.f});
    lo = glm::min(lo, p - 2);
    hi = glm::max(hi, p + 2);
  }
  std::vector<uint8_t> silhouette(kWidth * kHeight, 0);
  int area = 0;
  for (int y = std::max(lo.y, 0); y < std::min(hi.y, kHeight); ++y)
    for (int x = std::max(lo.x, 0); x < std::min(hi.x, kWidth); ++x)
      if (const Rgb c = pixel(with, x, y); c.b > c.r + 25) {
        silhouette[y * kWidth + x] = 1;
        ++area;
      }
  REQUIRE(area > 400);

  r.setOutline(site.machine, kCyan);
  const Image outlined = render(r);
  dump(outlined, "outline");
  // Distance in pixels (Chebyshev) to the silhouette, up to 8.
  const auto distance = [&](int x, int y) {
    int best = 9;
    for (int dy = -8; dy <= 8; ++dy)
      for (int dx = -8; dx <= 8; ++dx) {
        const int sx = x + dx, sy = y + dy;
        if (sx < 0 || sy < 0 || sx >= kWidth || sy >= kHeight) continue;
        if (silhouette[sy * kWidth + sx])
          best = std::min(best, std::max(std::abs(dx), std::abs(dy)));
      }
    return best;
  };
  int ring = 0, ring_cyan = 0, far_cyan = 0, inside = 0, inside_tinted = 0;
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      const int d = distance(x, y);
      const Rgb c = pixel(outlined, x, y);
      if (d == 1) {
        ++ring;
        ring_cyan += looksCyan(c);
      } else if (d >= 6) {
        far_cyan += looksCyan(c);
      } else if (d == 0 && distance(x + 3, y) == 0 && distance(x - 3, y) == 0 &&
                 distance(x, y + 3) == 0 && distance(x, y - 3) == 0) {
        // Well inside: the wall in front, with the faint fill of the hidden machine.
        ++inside;
        const Rgb base = pixel(plain, x, y);
        inside_tinted += c.r < base.r - 25 && c.b > base.b;
      }
    }
  }
  INFO("ring " << ring_cyan << "/" << ring << ", far " << far_cyan << ", inside " << inside_tinted
               << "/" << inside);
  CHECK(ring_cyan > ring * 8 / 10);
  CHECK(far_cyan == 0);
  CHECK(inside_tinted > inside * 9 / 10);

  SECTION("clearing the outline restores the frame") {
    r.clearOutlines();
    const Image cleared = render(r);
    int changed = 0;
    for (int y = 0; y < kHeight; ++y)
      for (int x = 0; x < kWidth; ++x)
        changed += difference(pixel(cleared, x, y), pixel(plain, x, y)) > 8;
    CHECK(changed == 0);
  }
  CHECK(r.validationErrors() == 0);
}

TEST_CASE("an x-rayed wall shows the machine behind it and is picked through",
          "[engine][gpu][drawing]") {
  Site site = openSite();
  Renderer& r = *site.renderer;
  const glm::ivec2 machine_front = screen(r, {0.f, 1.f, 1.f});
  const glm::ivec2 wall_only = screen(r, {-2.5f, 2.5f, 3.2f});
  const Image plain = render(r);
  CHECK(r.pick(glm::vec2(machine_front)) == site.wall);

  r.setXray(site.wall, 0.25f);
  const Image image = render(r);
  dump(image, "xray");
  const Rgb c = pixel(image, machine_front.x, machine_front.y);
  INFO("through the wall " << str(c) << ", wall alone "
                           << str(pixel(image, wall_only.x, wall_only.y)));
  CHECK(c.b > c.r + 20);  // the blue machine, under a light veil
  CHECK(r.pick(glm::vec2(machine_front)) == site.machine);
  // Where nothing stands behind the wall, the x-rayed wall still shows faintly over the sky.
  CHECK(difference(pixel(image, wall_only.x, wall_only.y), pixel(plain, wall_only.x, wall_only.y)) >
        10);

  r.setXray(site.wall, 1.f);  // off again
  CHECK(difference(pixel(render(r), machine_front.x, machine_front.y),
                   pixel(plain, machine_front.x, machine_front.y)) <= 8);
  CHECK(r.pick(glm::vec2(machine_front)) == site.wall);
  CHECK(r.validationErrors() == 0);
}

TEST_CASE("section planes cut the wall open and cap the cut", "[engine][gpu][drawing]") {
  Site site = openSite();
  Renderer& r = *site.renderer;
  const glm::ivec2 machine_front = screen(r, {0.f, 1.05f, 1.f});
  const glm::ivec2 wall_face = screen(r, {-2.f, 1.f, 3.2f});
  const Image plain = render(r);
  CHECK(r.pick(glm::vec2(machine_front)) == site.wall);

  SECTION("a horizontal cut at 1.2 m reveals the machine behind the wall") {
    r.setSectionPlanes({{0.f, -1.f, 0.f, 1.2f}});  // keeps y <= 1.2
    const Image image = render(r);
    dump(image, "section_horizontal");
    const Rgb c = pixel(image, machine_front.x, machine_front.y);
    INFO("machine " << str(c));
    CHECK(c.b > c.r + 40);
    CHECK(r.pick(glm::vec2(machine_front)) == site.machine);
    // The wall below the cut is untouched.
    const glm::ivec2 low_wall = screen(r, {-2.f, 0.5f, 3.2f});
    CHECK(difference(pixel(image, low_wall.x, low_wall.y), pixel(plain, low_wall.x, low_wall.y)) <=
          8);
    // The cut wall is capped: its top, seen from above, is the cap colour, not hollow.
    const glm::ivec2 wall_top = screen(r, {-2.f, 1.2f, 3.f});
    const Rgb cap = pixel(image, wall_top.x, wall_top.y);
    INFO("wall top " << str(cap));
    CHECK(difference(cap, {189, 196, 204}) <= 12);
  }
  SECTION("a cut through the wall's thickness shows the cap colour over the whole wall") {
    r.setSectionCapColour({1.f, 0.f, 1.f});
    r.setSectionPlanes({{0.f, 0.f, -1.f, 3.f}});  // keeps z <= 3, the wall's back half
    const Image image = render(r);
    dump(image, "section_cap");
    const Rgb c = pixel(image, wall_face.x, wall_face.y);
    INFO("cut wall " << str(c));
    CHECK((c.r > 240 && c.g < 20 && c.b > 240));
    // The floor in front of the wall was cut away too, and the crate behind the plane is not.
    CHECK(r.pick(glm::vec2(wall_face)) == site.wall);

    r.setSectionPlanes({});
    CHECK(difference(pixel(render(r), wall_face.x, wall_face.y),
                     pixel(plain, wall_face.x, wall_face.y)) <= 8);
  }
  CHECK(r.validationErrors() == 0);
}

TEST_CASE("the ground grid draws lines on empty ground, not on the model",
          "[engine][gpu][drawing]") {
  Site site = openSite();
  Renderer& r = *site.renderer;
  const Image plain = render(r);
  r.setGridVisible(true);
  const Image image = render(r);
  dump(image, "grid");
  // The lower corners look at the ground beside the floor slab; the wall's face is model.
  int changed_ground = 0, changed_model = 0;
  for (int y = kHeight - 40; y < kHeight; ++y)
    for (int x = 0; x < 30; ++x)
      changed_ground += difference(pixel(image, x, y), pixel(plain, x, y)) > 12;
  const glm::ivec2 wall = screen(r, {0.f, 1.5f, 3.2f});
  for (int y = wall.y - 10; y < wall.y + 10; ++y)
    for (int x = wall.x - 10; x < wall.x + 10; ++x)
      changed_model += difference(pixel(image, x, y), pixel(plain, x, y)) > 2;
  INFO("ground pixels changed " << changed_ground << ", model pixels changed " << changed_model);
  CHECK(changed_ground > 40);
  CHECK(changed_model == 0);
  CHECK(r.validationErrors() == 0);
}

// The whole look of the features together, against tests/reference/render_features.png: a
// per-channel tolerance absorbs rounding differences between drivers, and a small fraction of
// differing pixels absorbs edge antialiasing; anything larger is a change to look at.
TEST_CASE("the drawing features match the reference image", "[engine][gpu][drawing]") {
  Site site = openSite();
  Renderer& r = *site.renderer;
  OrbitCamera& camera = r.camera();
  camera.yaw = 0.5f;
  camera.pitch = 0.45f;
  camera.distance = 19.f;
  r.setGridVisible(true);
  r.setXray(site.wall, 0.3f);
  r.setOutline(site.machine, {0.f, 0.9f, 1.f});
  r.setOutline(site.crate, {1.f, 0.72f, 0.f});
  r.setSectionPlanes({{-1.f, 0.f, 0.f, 4.f}});  // cuts the crate in half at x = 4
  const Image image = render(r);
  CHECK(r.validationErrors() == 0);

  const fs::path reference =
      fs::path(GREENTWIN_SOURCE_DIR) / "tests" / "reference" / "render_features.png";
  const char* update = std::getenv("GREENTWIN_UPDATE_REFERENCES");
  if (!fs::exists(reference) || (update && std::string(update) == "1")) {
    fs::create_directories(reference.parent_path());
    writePng(image, reference);
    FAIL("Wrote a new reference image " << reference.string()
                                        << ": look at it, and if it is right, commit it and run "
                                           "the test again (GREENTWIN_UPDATE_REFERENCES=1 "
                                           "rewrites it).");
  }
  int w = 0, h = 0, channels = 0;
  stbi_uc* data = stbi_load(reference.string().c_str(), &w, &h, &channels, 4);
  REQUIRE(data != nullptr);
  Image expected;
  expected.width = w;
  expected.height = h;
  expected.rgba.assign(data, data + static_cast<size_t>(w) * h * 4);
  stbi_image_free(data);
  REQUIRE(w == image.width);
  REQUIRE(h == image.height);

  constexpr int kTolerance = 24;  // per channel, of 255
  constexpr double kMaxDifferingFraction = 0.01;
  int differing = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      differing += difference(pixel(image, x, y), pixel(expected, x, y)) > kTolerance;
  const double fraction = static_cast<double>(differing) / (static_cast<double>(w) * h);
  if (fraction > kMaxDifferingFraction) {
    const fs::path actual = fs::path(reference).replace_extension(".actual.png");
    writePng(image, actual);
    FAIL(differing << " pixels differ from " << reference.string() << " by more than " << kTolerance
                   << "; the frame is in " << actual.string());
  }
}

// Not run by default ("[.]"): renders the demo factory with every drawing feature at 1280x720
// into $GREENTWIN_RENDER_TEST_DUMP, to look at how it reads on a big screen.
TEST_CASE("the demo factory with the drawing features, for looking at", "[.][demo][drawing]") {
  const fs::path factory = fs::path(GREENTWIN_SOURCE_DIR) / "assets" / "demo" / "factory.glb";
  if (!fs::exists(factory) || !std::getenv("GREENTWIN_RENDER_TEST_DUMP")) return;
  RendererOptions options;
  options.headless = true;
  options.width = 1280;
  options.height = 720;
  auto r = Renderer::create(options);
  r->loadModel(factory);
  const NodeHandle hall = r->findNode("PRODUCTION-HALL");
  const NodeHandle cnc = r->findNode("CNC-01");
  r->setGridVisible(true);
  r->setOutline(cnc, {0.f, 0.85f, 1.f});
  r->setOutline(r->findNode("CNC-02"), {0.75f, 0.95f, 1.f});
  r->flyTo(r->nodeBounds(hall), 0.0);
  dump(render(*r), "demo_roof");
  for (const char* roof : {"HALL-ROOF", "HALL-ROOF-GLASS"}) r->setXray(r->findNode(roof), 0.18f);
  dump(render(*r), "demo_xray");
  for (const char* roof : {"HALL-ROOF", "HALL-ROOF-GLASS"}) r->setXray(r->findNode(roof), 0.f);
  const Bounds b = r->nodeBounds(hall);
  r->setSectionPlanes({{0.f, -1.f, 0.f, b.min.y + 0.55f * (b.max.y - b.min.y)}});
  dump(render(*r), "demo_section");
  r->setSectionPlanes({});
  r->flyTo(r->nodeBounds(cnc), 0.0);
  dump(render(*r), "demo_closeup");
}
