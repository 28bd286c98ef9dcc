// Levels of detail and instancing: the choice of a level by projected size (pure), the levels
// the importer builds (valid ranges, fewer indices level by level, the full level unchanged),
// an instanced model rendering the same pixels as the same scene without shared meshes, and
// picking staying exact on an object drawn at a coarse level.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "../../engine/src/lod_select.h"
#include "../../engine/src/model_loader.h"
#include "../../engine/src/ray_picker.h"
#include "engine/renderer.h"

namespace fs = std::filesystem;
using namespace gt::engine;

namespace {

fs::path scratchDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / "greentwin-lod-test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A UV sphere as an OBJ object: `rings` x `segments` quads, smooth, centred at `centre`.
void writeSphere(std::ostream& out, const char* name, glm::vec3 centre, float radius, int rings,
                 int segments, int base) {
  out << "o " << name << "\n";
  for (int r = 0; r <= rings; ++r) {
    const float theta = 3.14159265f * static_cast<float>(r) / static_cast<float>(rings);
    for (int s = 0; s < segments; ++s) {
      const float phi = 6.2831853f * static_cast<float>(s) / static_cast<float>(segments);
      const glm::vec3 p =
          centre + radius * glm::vec3(std::sin(theta) * std::cos(phi), std::cos(theta),
                                      std::sin(theta) * std::sin(phi));
      out << "v " << p.x << " " << p.y << " " << p.z << "\n";
    }
  }
  const auto at = [&](int r, int s) { return base + r * segments + (s % segments); };
  for (int r = 0; r < rings; ++r)
    for (int s = 0; s < segments; ++s)
      out << "f " << at(r, s) << " " << at(r + 1, s) << " " << at(r + 1, s + 1) << " "
          << at(r, s + 1) << "\n";
}

fs::path writeSphereObj(const fs::path& dir, glm::vec3 centre) {
  const fs::path file = dir / "sphere.obj";
  std::ofstream out(file);
  writeSphere(out, "Sphere", centre, 1.f, 64, 128, 1);
  return file;
}

// A row of identical boxes in a glTF with one material: `shared` makes every node place the
// same mesh (drawn instanced); otherwise each node has its own mesh over the same accessors,
// which the importer keeps apart (one draw call each).
fs::path writeBoxesGltf(const fs::path& dir, bool shared, int count) {
  const std::array<float, 24> positions{-0.5f, 0.f,  -0.5f, 0.5f,  0.f,   -0.5f, -0.5f, 1.f,
                                        -0.5f, 0.5f, 1.f,   -0.5f, -0.5f, 0.f,   0.5f,  0.5f,
                                        0.f,   0.5f, -0.5f, 1.f,   0.5f,  0.5f,  1.f,   0.5f};
  const std::array<uint32_t, 36> indices{0, 2, 3, 0, 3, 1, 4, 5, 7, 4, 7, 6, 0, 4, 6, 0, 6, 2,
                                         1, 3, 7, 1, 7, 5, 2, 6, 7, 2, 7, 3, 0, 1, 5, 0, 5, 4};
  std::ofstream bin(dir / "boxes.bin", std::ios::binary);
  bin.write(reinterpret_cast<const char*>(positions.data()), sizeof positions);
  bin.write(reinterpret_cast<const char*>(indices.data()), sizeof indices);
  bin.close();

  std::string nodes, meshes, scene;
  for (int i = 0; i < count; ++i) {
    const int mesh = shared ? 0 : i;
    // A 4-wide grid in front of the camera.
    nodes += std::string(i ? "," : "") + R"({"name": "Box)" + std::to_string(i) + R"(", "mesh": )" +
             std::to_string(mesh) + R"(, "translation": [)" +
             std::to_string(1.6f * static_cast<float>(i % 4) - 2.4f) + ", 0, " +
             std::to_string(-1.6f * static_cast<float>(i / 4)) + "]}";
    scene += std::string(i ? "," : "") + std::to_string(i);
    if (!shared || i == 0)
      meshes += std::string(i ? "," : "") +
                R"({"primitives": [{"attributes": {"POSITION": 0}, "indices": 1, "material": 0}]})";
  }
  const fs::path file = dir / (shared ? "shared.gltf" : "separate.gltf");
  std::ofstream(file) << R"({"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [)"
                      << scene << R"(]}], "nodes": [)" << nodes << R"(], "meshes": [)" << meshes
                      << R"(], "materials": [{"pbrMetallicRoughness": {"baseColorFactor":
    [0.3, 0.5, 0.8, 1], "metallicFactor": 0, "roughnessFactor": 0.6}}],
    "buffers": [{"uri": "boxes.bin", "byteLength": 240}],
    "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 96, "target": 34962},
                    {"buffer": 0, "byteOffset": 96, "byteLength": 144, "target": 34963}],
    "accessors": [{"bufferView": 0, "componentType": 5126, "count": 8, "type": "VEC3",
                   "min": [-0.5, 0, -0.5], "max": [0.5, 1, 0.5]},
                  {"bufferView": 1, "componentType": 5125, "count": 36, "type": "SCALAR"}]})";
  return file;
}

