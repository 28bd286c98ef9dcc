// Ground surfaces and fences from the site plan. Surfaces are stacked a few centimetres
// apart (grass < concrete < gravel < asphalt < paint) so no two share a plane and flicker.
#include <algorithm>
#include <cmath>

#include "site_models.h"

namespace gt::factorygen {
namespace {

using namespace plan;

constexpr float kConcreteTop = 0.03f, kGravelTop = 0.045f, kAsphaltTop = 0.06f, kPaintTop = 0.075f;

void surface(MeshBuilder& m, Paint paint, const GroundRect& r, float top) {
  m.block(paint, {r.min.x, top - 0.1f, r.min.y}, {r.max.x, top, r.max.y});
}

bool onAnotherRoad(glm::vec2 p, const GroundRect& own) {
  for (const GroundRect& road : kRoads) {
    if (&road != &own && road.contains(p)) return true;
  }
  return false;
}

// A painted line along one axis of a road, `period` metres per dash+gap (dash = period for
// a solid line); pieces that fall on a crossing road are left out.
void paintLine(MeshBuilder& m, const GroundRect& road, bool along_x, float offset, float width,
               float dash, float period) {
  const float start = along_x ? road.min.x : road.min.y, end = along_x ? road.max.x : road.max.y;
  const float across = (along_x ? road.min.y : road.min.x) + offset;
  auto point = [&](float s) { return along_x ? glm::vec2{s, across} : glm::vec2{across, s}; };
  auto emit = [&](float s0, float s1) {
    const glm::vec2 a =
        point(s0) - (along_x ? glm::vec2{0, width * 0.5f} : glm::vec2{width * 0.5f, 0});
    const glm::vec2 b =
        point(s1) + (along_x ? glm::vec2{0, width * 0.5f} : glm::vec2{width * 0.5f, 0});
    m.block(Paint::LaneWhite, {a.x, kAsphaltTop, a.y}, {b.x, kPaintTop, b.y});
  };
  const bool solid = dash >= period;
  const float step = solid ? 1.0f : period, piece = solid ? 1.0f : dash;
  bool in_run = false;
  float run_start = 0.0f, run_end = 0.0f;
  for (float s = start + 1.0f; s + piece <= end - 1.0f; s += step) {
    // Keep a metre clear of crossing roads, as road crews do at junctions.
    const bool clear = !onAnotherRoad(point(s - 1.0f), road) &&
                       !onAnotherRoad(point(s + piece * 0.5f), road) &&
                       !onAnotherRoad(point(s + piece + 1.0f), road);
    if (clear && in_run) {
      run_end = s + piece;
      continue;
    }
    if (in_run) emit(run_start, run_end);
    in_run = clear && solid;
    run_start = s, run_end = s + piece;
    if (clear && !solid) emit(s, s + piece);
  }
  if (in_run) emit(run_start, run_end);
}

// Fence posts every 3 m with three rails, skipping any gap (centre, half width) on the line.
void fenceLine(MeshBuilder& m, glm::vec2 a, glm::vec2 b, float height, glm::vec2 gap_centre,
               float gap_half) {
  const glm::vec2 dir = glm::normalize(b - a);
  const float length = glm::length(b - a);
  auto in_gap = [&](float s) { return glm::length(a + dir * s - gap_centre) < gap_half; };
  auto rails = [&](float s0, float s1) {
    const glm::vec2 p0 = a + dir * s0, p1 = a + dir * s1;
    for (float y : {0.15f, height * 0.5f, height - 0.05f}) {
      m.bar(Paint::SteelDark, {p0.x, y, p0.y}, {p1.x, y, p1.y}, {0.04f, 0.04f});
    }
  };
  bool in_run = false;
  float run_start = 0.0f;
  for (float s = 0.0f; s < length - 0.01f; s += 3.0f) {
    const float next = std::min(s + 3.0f, length);
    const bool open = in_gap((s + next) * 0.5f);
    const glm::vec2 p = a + dir * s;
    if (!in_gap(s))
      m.block(Paint::SteelDark, {p.x - 0.05f, 0, p.y - 0.05f}, {p.x + 0.05f, height, p.y + 0.05f});
    if (!open && !in_run) in_run = true, run_start = s;
    if (open && in_run) in_run = false, rails(run_start, s);
  }
  if (in_run) rails(run_start, length);
}

}  // namespace

MeshBuilder groundSurfaces() {
  MeshBuilder m;
  m.block(Paint::Grass, {kSite.min.x - 15, -0.5f, kSite.min.y - 15},
          {kSite.max.x + 15, 0, kSite.max.y + 15});
  // Darker lawn strips along the fence break the green up the way mown verges do.
  m.block(Paint::GrassDark, {kSite.min.x + 1, -0.49f, kSite.max.y - 9},
          {kSite.max.x - 1, 0.01f, kSite.max.y - 1});
  for (const GroundRect& yard : kConcreteYards) surface(m, Paint::ConcreteDark, yard, kConcreteTop);
  surface(m, Paint::Gravel, kSubstationYard, kGravelTop);
  return m;
}

MeshBuilder roadsAndMarkings() {
  MeshBuilder m;
  surface(m, Paint::Asphalt, kParking, kAsphaltTop - 0.005f);
  for (const GroundRect& road : kRoads) surface(m, Paint::Asphalt, road, kAsphaltTop);
  for (const GroundRect& road : kRoads) {
    const glm::vec2 size = road.size();
    const bool along_x = size.x > size.y;
    const float width = along_x ? size.y : size.x;
    if (width < 7.0f) continue;  // parking aisles carry no lane lines
    paintLine(m, road, along_x, width * 0.5f, 0.15f, 3.0f, 7.0f);
    paintLine(m, road, along_x, 0.4f, 0.12f, 1.0f, 1.0f);
    paintLine(m, road, along_x, width - 0.4f, 0.12f, 1.0f, 1.0f);
  }
  // Parking stall lines: four rows of 5 m stalls, 2.5 m wide.
  for (float z0 : {20.0f, 31.0f, 38.0f, 49.0f}) {
    for (float x = kParking.min.x; x <= kParking.max.x + 0.01f; x += 2.5f) {
      m.block(Paint::LaneWhite, {x - 0.06f, kAsphaltTop, z0}, {x + 0.06f, kPaintTop, z0 + 5.0f});
    }
  }
  // Zebra crossings: hall south door to the parking, and at the gate.
  for (float z = 6.6f; z < 13.5f; z += 1.0f) {
    m.block(Paint::LaneWhite, {-17.5f, kAsphaltTop, z}, {-14.5f, kPaintTop, z + 0.5f});
  }
  for (float x = 26.6f; x < 33.5f; x += 1.0f) {
    m.block(Paint::LaneWhite, {x, kAsphaltTop, 66.0f}, {x + 0.5f, kPaintTop, 69.0f});
  }
  return m;
}

MeshBuilder perimeterFence() {
  MeshBuilder m;
  const glm::vec2 gate{kGate.x, kGate.z};
  const glm::vec2 nw{kSite.min.x, kSite.min.y}, ne{kSite.max.x, kSite.min.y};
  const glm::vec2 sw{kSite.min.x, kSite.max.y}, se{kSite.max.x, kSite.max.y};
  fenceLine(m, nw, ne, 2.2f, gate, 0);
  fenceLine(m, ne, se, 2.2f, gate, 0);
  fenceLine(m, sw, se, 2.2f, gate, kGateHalfWidth);
  fenceLine(m, nw, sw, 2.2f, gate, 0);
  for (float dx : {-kGateHalfWidth, kGateHalfWidth}) {  // gate pillars
    m.block(Paint::WallBand, {kGate.x + dx - 0.4f, 0, kGate.z - 0.4f},
            {kGate.x + dx + 0.4f, 3.0f, kGate.z + 0.4f});
  }
  return m;
}

MeshBuilder substationFence() {
  MeshBuilder m;
  const GroundRect& r = kSubstationYard;
  const glm::vec2 gate{r.min.x, r.centre().y};
  fenceLine(m, {r.min.x, r.min.y}, {r.max.x, r.min.y}, 2.5f, gate, 0);
  fenceLine(m, {r.max.x, r.min.y}, {r.max.x, r.max.y}, 2.5f, gate, 0);
  fenceLine(m, {r.min.x, r.max.y}, {r.max.x, r.max.y}, 2.5f, gate, 0);
  fenceLine(m, {r.min.x, r.min.y}, {r.min.x, r.max.y}, 2.5f, gate, 3.0f);
  m.block(Paint::SafetyYellow, {r.min.x - 0.1f, 1.4f, gate.y - 3.0f},
          {r.min.x + 0.1f, 2.0f, gate.y - 2.2f});
  return m;
}

MeshBuilder expansionGround(glm::vec2 size) {
  MeshBuilder m;
  const glm::vec2 half = size * 0.5f;
  m.block(Paint::Grass, {-half.x - 10, -0.5f, -half.y - 10}, {half.x + 10, 0, half.y + 10});
  m.block(Paint::ConcreteDark, {-half.x, -0.07f, -half.y}, {half.x, kConcreteTop, half.y});
  return m;
}

}  // namespace gt::factorygen
