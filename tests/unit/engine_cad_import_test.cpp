// STEP/IGES import through Open CASCADE, on an assembly written at test time by OCCT itself
// (tools/cadgen: a 200 x 100 x 70 mm "Machine" of a plate, one bolt placed twice and a motor
// sub-assembly, Z up): names and tree kept, millimetres to metres, Z up to Y up, colours,
// one mesh for the repeated bolt, a tolerance that follows the model's size, clear errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../../engine/src/cad_import.h"
#include "../../engine/src/model_loader.h"
#include "cad_fixtures.h"

namespace fs = std::filesystem;
using namespace gt::engine;
using Catch::Contains;
using Catch::StartsWith;
using gt::tools::CadFileKind;
using gt::tools::writeCadAssembly;

namespace {

// Through the model loader, with the CAD reader greentwin-import-cad plugs in.
ModelData loadCad(const fs::path& file) {
  return loadModelData(file, nullptr, {}, &loadCadModel);
}

fs::path scratchDir() {
  const fs::path dir = fs::temp_directory_path() / "greentwin-cad-import-test";
  fs::create_directories(dir);
  return dir;
}

fs::path writeAssembly(const std::string& name, CadFileKind kind, double scale = 1.0) {
  const fs::path file = scratchDir() / name;
  writeCadAssembly(file, kind, scale);
  return file;
}

std::vector<uint32_t> nodesNamed(const ModelData& model, const std::string& name) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < model.nodes.size(); ++i)
    if (model.nodes[i].name == name) out.push_back(i);
  return out;
}

std::vector<const DrawRecord*> drawsOf(const ModelData& model, uint32_t node) {
  std::vector<const DrawRecord*> out;
  for (const DrawRecord& draw : model.draws)
    if (draw.node == node) out.push_back(&draw);
  return out;
}