std::unique_ptr<Renderer> headlessRenderer(int width, int height) {
  RendererOptions options;
  options.headless = true;
  options.width = width;
  options.height = height;
  options.validation = true;  // only warns when the layer is not installed
  return Renderer::create(options);
}

int channelDifference(const Image& a, const Image& b, size_t pixel) {
  int worst = 0;
  for (size_t c = 0; c < 3; ++c)
    worst = std::max(worst, std::abs(int(a.rgba[pixel * 4 + c]) - int(b.rgba[pixel * 4 + c])));
  return worst;
}

// The triangles of one index range of every draw, in world space, for a RayPicker.
std::vector<PickTriangle> rangeTriangles(const ModelData& model, uint32_t level) {
  std::vector<PickTriangle> out;
  for (const DrawRecord& draw : model.draws) {
    const MeshRange& mesh = model.meshes[draw.mesh];
    const IndexRange range = lodIndexRange(mesh, std::min(level, mesh.lod_count));
    const auto world = [&](uint32_t k) {
      const uint32_t v = uint32_t(mesh.vertex_offset) + model.indices[range.first_index + k];
      return glm::vec3(draw.world * glm::vec4(model.vertices[v].position, 1.f));
    };
    for (uint32_t k = 0; k + 2 < range.index_count; k += 3)
      out.push_back({world(k), world(k + 1), world(k + 2), draw.node});
  }
  return out;
}

}  // namespace

TEST_CASE("the level of detail follows the projected size", "[engine][lod]") {
  MeshRange mesh;
  mesh.lod_count = 3;
  mesh.lods[0].relative_error = 0.01f;
  mesh.lods[1].relative_error = 0.05f;
  mesh.lods[2].relative_error = 0.2f;
  // Error in pixels = relative error x projected radius; the budget is 1 px.
  CHECK(selectLod(mesh, 1000.f, 1.f) == 0);  // 10 px for the first level: full detail
  CHECK(selectLod(mesh, 100.f, 1.f) == 1);   // 1 px: just allowed
  CHECK(selectLod(mesh, 50.f, 1.f) == 1);    // the second level would be 2.5 px
  CHECK(selectLod(mesh, 20.f, 1.f) == 2);    // 1 px for the second, 4 px for the third
  CHECK(selectLod(mesh, 5.f, 1.f) == 3);
  CHECK(selectLod(mesh, 5.f, 0.5f) == 2);  // a tighter budget keeps more detail
  CHECK(selectLod(mesh, std::numeric_limits<float>::infinity(), 1.f) == 0);
  MeshRange plain;  // no levels: always the full mesh
  CHECK(selectLod(plain, 0.1f, 1.f) == 0);

  // A 1 m sphere seen by a 720-line camera with a 0.8 rad field of view: 851 px per metre
  // at 1 m (360 / tan 0.4), so 85 px of radius with its nearest point 10 m away.
  const LodProjection camera = perspectiveLod(glm::vec3(0.f), 1.f / std::tan(0.4f), 720.f);
  CHECK(camera.max_error_px == kMainPassLodErrorPx);
  CHECK(projectedRadiusPx(camera, {0, 0, -11}, 1.f) == Approx(851.5f / 10.f).epsilon(0.01));
  CHECK(std::isinf(projectedRadiusPx(camera, {0, 0, -0.5f}, 1.f)));  // the eye is inside
  // A Vulkan projection's flipped Y scale gives the same size, not a negative one.
  const LodProjection flipped = perspectiveLod(glm::vec3(0.f), -1.f / std::tan(0.4f), 720.f);
  CHECK(projectedRadiusPx(flipped, {0, 0, -11}, 1.f) ==
        projectedRadiusPx(camera, {0, 0, -11}, 1.f));
  uint32_t previous = 0;
  for (float distance = 2.f; distance < 1e4f; distance *= 1.5f) {
    const uint32_t level =
        selectLod(mesh, projectedRadiusPx(camera, {0, 0, -distance}, 1.f), camera.max_error_px);
    CHECK(level >= previous);  // farther never means finer
    previous = level;
  }
  CHECK(previous == 3);
  // The shadow map: 10 cm texels make the same sphere 10 texels in radius wherever it is;
  // budget half a texel, so the second level (0.5 texel) is the coarsest allowed.
  const LodProjection sun = shadowMapLod(0.1f);
  CHECK(projectedRadiusPx(sun, {0, 0, -1000}, 1.f) == Approx(10.f));
  CHECK(selectLod(mesh, projectedRadiusPx(sun, {}, 1.f), sun.max_error_px) == 2);
}

