// Inside the production hall (hall-local coordinates, floor top at plan::kHallFloor).
// North span: machining, odd-numbered horizontal centres facing even-numbered vertical
// ones across a 5 m aisle (so CNC-01/02 are a pair, as plants number their bays), racks at
// the east end. South span: a row of turning centres along the cross aisle, and the
// assembly line feeding the paint booth at the east end.
#include "production_hall.h"

#include <array>
#include <cstdio>
#include <numbers>

#include "building_models.h"
#include "equipment_models.h"
#include "site_models.h"
#include "site_plan.h"

namespace gt::factorygen {
namespace {

using namespace plan;

constexpr float kPi = std::numbers::pi_v<float>;
constexpr float kRowA = -22.0f, kRowB = -9.0f;  // machine centre lines (z)
constexpr float kFirstMachine = -52.0f, kMachinePitch = 9.0f;
constexpr float kLatheRow = 8.5f, kFirstLathe = -50.0f;  // south span, facing the cross aisle
constexpr glm::vec3 kAssemblyCentre{-24.0f, kHallFloor, 15.0f};
constexpr float kAssemblyLength = 60.0f;
constexpr glm::vec3 kPaintBoothCentre{36.0f, kHallFloor, 15.0f};

struct Placed {
  glm::vec3 position;
  float yaw;
};
constexpr std::array<Placed, 4> kRacks{{{{40.0f, kHallFloor, -27.8f}, 0},
                                        {{40.0f, kHallFloor, -20.55f}, 0},
                                        {{40.0f, kHallFloor, -19.45f}, 0},
                                        {{40.0f, kHallFloor, -6.5f}, 0}}};
constexpr std::array<Placed, 3> kForklifts{{{{46.0f, kHallFloor, -15.5f}, kPi / 2},
                                            {{27.0f, kHallFloor, -11.0f}, 0.4f},
                                            {{14.0f, kHallFloor, 9.5f}, -kPi / 2}}};

glm::vec3 machinePosition(int index) {  // index 0-based: CNC-01 is 0
  const int column = index / 2;
  const float z = index % 2 == 0 ? kRowA : kRowB;
  return {kFirstMachine + kMachinePitch * static_cast<float>(column), kHallFloor, z};
}

glm::vec3 lathePosition(int index) {
  return {kFirstLathe + kMachinePitch * static_cast<float>(index), kHallFloor, kLatheRow};
}

// Yellow line of `width` metres from a to b on the floor (axis-aligned).
void floorLine(MeshBuilder& m, glm::vec2 a, glm::vec2 b, float width) {
  const glm::vec2 lo = glm::min(a, b) - glm::vec2{width * 0.5f},
                  hi = glm::max(a, b) + glm::vec2{width * 0.5f};
  m.block(Paint::SafetyYellow, {lo.x, kHallFloor, lo.y}, {hi.x, kHallFloor + 0.008f, hi.y});
}

void floorRectangle(MeshBuilder& m, glm::vec2 lo, glm::vec2 hi) {
  floorLine(m, lo, {hi.x, lo.y}, 0.1f);
  floorLine(m, {lo.x, hi.y}, hi, 0.1f);
  floorLine(m, lo, {lo.x, hi.y}, 0.1f);
  floorLine(m, {hi.x, lo.y}, hi, 0.1f);
}

MeshBuilder hallFloor() {
  MeshBuilder m;
  m.block(Paint::EpoxyFloor, {-kHallHalfLength - 0.4f, 0, -kHallHalfWidth - 0.4f},
          {kHallHalfLength + 0.4f, kHallFloor, kHallHalfWidth + 0.4f});
  // Walkways: the machining aisle, the central cross aisle and the assembly aisles.
  for (float z : {-18.0f, -13.0f, -4.5f, 4.5f, 20.5f}) floorLine(m, {-57.0f, z}, {57.0f, z}, 0.12f);
  for (float x : {-57.0f, 57.0f}) floorLine(m, {x, -28.0f}, {x, 28.0f}, 0.12f);
  // Machine zones: a yellow rectangle round each machining centre's footprint.
  for (int i = 0; i < kMachinesPerHall; ++i) {
    const glm::vec3 p = machinePosition(i);
    const glm::vec2 half = i % 2 == 0 ? glm::vec2{3.8f, 3.4f} : glm::vec2{3.2f, 2.4f};
    floorRectangle(m, glm::vec2{p.x, p.z} - half, glm::vec2{p.x, p.z} + half);
  }
  for (int i = 0; i < kTurningCentresPerHall; ++i) {
    const glm::vec3 p = lathePosition(i);
    floorRectangle(m, {p.x - 3.3f, p.z - 1.9f}, {p.x + 5.2f, p.z + 1.8f});
  }
  floorRectangle(m, {kPaintBoothCentre.x - 16.0f, kPaintBoothCentre.z - 10.0f},
                 {kPaintBoothCentre.x + 16.0f, kPaintBoothCentre.z + 13.0f});
  // Green hatched assembly zone under the line.
  m.block(Paint::AccentGreen,
          {kAssemblyCentre.x - kAssemblyLength * 0.5f - 2.5f, kHallFloor, kAssemblyCentre.z - 3.0f},
          {kAssemblyCentre.x + kAssemblyLength * 0.5f + 2.5f, kHallFloor + 0.004f,
           kAssemblyCentre.z + 3.0f});
  return m;
}

std::string numbered(const char* prefix, int number, const std::string& suffix) {
  char text[32];
  std::snprintf(text, sizeof text, "%s-%02d", prefix, number);
  return text + suffix;
}

}  // namespace

HallMeshes addProductionHallMeshes(Scene& scene, SeededRandom& random) {
  HallShell shell = productionHallShell();
  HallMeshes meshes{};
  meshes.structure = scene.addMesh(shell.structure.build("hall-structure"));
  meshes.walls = scene.addMesh(shell.walls.build("hall-walls"));
  meshes.glass = scene.addMesh(shell.glass.build("hall-glass"));
  meshes.roof = scene.addMesh(shell.roof.build("hall-roof"));
  meshes.roof_glass = scene.addMesh(shell.roof_glass.build("hall-roof-glass"));
  meshes.floor = scene.addMesh(hallFloor().build("hall-floor"));
  meshes.vertical_machining_centre =
      scene.addMesh(verticalMachiningCentre().build("vertical-machining-centre"));
  meshes.horizontal_machining_centre =
      scene.addMesh(horizontalMachiningCentre().build("horizontal-machining-centre"));
  meshes.turning_centre = scene.addMesh(turningCentre().build("turning-centre"));
  meshes.assembly_line =
      scene.addMesh(assemblyLine(kAssemblyLength, 8, random).build("assembly-line"));
  meshes.paint_booth = scene.addMesh(paintBooth().build("paint-booth"));
  meshes.crane = scene.addMesh(
      overheadCrane(2 * kHallHalfWidth * 0.5f - 1.0f, kCraneRail).build("overhead-crane"));
  meshes.pallet_rack = scene.addMesh(palletRack(6, 3, random).build("pallet-rack"));
  meshes.forklift = scene.addMesh(forklift().build("forklift"));
  return meshes;
}

uint32_t placeProductionHall(Scene& scene, const HallMeshes& meshes, glm::vec3 centre,
                             const std::string& suffix) {
  const uint32_t hall = scene.addNode(makeNode("PRODUCTION-HALL" + suffix, std::nullopt, centre));
  auto child = [&](std::string name, uint32_t mesh, glm::vec3 position = {}, float yaw = 0) {
    scene.addNode(makeNode(std::move(name), mesh, position, yaw), hall);
  };
  child("HALL-FLOOR" + suffix, meshes.floor);
  child("HALL-STRUCTURE" + suffix, meshes.structure);
  child("HALL-WALLS" + suffix, meshes.walls);
  child("HALL-ROOF" + suffix, meshes.roof);
  for (int i = 0; i < kMachinesPerHall; ++i) {
    const bool row_a = i % 2 == 0;
    child(numbered("CNC", i + 1, suffix),
          row_a ? meshes.horizontal_machining_centre : meshes.vertical_machining_centre,
          machinePosition(i), row_a ? 0.0f : kPi);
  }
  for (int i = 0; i < kTurningCentresPerHall; ++i) {
    child(numbered("CNC", kMachinesPerHall + i + 1, suffix), meshes.turning_centre,
          lathePosition(i), kPi);
  }
  child("ASM-01" + suffix, meshes.assembly_line, kAssemblyCentre);
  child("PNT-01" + suffix, meshes.paint_booth, kPaintBoothCentre);
  child("CRANE-01" + suffix, meshes.crane, {-20.0f, 0, -kHallHalfWidth * 0.5f});
  child("CRANE-02" + suffix, meshes.crane, {-38.0f, 0, kHallHalfWidth * 0.5f});
  for (size_t r = 0; r < kRacks.size(); ++r) {
    child(numbered("RACK", static_cast<int>(r) + 1, suffix), meshes.pallet_rack, kRacks[r].position,
          kRacks[r].yaw);
  }
  for (size_t f = 0; f < kForklifts.size(); ++f) {
    child(numbered("FORKLIFT", static_cast<int>(f) + 1, suffix), meshes.forklift,
          kForklifts[f].position, kForklifts[f].yaw);
  }
  child("HALL-GLASS" + suffix, meshes.glass);
  child("HALL-ROOF-GLASS" + suffix, meshes.roof_glass);
  return hall;
}

}  // namespace gt::factorygen
