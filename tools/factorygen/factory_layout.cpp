// Where every building, machine, pipe, tree and car of the demo site goes. Equipment nodes
// carry exactly the ids of site.toml (TR-01, CNC-01 .. CNC-06, ASM-01, PNT-01, AC-01, AC-02,
// AR-01, BLR-01, CH-01, CH-02, PV-01, WT-01, WS-01); identical things share one mesh.
#include "factory_layout.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <vector>

#include "building_models.h"
#include "equipment_models.h"
#include "palette.h"
#include "production_hall.h"
#include "site_models.h"
#include "site_plan.h"

namespace gt::factorygen {
namespace {

using namespace plan;

constexpr float kPi = std::numbers::pi_v<float>;

std::string numbered(const char* prefix, int number) {
  char text[32];
  std::snprintf(text, sizeof text, "%s-%03d", prefix, number);
  return text;
}

uint32_t addGroup(Scene& scene, std::string name) {
  return scene.addNode(makeNode(std::move(name)));
}

void addNode(Scene& scene, uint32_t parent, std::string name, uint32_t mesh, glm::vec3 position,
             float yaw = 0.0f) {
  scene.addNode(makeNode(std::move(name), mesh, position, yaw), parent);
}

void addGround(Scene& scene) {
  const uint32_t group = addGroup(scene, "SITE");
  addNode(scene, group, "GROUND", scene.addMesh(groundSurfaces().build("ground")), {});
  addNode(scene, group, "ROADS", scene.addMesh(roadsAndMarkings().build("roads")), {});
  addNode(scene, group, "PERIMETER-FENCE", scene.addMesh(perimeterFence().build("perimeter-fence")),
          {});
  addNode(scene, group, "GATEHOUSE", scene.addMesh(gatehouse().build("gatehouse")), kGatehouse);
}

void addWarehouseAndPv(Scene& scene) {
  const glm::vec2 c = kWarehouse.centre(), size = kWarehouse.size();
  const uint32_t group = addGroup(scene, "WAREHOUSE-BUILDING");
  addNode(scene, group, "WAREHOUSE",
          scene.addMesh(warehouse({size.x, kWarehouseHeight, size.y}).build("warehouse")),
          {c.x, 0, c.y});
  // PV-01: one node for the whole rooftop array, one child per row, all rows one mesh.
  const uint32_t row_mesh = scene.addMesh(pvRow(22).build("pv-row"));
  const uint32_t array =
      scene.addNode(makeNode("PV-01", std::nullopt, {c.x, kWarehouseHeight + 0.1f, c.y}), group);
  int row = 0;
  for (float z = -size.y * 0.5f + 2.5f; z < size.y * 0.5f - 8.5f; z += 3.3f) {
    char name[32];
    std::snprintf(name, sizeof name, "PV-01-ROW-%02d", ++row);
    addNode(scene, array, name, row_mesh, {0, 0, z});
  }
  const uint32_t truck = scene.addMesh(boxTruck().build("box-truck"));
  const float dock_face = kWarehouse.min.x - 0.6f;
  addNode(scene, group, "TRUCK-001", truck, {dock_face - 3.8f, 0, kWarehouse.min.y + 15.0f});
  addNode(scene, group, "TRUCK-002", truck, {dock_face - 3.8f, 0, kWarehouse.min.y + 26.0f});
}

void addParking(Scene& scene, SeededRandom& random) {
  const uint32_t group = addGroup(scene, "PARKING");
  const glm::vec2 carport = kCarport.centre();
  const float length = kCarport.size().x;
  const uint32_t frame =
      scene.addNode(makeNode("CARPORT", scene.addMesh(carportFrame(length).build("carport-frame")),
                             {carport.x, 0, carport.y}),
                    group);
  scene.addNode(makeNode("CARPORT-PV", scene.addMesh(carportPv(length).build("carport-pv"))),
                frame);
  const std::vector<uint32_t> cars{
      scene.addMesh(car(Paint::CarWhite, false).build("car-sedan-white")),
      scene.addMesh(car(Paint::CarBlack, false).build("car-sedan-black")),
      scene.addMesh(car(Paint::CarSilver, false).build("car-sedan-silver")),
      scene.addMesh(car(Paint::CarBlue, false).build("car-sedan-blue")),
      scene.addMesh(car(Paint::CarRed, false).build("car-sedan-red")),
      scene.addMesh(car(Paint::CarWhite, true).build("car-suv-white")),
      scene.addMesh(car(Paint::CarSilver, true).build("car-suv-silver")),
      scene.addMesh(car(Paint::CarBlack, true).build("car-suv-black")),
  };
  int number = 0;
  for (float z0 : {20.0f, 31.0f, 38.0f, 49.0f}) {
    for (float x = kParking.min.x + 1.25f; x < kParking.max.x; x += 2.5f) {
      if (random.below(100) >= 62) continue;  // a weekday: about three stalls in five taken
      const uint32_t mesh = cars[random.below(static_cast<uint32_t>(cars.size()))];
      const float yaw = (random.below(4) == 0 ? kPi : 0.0f) + random.uniform(-0.04f, 0.04f);
      addNode(scene, group, numbered("CAR", ++number), mesh,
              {x + random.uniform(-0.15f, 0.15f), 0.06f, z0 + 2.5f}, yaw);
    }
  }
}

void addUtilities(Scene& scene) {
  const uint32_t group = addGroup(scene, "UTILITIES");
  addNode(scene, group, "COMPRESSOR-SHELTER",
          scene.addMesh(openShelter({8, 8}, 4.5f).build("open-shelter")),
          {kCompressor1.x, 0, (kCompressor1.z + kCompressor2.z) * 0.5f});
  const uint32_t compressor = scene.addMesh(airCompressor().build("air-compressor"));
  addNode(scene, group, "AC-01", compressor, kCompressor1);
  addNode(scene, group, "AC-02", compressor, kCompressor2);
  addNode(scene, group, "AR-01", scene.addMesh(airReceiver().build("air-receiver")), kAirReceiver);
  addNode(scene, group, "BLR-01", scene.addMesh(gasBoiler().build("gas-boiler")), kBoiler);
  const uint32_t chiller_mesh = scene.addMesh(chiller().build("air-cooled-chiller"));
  addNode(scene, group, "CH-01", chiller_mesh, kChiller1);
  addNode(scene, group, "CH-02", chiller_mesh, kChiller2);
  addNode(scene, group, "GAS-STATION",
          scene.addMesh(gasRegulatingStation().build("gas-regulating-station")), kGasStation);
  addNode(scene, group, "SUBSTATION-FENCE",
          scene.addMesh(substationFence().build("substation-fence")), {});
  addNode(scene, group, "TR-01", scene.addMesh(transformer().build("transformer")), kTransformer);
  addNode(scene, group, "SWITCH-HOUSE", scene.addMesh(switchHouse().build("switch-house")),
          kSwitchHouse);
  addNode(scene, group, "WT-01", scene.addMesh(waterTreatment().build("water-treatment")),
          kWaterTreatment);
  addNode(scene, group, "WS-01", scene.addMesh(weatherStation().build("weather-station")),
          kWeatherStation);
}

// Pipes leave the utilities, rise to the rack and run west into the hall's east wall.
void addPipes(Scene& scene) {
  const float wall = kHallCentre.x + kHallHalfLength + 0.35f;
  const float top = kRackHeight + 0.3f, lower = kRackHeight - 1.0f;
  MeshBuilder rack;
  pipeRack(rack, {wall + 0.5f, 0, kRackZ}, {102.0f, 0, kRackZ}, 3.0f, kRackHeight);
  pipeRack(rack, {kCableRackX, 0, 30.0f}, {kCableRackX, 0, kRackZ + 3.0f}, 1.6f, kRackHeight);
  pipeRack(rack, {kCableRackX + 3.0f, 0, 30.0f}, {kSwitchHouse.x - 6.5f, 0, 30.0f}, 1.6f,
           kRackHeight);
  for (float y : {lower + 0.1f, top - 0.2f}) {
    cableTray(rack, {kCableRackX, y, 30.0f}, {kCableRackX, y, kRackZ - 1.0f}, 0.6f);
    cableTray(rack, {kCableRackX, y, 30.0f}, {kSwitchHouse.x - 6.0f, y, 30.0f}, 0.6f);
  }
  cableTray(rack, {kCableRackX, lower + 0.1f, kRackZ - 1.0f}, {wall, lower + 0.1f, kRackZ - 1.0f},
            0.6f);

  MeshBuilder pipes;
  const glm::vec3 steam_out = kBoiler + glm::vec3{0.8f, 4.2f, 2.2f};
  insulatedPipeRun(pipes, Paint::PipeSteam, 0.18f,
                   {steam_out,
                    {steam_out.x, steam_out.y, kRackZ + 6.0f},
                    {steam_out.x, top, kRackZ + 6.0f},
                    {steam_out.x, top, kRackZ + 1.0f},
                    {wall, top, kRackZ + 1.0f}});
  const glm::vec3 gas_in = kGasStation + glm::vec3{2.8f, 0.9f, 0.0f};
  pipeRun(pipes, Paint::PipeGas, 0.1f,
          {gas_in,
           {gas_in.x + 1.0f, gas_in.y, gas_in.z},
           {gas_in.x + 1.0f, top, gas_in.z},
           {gas_in.x + 1.0f, top, kRackZ + 0.4f},
           {wall, top, kRackZ + 0.4f}});
  const glm::vec3 burner = kBoiler + glm::vec3{-4.05f, 0.9f, 1.9f};
  pipeRun(pipes, Paint::PipeGas, 0.07f,
          {{burner.x, top, kRackZ + 0.4f}, {burner.x, top, burner.z}, burner});
  // Compressed air: both compressors into a header, up over the shelter to the receiver,
  // and from the receiver to the rack.
  const float header_x = kCompressor1.x - 2.7f;
  pipeRun(pipes, Paint::PipeAir, 0.08f,
          {kCompressor1 + glm::vec3{-2.2f, 1.4f, 0.3f},
           {header_x, 1.4f, kCompressor1.z + 0.3f},
           {header_x, 1.4f, kCompressor2.z + 0.3f},
           kCompressor2 + glm::vec3{-2.2f, 1.4f, 0.3f}});
  const float mid_z = (kCompressor1.z + kCompressor2.z) * 0.5f + 0.3f;
  const glm::vec3 receiver_in = kAirReceiver + glm::vec3{-1.6f, 3.5f, 0};
  pipeRun(pipes, Paint::PipeAir, 0.08f,
          {{header_x, 1.4f, mid_z},
           {header_x, 5.0f, mid_z},
           {receiver_in.x, 5.0f, mid_z},
           {receiver_in.x, 5.0f, receiver_in.z},
           receiver_in});
  const glm::vec3 receiver_out = kAirReceiver + glm::vec3{1.6f, 1.5f, 0};
  pipeRun(pipes, Paint::PipeAir, 0.12f,
          {receiver_out,
           {receiver_out.x, top, receiver_out.z},
           {receiver_out.x, top, kRackZ - 0.4f},
           {wall, top, kRackZ - 0.4f}});
  // Chilled water supply (lower tier) and return (top tier) from the chiller ends.
  for (float side : {-1.0f, 1.0f}) {
    const float header = kChiller1.x - 6.2f - (side > 0 ? 0.7f : 0.0f);
    const float y = side > 0 ? 1.4f : 0.8f;
    const float tier = side > 0 ? top : lower;
    for (const glm::vec3& ch : {kChiller1, kChiller2}) {
      pipeRun(pipes, Paint::PipeWater, 0.12f,
              {ch + glm::vec3{-5.6f, 0.8f, side * 0.4f},
               {header, 0.8f, ch.z + side * 0.4f},
               {header, y, ch.z + side * 0.4f}});
    }
    pipeRun(pipes, Paint::PipeWater, 0.16f,
            {{header, y, kChiller2.z + side * 0.4f},
             {header, y, kChiller1.z + side * 0.4f},
             {header, tier, kChiller1.z + side * 0.4f},
             {header, tier, kRackZ - 1.0f + side * 0.3f + 0.3f},
             {wall, tier, kRackZ - 1.0f + side * 0.3f + 0.3f}});
  }
  const uint32_t group = addGroup(scene, "SERVICES");
  addNode(scene, group, "PIPE-RACK", scene.addMesh(rack.build("pipe-rack")), {});
  addNode(scene, group, "PIPES", scene.addMesh(pipes.build("pipes")), {});
}

// Trees: rows along the fences and the main road, clumps on the lawns; jittered and sized
// by the seed so the rows do not look planted by a computer.
void addTrees(Scene& scene, SeededRandom& random) {
  const uint32_t group = addGroup(scene, "TREES");
  const uint32_t broadleaf = scene.addMesh(deciduousTree().build("tree-broadleaf"));
  const uint32_t needle = scene.addMesh(conifer().build("tree-conifer"));
  int number = 0;
  auto plant = [&](float x, float z, bool is_conifer) {
    const glm::vec3 p{x + random.uniform(-1.0f, 1.0f), 0, z + random.uniform(-0.8f, 0.8f)};
    const float yaw = random.uniform(0.0f, 2 * kPi);
    const float scale = random.uniform(0.8f, 1.25f);
    scene.addNode(
        makeNode(numbered("TREE", ++number), is_conifer ? needle : broadleaf, p, yaw, scale),
        group);
  };
  for (float x = -104.0f; x <= 104.0f; x += 9.0f) {
    if (std::abs(x - kGate.x) > 11.0f) plant(x, kSite.max.y - 4.0f, false);
  }
  for (float x = -104.0f; x <= 40.0f; x += 8.0f) plant(x, kSite.min.y + 3.0f, true);
  for (float x = -100.0f; x <= 104.0f; x += 12.0f) {
    if (std::abs(x - 30.0f) > 8.0f) plant(x, 17.0f, false);
  }
  for (float z = -66.0f; z <= 10.0f; z += 9.0f) plant(-105.0f, z, true);
  for (float z = 24.0f; z <= 60.0f; z += 9.0f) plant(-68.0f, z, false);
  for (int i = 0; i < 24; ++i) {  // lawn clumps: south of parking, substation, weather mast
    const int zone = i % 3;
    const glm::vec2 lo = zone == 0   ? glm::vec2{-60, 58}
                         : zone == 1 ? glm::vec2{66, 54}
                                     : glm::vec2{54, 52};
    const glm::vec2 hi = zone == 0   ? glm::vec2{16, 68}
                         : zone == 1 ? glm::vec2{104, 70}
                                     : glm::vec2{62, 70};
    plant(random.uniform(lo.x, hi.x), random.uniform(lo.y, hi.y), random.below(3) == 0);
  }
}

void addProductionHalls(Scene& scene, int scale, SeededRandom& random) {
  const HallMeshes meshes = addProductionHallMeshes(scene, random);
  placeProductionHall(scene, meshes, kHallCentre, "");
  if (scale == 1) return;
  const int extra = scale - 1;
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(extra))));
  const uint32_t ground =
      scene.addMesh(expansionGround({2 * kHallHalfLength + 10.0f, 2 * kHallHalfWidth + 10.0f})
                        .build("expansion-ground"));
  const uint32_t group = addGroup(scene, "EXPANSION");
  for (int i = 0; i < extra; ++i) {
    const float column = static_cast<float>(i % columns) - static_cast<float>(columns - 1) * 0.5f;
    const float row = static_cast<float>(i / columns);
    const glm::vec3 centre{column * kHallGridPitch.x, 0,
                           kSite.min.y - 60.0f - row * kHallGridPitch.y};
    std::string suffix = "#";
    suffix += std::to_string(i + 2);
    addNode(scene, group, "EXPANSION-GROUND" + suffix, ground, centre);
    placeProductionHall(scene, meshes, centre, suffix);
  }
}

}  // namespace

Scene buildFactory(const FactoryOptions& options) {
  assert(options.scale >= 1);
  SeededRandom random(options.seed);
  Scene scene;
  addPalette(scene);
  addGround(scene);
  addProductionHalls(scene, options.scale, random);
  addWarehouseAndPv(scene);
  addUtilities(scene);
  addPipes(scene);
  addParking(scene, random);
  addTrees(scene, random);
  return scene;
}

}  // namespace gt::factorygen