std::string message(const fs::path& file) {
  try {
    loadCad(file);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

// The machine's box in the scene: 200 mm along x, 70 mm up (CAD z -> scene y), and CAD's
// 100 mm along y running towards -z.
void checkMachineBounds(const Bounds& b, double scale) {
  const double m = 1e-3 * scale, slack = 1e-4 * scale;
  CHECK(b.min.x == Approx(0).margin(slack));
  CHECK(b.max.x == Approx(200 * m).margin(slack));
  CHECK(b.min.y == Approx(0).margin(slack));
  CHECK(b.max.y == Approx(70 * m).margin(slack));
  CHECK(b.min.z == Approx(-100 * m).margin(slack));
  CHECK(b.max.z == Approx(0).margin(slack));
}

}  // namespace

TEST_CASE("a STEP assembly keeps its tree, names, units and axes", "[engine][cad]") {
  const ModelData model = loadCad(writeAssembly("machine.step", CadFileKind::Step));

  std::string tree;
  for (const SceneNode& node : model.nodes)
    tree += std::to_string(node.parent) + ":" + node.name + " ";
  INFO("nodes (parent:name): " << tree);
  // Depth-first pre-order: the root, its four instances, the motor's housing under the motor.
  REQUIRE(model.nodes.size() == 6);
  CHECK(model.nodes[0].name == "Machine");
  CHECK(model.nodes[0].parent == -1);
  CHECK(model.nodes[0].subtree_end == 6);
  const auto plates = nodesNamed(model, "BasePlate");
  const auto bolts = nodesNamed(model, "Bolt");
  const auto motors = nodesNamed(model, "Motor");
  const auto housings = nodesNamed(model, "MotorHousing");
  REQUIRE(plates.size() == 1);
  REQUIRE(bolts.size() == 2);
  REQUIRE(motors.size() == 1);
  REQUIRE(housings.size() == 1);
  for (uint32_t i : {plates[0], bolts[0], bolts[1], motors[0]}) CHECK(model.nodes[i].parent == 0);
  CHECK(model.nodes[housings[0]].parent == static_cast<int32_t>(motors[0]));
  CHECK(model.nodes[motors[0]].subtree_end == housings[0] + 1);

  checkMachineBounds(model.bounds, 1.0);
  checkMachineBounds(model.nodes[0].world_bounds, 1.0);
  // The motor housing: r 30 mm around CAD (100, 50), from 10 to 70 mm up.
  const Bounds& housing = model.nodes[housings[0]].world_bounds;
  CHECK(housing.min.x == Approx(0.07).margin(1e-4));
  CHECK(housing.max.x == Approx(0.13).margin(1e-4));
  CHECK(housing.min.y == Approx(0.01).margin(1e-4));
  CHECK(housing.max.y == Approx(0.07).margin(1e-4));
  CHECK(housing.min.z == Approx(-0.08).margin(1e-4));
  CHECK(housing.max.z == Approx(-0.02).margin(1e-4));

  uint64_t drawn = 0;
  for (const DrawRecord& draw : model.draws) drawn += model.meshes[draw.mesh].index_count / 3;
  CHECK(model.triangles == drawn);
  CHECK(model.nodes[0].triangles == drawn);
  // A box is 12 triangles however fine the tolerance.
  REQUIRE(drawsOf(model, plates[0]).size() == 1);
  CHECK(model.meshes[drawsOf(model, plates[0])[0]->mesh].index_count == 36);
}

TEST_CASE("a STEP assembly's normals face out and match the winding", "[engine][cad]") {
  const ModelData model = loadCad(writeAssembly("normals.step", CadFileKind::Step));
  for (const DrawRecord& draw : model.draws) {
    const MeshRange& mesh = model.meshes[draw.mesh];
    // Every part here is convex, so outward means away from its centre.
    const glm::vec3 centre = mesh.local_bounds.center();
    int inward = 0, against_winding = 0;
    for (uint32_t i = 0; i < mesh.index_count; i += 3) {
      const Vertex* v[3];
      for (int k = 0; k < 3; ++k)
        v[k] = &model.vertices[static_cast<size_t>(
            mesh.vertex_offset + static_cast<int32_t>(model.indices[mesh.first_index + i + k]))];
      const glm::vec3 face_normal =
          glm::cross(v[1]->position - v[0]->position, v[2]->position - v[0]->position);
      for (int k = 0; k < 3; ++k) {
        if (glm::dot(v[k]->normal, face_normal) <= 0.f) ++against_winding;
        if (glm::dot(v[k]->normal, v[k]->position - centre) < 0.f) ++inward;
      }
    }
    INFO("node " << model.nodes[draw.node].name);
    CHECK(inward == 0);
    CHECK(against_winding == 0);
  }
}

TEST_CASE("STEP part colours become materials", "[engine][cad]") {
  const ModelData model = loadCad(writeAssembly("colours.step", CadFileKind::Step));
  auto colourOf = [&](const std::string& name) {
    const auto nodes = nodesNamed(model, name);
    REQUIRE(!nodes.empty());
    const auto draws = drawsOf(model, nodes[0]);
    REQUIRE(draws.size() == 1);
    return model.materials[draws[0]->material].base_colour;
  };
  const glm::vec4 plate = colourOf("BasePlate"), bolt = colourOf("Bolt"),
                  housing = colourOf("MotorHousing");
  CHECK(plate.r == Approx(0.8).margin(0.01));
  CHECK(plate.g == Approx(0.1).margin(0.01));
  CHECK(plate.b == Approx(0.1).margin(0.01));
  CHECK(plate.a == Approx(1.0));
  CHECK(bolt.b == Approx(0.8).margin(0.01));
  CHECK(housing.g == Approx(0.7).margin(0.01));
}

TEST_CASE("a part placed twice is one mesh drawn twice", "[engine][cad]") {
  const ModelData model = loadCad(writeAssembly("instances.step", CadFileKind::Step));
  CHECK(model.meshes.size() == 3);  // plate, bolt, housing
  const auto bolts = nodesNamed(model, "Bolt");
  REQUIRE(bolts.size() == 2);
  const auto first = drawsOf(model, bolts[0]), second = drawsOf(model, bolts[1]);
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0]->mesh == second[0]->mesh);
  // Placed at CAD (20, 20, 10) and (180, 80, 10) mm: scene (x, z, -y) in metres.
  CHECK(first[0]->world[3].x == Approx(0.02));
  CHECK(first[0]->world[3].y == Approx(0.01));
  CHECK(first[0]->world[3].z == Approx(-0.02));
  CHECK(second[0]->world[3].x == Approx(0.18));
  CHECK(second[0]->world[3].z == Approx(-0.08));
  // Both bolts stand on the plate and reach 30 mm above it.
  for (const auto* draw : {first[0], second[0]}) {
    CHECK(draw->world_bounds.min.y == Approx(0.01).margin(1e-5));
    CHECK(draw->world_bounds.max.y == Approx(0.04).margin(1e-5));
  }
}