TEST_CASE("imported meshes carry valid, shrinking levels of detail", "[engine][lod]") {
  const fs::path dir = scratchDir("levels");
  const ModelData model = loadModelData(writeSphereObj(dir, glm::vec3(0.f)));
  REQUIRE(model.meshes.size() == 1);
  const MeshRange& mesh = model.meshes[0];
  CHECK(mesh.index_count == 64 * 128 * 6);  // the full level keeps every triangle
  REQUIRE(mesh.lod_count >= 2);
  uint32_t previous = mesh.index_count;
  float previous_error = 0.f;
  for (uint32_t l = 0; l < mesh.lod_count; ++l) {
    const LodRange& lod = mesh.lods[l];
    INFO("level " << l + 1 << ": " << lod.index_count << " indices, error " << lod.relative_error);
    CHECK(lod.index_count > 0);
    CHECK(lod.index_count % 3 == 0);
    CHECK(lod.index_count < previous);
    CHECK(uint64_t(lod.first_index) + lod.index_count <= model.indices.size());
    CHECK(lod.relative_error >= previous_error);
    CHECK(lod.relative_error < 0.1f);  // within kLodMaxRelativeError of the extent
    // The level's surface stays on the sphere: its vertices are the full level's.
    for (uint32_t k = 0; k < lod.index_count; ++k) {
      const uint32_t v = uint32_t(mesh.vertex_offset) + model.indices[lod.first_index + k];
      REQUIRE(v < model.vertices.size());
      REQUIRE(glm::length(model.vertices[v].position) == Approx(1.f).margin(1e-4));
    }
    previous = lod.index_count;
    previous_error = lod.relative_error;
  }
  // Ranges do not overlap the full level.
  CHECK(mesh.lods[0].first_index >= mesh.first_index + mesh.index_count);
}

