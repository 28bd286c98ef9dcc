// Several models in one scene: two OBJ files placed by translate, rotate and scale end up where
// site.toml puts them, under root nodes named by their ids, through the real importer; a
// missing model is named and left out while the others load.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "../../engine/src/model_import.h"
#include "../../engine/src/model_placement.h"
#include "engine/renderer.h"
#include "engine_test_support.h"

namespace fs = std::filesystem;
using namespace gt::engine;
using testing::checkBox;

namespace {

const testing::ScratchFolder scratch{"greentwin-placement-test-" + std::to_string(::getpid())};

// A box 2 m along X, 1 m up, 1 m deep from the origin, in one object named `object`.
fs::path writeBoxObj(const std::string& name, const std::string& object) {
  return scratch.write(name,
                       "o " + object +
                           "\nv 0 0 0\nv 2 0 0\nv 2 1 0\nv 0 1 0\n"
                           "v 0 0 1\nv 2 0 1\nv 2 1 1\nv 0 1 1\n"
                           "f 1 4 3 2\nf 5 6 7 8\nf 1 5 8 4\nf 2 3 7 6\nf 4 8 7 3\nf 1 2 6 5\n");
}

const SceneNode& node(const ModelData& model, const std::string& name) {
  for (const SceneNode& n : model.nodes)
    if (n.name == name) return n;
  FAIL("no node named " << name);
  return model.nodes.front();
}

ModelImportOptions noCache() {
  ModelImportOptions options;
  options.use_cache = false;
  return options;
}

}  // namespace

TEST_CASE("two placed models end up where the site puts them", "[engine][model][placement]") {
  ModelPlacement hall{"hall", writeBoxObj("hall.obj", "Shell"), {10.f, 0.f, 0.f}, {}, 1.f};
  // Scale 0.5 first, then 90 degrees about Y (x -> -z, z -> x), then 5 m along Z.
  ModelPlacement pump{
      "pump", writeBoxObj("pump.obj", "Casing"), {0.f, 0.f, 5.f}, {0.f, 90.f, 0.f}, 0.5f};
  const ImportedModel scene = importModels({hall, pump}, noCache());
  CHECK(scene.problems.empty());
  const ModelData& model = scene.data;
  CHECK(model.triangles == 24);

  checkBox(node(model, "hall/Shell").world_bounds, {10.f, 0.f, 0.f}, {12.f, 1.f, 1.f});
  checkBox(node(model, "pump/Casing").world_bounds, {0.f, 0.f, 4.f}, {0.5f, 0.5f, 5.f});
  checkBox(node(model, "pump").world_bounds, {0.f, 0.f, 4.f}, {0.5f, 0.5f, 5.f});
  checkBox(model.bounds, {0.f, 0.f, 0.f}, {12.f, 1.f, 5.f});

  // The tree: each id a root, the model's own nodes below it, subtrees contiguous.
  const SceneNode& pump_root = node(model, "pump");
  CHECK(pump_root.parent == -1);
  CHECK(pump_root.triangles == 12);
  CHECK(pump_root.subtree_end == model.nodes.size());
  const auto pump_index = static_cast<int32_t>(&pump_root - model.nodes.data());
  CHECK(node(model, "hall").subtree_end == static_cast<uint32_t>(pump_index));
  // Assimp's OBJ root (named after the file) sits between the id and the object.
  const SceneNode& casing = node(model, "pump/Casing");
  CHECK(model.nodes[static_cast<size_t>(casing.parent)].parent == pump_index);
  // Every draw points at the second model's meshes with the second model's vertices.
  for (const DrawRecord& draw : model.draws) {
    const MeshRange& mesh = model.meshes[draw.mesh];
    CHECK(mesh.first_index + mesh.index_count <= model.indices.size());
    CHECK(draw.material < model.materials.size());
  }
  CHECK(model.meshes.back().vertex_offset > 0);
  CHECK(model.meshes.back().first_index > 0);
}

TEST_CASE("a missing model is named and the others still load", "[engine][model][placement]") {
  const fs::path missing = scratch.path() / "no-such-terrain.glb";
  const ImportedModel scene = importModels(
      {{"hall", writeBoxObj("hall2.obj", "Shell"), {}, {}, 1.f}, {"terrain", missing, {}, {}, 1.f}},
      noCache());
  CHECK(scene.data.triangles == 12);
  CHECK(node(scene.data, "hall/Shell").triangles == 12);
  REQUIRE(scene.problems.size() == 1);
  CHECK(scene.problems[0] == missing.string() + ": file not found");

  SECTION("when none loads, the load fails with every message") {
    const fs::path also_missing = scratch.path() / "no-such-hall.obj";
    CHECK_THROWS_WITH(
        importModels({{"hall", also_missing, {}, {}, 1.f}, {"terrain", missing, {}, {}, 1.f}},
                     noCache()),
        also_missing.string() + ": file not found\n" + missing.string() + ": file not found");
  }
}

TEST_CASE("a lone model without an id is left as it is", "[engine][model][placement]") {
  ModelData one;
  one.nodes.push_back({"Pump", -1, 1, glm::mat4(1.f), {}, 0});
  const ModelData merged = mergePlacedModels({{"", glm::mat4(2.f), one}});
  REQUIRE(merged.nodes.size() == 1);
  CHECK(merged.nodes[0].name == "Pump");
  CHECK(merged.nodes[0].world == glm::mat4(1.f));
}

TEST_CASE("a renderer loads a placed scene and names the model it left out",
          "[engine][model][placement][gpu]") {
  RendererOptions options;
  options.headless = true;
  options.width = 64;
  options.height = 64;
  options.msaa = 1;
  options.model_cache = false;
  const fs::path missing = scratch.path() / "no-such-roof.obj";
  options.initial_models = {{"hall", writeBoxObj("hall3.obj", "Shell"), {10.f, 0.f, 0.f}, {}, 1.f},
                            {"roof", missing, {}, {}, 1.f}};
  auto renderer = Renderer::create(options);
  REQUIRE(renderer);
  std::optional<ModelInfo> info;
  for (int i = 0; i < 2000 && !info; ++i) {
    REQUIRE(renderer->loadStatus().state != LoadStatus::State::Failed);
    CHECK(renderer->renderFrame());
    info = renderer->takeLoadedModel();
  }
  REQUIRE(info);
  REQUIRE(info->problems.size() == 1);
  CHECK(info->problems[0] == missing.string() + ": file not found");
  const NodeHandle shell = renderer->findNode("hall/Shell");
  REQUIRE(shell.valid());
  checkBox(renderer->nodeBounds(shell), {10.f, 0.f, 0.f}, {12.f, 1.f, 1.f});
  CHECK_FALSE(renderer->findNode("Shell").valid());  // only the placed name
  CHECK(renderer->renderFrame());
}