TEST_CASE("the tessellation tolerance follows the model's size", "[engine][cad]") {
  CHECK(cadLinearDeflectionMm(1000.0) == Approx(1.0));
  CHECK(cadLinearDeflectionMm(1.0) == Approx(0.01));  // floor: a screw stays a screw
  CHECK(cadLinearDeflectionMm(1e6) == Approx(5.0));   // ceiling: a hall keeps its bolts round
  // The same assembly 10 m and 10 mm long: neither a soup nor a few crude boxes.
  const ModelData big = loadCad(writeAssembly("big.step", CadFileKind::Step, 50.0));
  const ModelData small = loadCad(writeAssembly("small.step", CadFileKind::Step, 0.05));
  const ModelData normal = loadCad(writeAssembly("normal.step", CadFileKind::Step));
  INFO("triangles: 10 m " << big.triangles << ", 200 mm " << normal.triangles << ", 10 mm "
                          << small.triangles);
  checkMachineBounds(big.bounds, 50.0);
  checkMachineBounds(small.bounds, 0.05);
  for (const ModelData* model : {&big, &small, &normal}) {
    CHECK(model->triangles >= 100);
    CHECK(model->triangles <= 20000);
  }
  // Within the clamps the tolerance is relative, so size alone changes nothing.
  CHECK(small.triangles == normal.triangles);
}

TEST_CASE("an IGES file loads with its shapes, sizes and colours", "[engine][cad]") {
  const ModelData model = loadCad(writeAssembly("machine.igs", CadFileKind::Iges));
  std::string names;
  for (const SceneNode& node : model.nodes) names += node.name + " ";
  INFO("nodes: " << names);
  CHECK(model.triangles >= 100);
  checkMachineBounds(model.bounds, 1.0);
  bool red = false;
  for (const DrawRecord& draw : model.draws) {
    const glm::vec4 c = model.materials[draw.material].base_colour;
    red = red || (c.r > 0.7f && c.g < 0.2f && c.b < 0.2f);
  }
  CHECK(red);
}

TEST_CASE("a truncated IGES file is refused before OCCT reads it", "[engine][cad]") {
  // Cut inside the parameter section: OCCT 7.6 crashes transferring this one.
  const fs::path good = writeAssembly("whole.igs", CadFileKind::Iges);
  std::string bytes;
  {
    std::ifstream in(good, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const fs::path file = scratchDir() / "truncated.igs";
  std::ofstream(file, std::ios::binary) << bytes.substr(0, bytes.size() - 300);
  CHECK(message(file) ==
        file.string() + ": IGES file is truncated (its Terminate line is missing)");
}

TEST_CASE("a broken STEP file fails with one clear message", "[engine][cad]") {
  const fs::path good = writeAssembly("whole.step", CadFileKind::Step);
  std::string bytes;
  {
    std::ifstream in(good, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  SECTION("truncated in the middle of its data") {
    const fs::path file = scratchDir() / "truncated.step";
    std::ofstream(file, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    CHECK_THAT(message(file), StartsWith(file.string()) && Contains("STEP"));
  }
  SECTION("no shapes") {
    const fs::path file = scratchDir() / "empty.step";
    std::ofstream(file, std::ios::binary)
        << "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\n"
           "FILE_NAME('empty','2024-01-01',(''),(''),'','','');\n"
           "FILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n";
    CHECK(message(file) == file.string() + ": STEP file contains no shapes");
  }
}
