// What the buildings and structures look like: the production hall's shell (split into the
// nodes the viewer needs to tell apart: steel, opaque walls, wall glass, roof, roof glass),
// the warehouse, PV rows, the carport and the small utility buildings. Local space as in
// equipment_models.h: origin at the footprint centre on the ground, metres.
#pragma once

#include "mesh_builder.h"

namespace gt::factorygen {

struct HallShell {
  MeshBuilder structure;   // columns, roof trusses, purlins, crane runways
  MeshBuilder walls;       // opaque lower band, mullions, door bays, parapet
  MeshBuilder glass;       // glass curtain walls (BLEND)
  MeshBuilder roof;        // opaque roof edges and the central valley walkway
  MeshBuilder roof_glass;  // translucent roof panes between the trusses (BLEND)
};

// The 120 x 60 x 12 m hall of site_plan.h, in hall-local coordinates.
HallShell productionHallShell();

// Warehouse with office end, loading docks and roof plant, `size` = (x, height, z).
MeshBuilder warehouse(glm::vec3 size);
// One row of `modules` PV modules in landscape along X, tilted to face south (+Z), on
// ballast rails; the row is about 2.1 m deep.
MeshBuilder pvRow(int modules);
// Parking carport steel (columns, cantilever beams, purlins) for `length` metres along X,
// and its PV roof, 12 m deep, sloping down to the south.
MeshBuilder carportFrame(float length);
MeshBuilder carportPv(float length);
// Open-sided equipment shelter: steel frame and a translucent canopy, no walls.
MeshBuilder openShelter(glm::vec2 size, float height);
MeshBuilder gasRegulatingStation();
MeshBuilder switchHouse();
MeshBuilder gatehouse();

}  // namespace gt::factorygen