TEST_CASE("an instanced model renders the same pixels as separate meshes", "[engine][gpu][lod]") {
  constexpr int kWidth = 320, kHeight = 240, kBoxes = 12;
  const auto renderBoxes = [&](bool shared) {
    auto renderer = headlessRenderer(kWidth, kHeight);
    renderer->loadModel(writeBoxesGltf(scratchDir(shared ? "shared" : "separate"), shared, kBoxes));
    OrbitCamera& camera = renderer->camera();
    camera.target = {0.f, 0.5f, -2.4f};
    camera.distance = 9.f;
    camera.yaw = 0.3f;
    camera.pitch = 0.5f;
    // Per-node state must reach each instance: one tinted, one hidden.
    const NodeHandle tinted = renderer->findNode("Box5");
    const NodeHandle hidden = renderer->findNode("Box2");
    REQUIRE(tinted.valid());
    REQUIRE(hidden.valid());
    renderer->setTint(tinted, {1.f, 0.f, 0.f}, 0.8f);
    renderer->setVisible(hidden, false);
    REQUIRE(renderer->renderFrame());
    REQUIRE(renderer->renderFrame());  // the second frame draws no shadow pass
    CHECK(renderer->validationErrors() == 0);
    struct Frame {
      Image image;
      FrameTiming timing;
    };
    return Frame{renderer->readback(), renderer->lastFrameTiming()};
  };
  const auto instanced = renderBoxes(true);
  const auto separate = renderBoxes(false);
  // 11 visible boxes: one call for all of them, against one each.
  CHECK(instanced.timing.instances == kBoxes - 1);
  CHECK(separate.timing.instances == kBoxes - 1);
  CHECK(instanced.timing.draw_calls == 1);
  CHECK(separate.timing.draw_calls == kBoxes - 1);

  REQUIRE(instanced.image.width == separate.image.width);
  REQUIRE(instanced.image.height == separate.image.height);
  size_t differing = 0, reddish = 0;
  const size_t pixels = size_t(kWidth) * kHeight;
  for (size_t p = 0; p < pixels; ++p) {
    differing += channelDifference(instanced.image, separate.image, p) > 8;
    const uint8_t* c = &instanced.image.rgba[p * 4];
    reddish += c[0] > c[2] + 60;
  }
  CHECK(differing <= pixels / 1000);
  CHECK(reddish > 100);  // the tinted instance shows its tint
  if (differing > pixels / 1000) {
    writePng(instanced.image, fs::temp_directory_path() / "greentwin-lod-instanced.png");
    writePng(separate.image, fs::temp_directory_path() / "greentwin-lod-separate.png");
  }
}

TEST_CASE("picking stays exact on a far object drawn at a coarse level", "[engine][gpu][lod]") {
  constexpr int kWidth = 320, kHeight = 240;
  const glm::vec3 centre{0.f, 1.f, -150.f};
  const fs::path file = writeSphereObj(scratchDir("far"), centre);
  auto renderer = headlessRenderer(kWidth, kHeight);
  renderer->loadModel(file);
  OrbitCamera& camera = renderer->camera();
  camera.target = centre;
  camera.distance = 150.f;
  camera.yaw = 0.f;
  camera.pitch = 0.f;
  REQUIRE(renderer->renderFrame());

  // The draw is far enough for a coarse level: the frame used one, the pick must not.
  const ModelData model = loadModelData(file);
  const MeshRange& mesh = model.meshes[0];
  const glm::vec2 size(kWidth, kHeight);
  const LodProjection lod =
      perspectiveLod(camera.eye(), camera.projection(size.x / size.y)[1][1], size.y);
  const Bounds& b = model.draws[0].world_bounds;
  const uint32_t level =
      selectLod(mesh, projectedRadiusPx(lod, b.center(), b.radius()), lod.max_error_px);
  REQUIRE(level > 0);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!renderer->pickingReady() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // A pixel off the centre, where the coarse level's facets differ most from the sphere.
  const glm::mat4 view = camera.view();
  const auto screen = projectToScreen(camera.projection(size.x / size.y) * view, view,
                                      centre + glm::vec3(0.45f, 0.3f, 0.f), size);
  REQUIRE(screen);
  const auto hit = renderer->pickHit(screen->pixel);
  REQUIRE(hit);
  const Ray ray = rayThroughPixel(camera, screen->pixel, size);
  const auto full = RayPicker(rangeTriangles(model, 0)).cast(ray);
  const auto coarse = RayPicker(rangeTriangles(model, level)).cast(ray);
  REQUIRE(full);
  REQUIRE(coarse);
  INFO("full " << full->distance << " m, level " << level << " " << coarse->distance << " m");
  CHECK(std::abs(coarse->distance - full->distance) > 1e-3f);  // the levels do differ here
  CHECK(hit->distance == Approx(full->distance).margin(1e-4));
}
