// What the site around the buildings looks like: ground surfaces and road markings,
// fences, trees, vehicles, storage racks, and the pipes and cable trays between utilities
// and the hall. Ground and fences are built in site coordinates from site_plan.h; objects
// in their own local space (origin at the footprint centre on the ground).
#pragma once

#include <vector>

#include "mesh_builder.h"
#include "seeded_random.h"
#include "site_plan.h"

namespace gt::factorygen {

// ground_models.cpp: site coordinates.
MeshBuilder groundSurfaces();    // grass, concrete yards, substation gravel
MeshBuilder roadsAndMarkings();  // asphalt, lane lines, parking stalls, zebra crossings
MeshBuilder perimeterFence();    // round the site, open at the south gate
MeshBuilder substationFence();   // round the substation yard, gate on its west side
// A concrete pad and grass under an extra hall of a --scale grid, `size` x by z.
MeshBuilder expansionGround(glm::vec2 size);

// object_models.cpp: local space.
MeshBuilder deciduousTree();  // ~7.5 m high; nodes scale it
MeshBuilder conifer();        // ~9 m high
// A passenger car, length along Z (nose towards +Z); an SUV is taller and boxier.
MeshBuilder car(Paint body, bool suv);
MeshBuilder boxTruck();  // 7.5 t box van, length along X, cab towards -X
MeshBuilder forklift();  // forks towards +Z
// Pallet racking of `bays` 2.7 m bays along X and `levels` beam levels; which slots hold
// pallets comes from the random source.
MeshBuilder palletRack(int bays, int levels, SeededRandom& random);

// pipe_models.cpp: any coordinates, appended into the caller's mesh.
// A pipe through the points (at least two), with elbow balls at the bends.
void pipeRun(MeshBuilder& m, Paint paint, float radius, const std::vector<glm::vec3>& points);
// An insulated pipe: aluminium cladding with a band of `service` paint every 6 m.
void insulatedPipeRun(MeshBuilder& m, Paint service, float radius,
                      const std::vector<glm::vec3>& points);
// A two-tier pipe rack along the horizontal line from `from` to `to` (ground level points),
// portals every 6 m, `width` metres across, top tier at `height`.
void pipeRack(MeshBuilder& m, glm::vec3 from, glm::vec3 to, float width, float height);
// A ladder-type cable tray of `width` metres along the line from `from` to `to`.
void cableTray(MeshBuilder& m, glm::vec3 from, glm::vec3 to, float width);

}  // namespace gt::factorygen
