// The production hall and everything in it, as a unit that --scale can repeat: its meshes
// are made once and every copy of the hall places nodes that share them (instancing).
#pragma once

#include <cstdint>
#include <string>

#include "scene.h"
#include "seeded_random.h"

namespace gt::factorygen {

struct HallMeshes {
  uint32_t structure, walls, glass, roof, roof_glass, floor;
  uint32_t vertical_machining_centre, horizontal_machining_centre, turning_centre;
  uint32_t assembly_line, paint_booth, crane, pallet_rack, forklift;
};

// Adds the hall's meshes to the scene once. The random source decides which parts ride the
// assembly line and which rack slots hold pallets, so it must be the site's seeded one.
HallMeshes addProductionHallMeshes(Scene& scene, SeededRandom& random);

// Places one hall with its floor centre at `centre` (site coordinates): a group node
// "PRODUCTION-HALL<suffix>" whose children are the shell nodes (HALL-STRUCTURE, HALL-WALLS,
// HALL-GLASS, HALL-ROOF, HALL-ROOF-GLASS, HALL-FLOOR) and the equipment (CNC-01..CNC-22,
// ASM-01, PNT-01, CRANE-01/02, RACK-nn, FORKLIFT-nn), every name ending in `suffix`.
// Returns the group node.
uint32_t placeProductionHall(Scene& scene, const HallMeshes& meshes, glm::vec3 centre,
                             const std::string& suffix);

// Machining centres per hall (CNC-01..CNC-16, in facing pairs) and turning centres after
// them (CNC-17..CNC-22). CNC-01..CNC-06 are metered; the rest make the hall look full.
constexpr int kMachinesPerHall = 16;
constexpr int kTurningCentresPerHall = 6;

}  // namespace gt::factorygen
