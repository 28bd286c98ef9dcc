// Picking: the CPU ray picker on hand-made triangles, the pixel ray against projectToScreen,
// and Renderer::pick on a real headless device (lavapipe on CI) with two named cubes.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include <glm/gtc/matrix_transform.hpp>

#include "../../engine/src/model_loader.h"
#include "../../engine/src/ray_picker.h"
#include "engine/renderer.h"

namespace fs = std::filesystem;
using namespace gt::engine;

namespace {

// A 2 x 2 square in the plane z = `z`, facing +Z, as two triangles owned by `node`.
void addSquare(std::vector<PickTriangle>& out, float z, uint32_t node) {
  const glm::vec3 a{-1, -1, z}, b{1, -1, z}, c{1, 1, z}, d{-1, 1, z};
  out.push_back({a, b, c, node});
  out.push_back({a, c, d, node});
}

const Ray kDownMinusZ{{0.f, 0.f, 10.f}, {0.f, 0.f, -1.f}};

// Two 2 m cubes, "Left" at x = -3 (orange) and "Right" at x = +3 (blue), each its own object.
fs::path writeTwoCubesObj(const fs::path& dir) {
  std::ofstream(dir / "two_cubes.mtl") << "newmtl orange\nKd 0.8 0.45 0.1\n"
                                          "newmtl blue\nKd 0.1 0.2 0.8\n";
  const fs::path file = dir / "two_cubes.obj";
  std::ofstream out(file);
  out << "mtllib two_cubes.mtl\n";
  const char* names[2] = {"Left", "Right"};
  const char* materials[2] = {"orange", "blue"};
  for (int cube = 0; cube < 2; ++cube) {
    const float cx = cube == 0 ? -3.f : 3.f;
    out << "o " << names[cube] << "\n";
    for (int v = 0; v < 8; ++v)
      out << "v " << cx + (v & 1 ? 1 : -1) << " " << (v & 2 ? 1 : -1) << " " << (v & 4 ? 1 : -1)
          << "\n";
    out << "usemtl " << materials[cube] << "\n";
    const int o = cube * 8;  // OBJ indices are 1-based and global to the file
    const int faces[6][4] = {{1, 3, 4, 2}, {5, 6, 8, 7}, {1, 5, 7, 3},
                             {2, 4, 8, 6}, {3, 7, 8, 4}, {1, 2, 6, 5}};
    for (const auto& f : faces)
      out << "f " << o + f[0] << " " << o + f[1] << " " << o + f[2] << " " << o + f[3] << "\n";
  }
  return file;
}

fs::path scratchDir() {
  const fs::path dir = fs::temp_directory_path() / "greentwin-pick-test";
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("the ray picker returns the nearest of overlapping hits", "[engine][pick]") {
  std::vector<PickTriangle> triangles;
  addSquare(triangles, -2.f, 7);  // farther
  addSquare(triangles, 3.f, 4);   // nearer to the ray's origin at z = 10
  const RayPicker picker(triangles);
  const auto hit = picker.cast(kDownMinusZ);
  REQUIRE(hit);
  CHECK(hit->node == 4);
  CHECK(hit->distance == Approx(7.f));
  CHECK(hit->point.z == Approx(3.f));

  SECTION("from the other side the other square is nearest: both faces count") {
    const auto back = picker.cast({{0.f, 0.f, -10.f}, {0.f, 0.f, 1.f}});
    REQUIRE(back);
    CHECK(back->node == 7);
  }
  SECTION("a hidden node is looked through") {
    std::vector<uint8_t> hidden(8, 0);
    hidden[4] = 1;
    const auto through = picker.cast(kDownMinusZ, hidden);
    REQUIRE(through);
    CHECK(through->node == 7);
    hidden[7] = 1;
    CHECK_FALSE(picker.cast(kDownMinusZ, hidden));
  }
  SECTION("a ray beside the squares, or pointing away, misses") {
    CHECK_FALSE(picker.cast({{5.f, 0.f, 10.f}, {0.f, 0.f, -1.f}}));
    CHECK_FALSE(picker.cast({{0.f, 0.f, 10.f}, {0.f, 0.f, 1.f}}));
  }
}

TEST_CASE("the ray picker agrees with brute force on many triangles", "[engine][pick]") {
  // A deep tree: 40 x 40 x 4 small squares at several depths, then rays across it.
  std::vector<PickTriangle> triangles;
  uint32_t node = 0;
  for (int layer = 0; layer < 4; ++layer)
    for (int y = 0; y < 40; ++y)
      for (int x = 0; x < 40; ++x) {
        const glm::vec3 o{x * 0.5f, y * 0.5f, -layer * 1.f - 0.01f * ((x * 7 + y * 3) % 5)};
        triangles.push_back({o, o + glm::vec3(0.45f, 0, 0), o + glm::vec3(0, 0.45f, 0), node++});
      }
  const RayPicker picker(triangles);
  CHECK(picker.triangleCount() == triangles.size());
  CHECK(picker.nodeCount() > 1);
  int hits = 0;
  for (int i = 0; i < 400; ++i) {
    const glm::vec3 origin{0.05f * (i % 20) * 10.3f, 0.05f * (i / 20) * 10.1f, 5.f};
    const Ray ray{origin, glm::normalize(glm::vec3(0.05f, -0.02f, -1.f))};
    float best = 1e30f;
    uint32_t best_node = 0xFFFFFFFFu;
    for (const PickTriangle& t : triangles) {
      RayPicker single({t});
      if (auto h = single.cast(ray); h && h->distance < best) {
        best = h->distance;
        best_node = t.node;
      }
    }
    const auto hit = picker.cast(ray);
    REQUIRE(hit.has_value() == (best_node != 0xFFFFFFFFu));
    if (hit) {
      ++hits;
      CHECK(hit->node == best_node);
    }
  }
  CHECK(hits > 100);
}

TEST_CASE("a click on an unnamed part picks the deepest named node above it", "[engine][pick]") {
  std::vector<SceneNode> nodes(4);
  nodes[0].name = "Site";
  nodes[1].name = "CNC-03";
  nodes[1].parent = 0;
  nodes[2].parent = 1;  // an unnamed housing
  nodes[3].parent = 2;  // an unnamed bolt in it
  CHECK(namedAncestor(nodes, 3) == 1u);
  CHECK(namedAncestor(nodes, 1) == 1u);
  CHECK(namedAncestor(nodes, 0) == 0u);
  nodes[0].name.clear();
  CHECK_FALSE(namedAncestor(nodes, 0));
}

TEST_CASE("glass is not pickable", "[engine][pick]") {
  ModelData model;
  model.vertices = {{{-1, -1, 0}, {0, 0, 1}}, {{1, -1, 0}, {0, 0, 1}}, {{0, 1, 0}, {0, 0, 1}}};
  model.indices = {0, 1, 2};
  model.materials.resize(2);
  model.materials[1].blend = true;
  model.meshes.push_back({0, 3, 0, 0, {}});
  model.meshes.push_back({0, 3, 0, 1, {}});
  DrawRecord wall{0, 0, 0, glm::translate(glm::mat4(1.f), glm::vec3(0, 0, -5)), {}};
  DrawRecord window{1, 1, 1, glm::mat4(1.f), {}};
  model.draws = {wall, window};
  const std::vector<PickTriangle> triangles = pickableTriangles(model);
  REQUIRE(triangles.size() == 1);
  CHECK(triangles[0].node == 0);
  CHECK(triangles[0].a.z == Approx(-5.f));  // in world space
}

TEST_CASE("the pixel ray passes through the point projectToScreen put there", "[engine][pick]") {
  OrbitCamera camera;
  camera.target = {2.f, 1.f, -3.f};
  camera.distance = 40.f;
  const glm::vec2 size{640, 360};
  const glm::mat4 view = camera.view();
  const glm::mat4 vp = camera.projection(size.x / size.y) * view;
  for (const glm::vec3 world : {glm::vec3(2, 1, -3), glm::vec3(10, 0, 4), glm::vec3(-6, 5, 1)}) {
    const auto screen = projectToScreen(vp, view, world, size);
    REQUIRE(screen);
    // Through the pixel's centre, which is at most half a pixel from the projected point.
    const Ray ray = rayThroughPixel(camera, screen->pixel, size);
    const glm::vec3 to_point = world - ray.origin;
    const float miss = glm::length(to_point - ray.direction * glm::dot(to_point, ray.direction));
    const float pixel_metres = 2.f * screen->depth * std::tan(camera.fov_y * 0.5f) / size.y;
    CHECK(miss <= 0.75f * pixel_metres);
  }
}

TEST_CASE("Renderer::pick returns the cube under the pixel", "[engine][gpu][pick]") {
  RendererOptions options;
  options.headless = true;
  options.width = 320;
  options.height = 240;
  auto renderer = Renderer::create(options);
  CHECK_FALSE(renderer->pickingReady());  // no model, nothing to pick
  renderer->loadModel(writeTwoCubesObj(scratchDir()));
  // The hierarchy is built off the render thread; it becomes ready without anyone waiting.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!renderer->pickingReady() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(renderer->pickingReady());
  const NodeHandle left = renderer->findNode("Left");
  const NodeHandle right = renderer->findNode("Right");
  REQUIRE(left.valid());
  REQUIRE(right.valid());

  const glm::vec2 size = renderer->viewportSize();
  const OrbitCamera& camera = renderer->camera();
  const glm::mat4 view = camera.view();
  const glm::mat4 vp = camera.projection(size.x / size.y) * view;
  for (const auto& [node, centre] :
       {std::pair{left, glm::vec3(-3, 0, 0)}, std::pair{right, glm::vec3(3, 0, 0)}}) {
    const auto screen = projectToScreen(vp, view, centre, size);
    REQUIRE(screen);
    CHECK(renderer->pick(screen->pixel) == node);
    const auto hit = renderer->pickHit(screen->pixel);
    REQUIRE(hit);
    // The hit lies on the cube's surface, in front of its centre.
    CHECK(glm::length(hit->point - centre) <= std::sqrt(3.f) + 1e-3f);
    CHECK(hit->distance < screen->depth);
  }
  CHECK_FALSE(renderer->pick({2.f, 2.f}).valid());  // sky in the corner
  CHECK_FALSE(renderer->pickHit({2.f, 2.f}));
  CHECK_FALSE(renderer->pick({-5.f, 100.f}).valid());  // outside the view

  SECTION("a hidden cube is looked through") {
    renderer->setVisible(left, false);
    const auto screen = projectToScreen(vp, view, glm::vec3(-3, 0, 0), size);
    CHECK_FALSE(renderer->pick(screen->pixel).valid());
    renderer->setVisible(left, true);
    CHECK(renderer->pick(screen->pixel) == left);
  }
  SECTION("the pick agrees with the rendered image at the cube's edge") {
    // Walk right from the left cube's centre: the first sky pixel in the image is also the
    // first pixel that picks nothing (up to one pixel of rasterisation rounding).
    REQUIRE(renderer->renderFrame());
    const Image image = renderer->readback();
    const auto screen = projectToScreen(vp, view, glm::vec3(-3, 0, 0), size);
    const int y = static_cast<int>(screen->pixel.y);
    int picked_edge = -1, drawn_edge = -1;
    for (int x = static_cast<int>(screen->pixel.x); x < image.width; ++x) {
      const size_t i = (static_cast<size_t>(y) * image.width + x) * 4;
      const bool orange = image.rgba[i] > image.rgba[i + 2] + 40;
      if (drawn_edge < 0 && !orange) drawn_edge = x;
      if (picked_edge < 0 && renderer->pick({x, y}) != left) picked_edge = x;
    }
    REQUIRE(drawn_edge > 0);
    CHECK(std::abs(picked_edge - drawn_edge) <= 1);
  }
}

// Not run by default: the numbers for the README. `test-engine "[bench]"`.
TEST_CASE("pick timing on the demo factory", "[.][bench][pick]") {
  const fs::path factory = fs::path(GREENTWIN_SOURCE_DIR) / "assets/demo/factory.glb";
  RendererOptions options;
  options.headless = true;
  options.width = 1280;
  options.height = 720;
  auto renderer = Renderer::create(options);
  const ModelInfo info = renderer->loadModel(factory);
  using Clock = std::chrono::steady_clock;
  // The build as loadModel runs it, timed on its own (the renderer keeps its picker private).
  const ModelData data = loadModelData(factory);
  const auto build_start = Clock::now();
  const RayPicker picker(pickableTriangles(data));
  const double build_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - build_start).count();
  WARN("BVH over " << picker.triangleCount() << " triangles: " << picker.nodeCount() << " nodes in "
                   << build_ms << " ms");
  int hits = 0;
  const int kPicks = 64 * 36;
  const auto start = Clock::now();
  for (int i = 0; i < kPicks; ++i) {
    const glm::vec2 pixel{(i % 64) * 20 + 10, (i / 64) * 20 + 10};
    if (renderer->pickHit(pixel)) ++hits;
  }
  const double per_pick_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count() / kPicks;
  WARN("factory: " << info.triangles << " triangles, " << hits << "/" << kPicks << " picks hit, "
                   << per_pick_ms * 1000.0 << " us per pick");
  CHECK(per_pick_ms < 1.0);
}
