// The production hall's shell. A steel portal frame on a 12 m grid carries Pratt roof
// trusses; the walls are a 1.5 m opaque band with a glass curtain wall above, and the roof
// is glass between the trusses so that, seen from the air, the machines inside stay visible.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "building_models.h"
#include "site_plan.h"

namespace gt::factorygen {
namespace {

using namespace plan;

constexpr float kBand = 1.5f;  // opaque lower wall band
constexpr float kDoorHeight = 5.0f;
constexpr float kDoorBayTop = 7.0f;  // cladding around a door reaches this high
constexpr float kMullionPitch = 3.0f;
constexpr float kTrussDepth = 1.6f;
constexpr float kPanel = 2.5f;        // truss panel and purlin pitch
constexpr float kWallOffset = 0.35f;  // wall plane outside the column grid

// One straight wall, measured by u along it; point(u, y, depth) turns that into hall
// coordinates, depth outwards from the wall plane. Door centres sit on a 3 m mullion line
// and away from the 12 m column grid, so a door never hides a column.
struct WallLine {
  glm::vec3 origin;   // u = 0 on the wall plane
  glm::vec3 u_axis;   // unit vector along the wall
  glm::vec3 outward;  // unit vector out of the hall
  float half_length;
  std::vector<float> door_centres;  // u of each 6 m door bay
  glm::vec3 point(float u, float y, float depth) const {
    return origin + u_axis * u + glm::vec3{0, y, 0} + outward * depth;
  }
};

// Box spanning u0..u1, y0..y1 and depth d0..d1 on a wall.
void wallBlock(MeshBuilder& m, Paint paint, const WallLine& w, float u0, float u1, float y0,
               float y1, float d0, float d1) {
  const glm::vec3 a = w.point(u0, y0, d0), b = w.point(u1, y1, d1);
  m.block(paint, glm::min(a, b), glm::max(a, b));
}

void buildWall(HallShell& hall, const WallLine& w) {
  auto in_door = [&](float u) {
    for (float c : w.door_centres) {
      if (u > c - 3.0f && u < c + 3.0f) return true;
    }
    return false;
  };
  for (float u0 = -w.half_length; u0 < w.half_length - 0.01f; u0 += kMullionPitch) {
    const float u1 = u0 + kMullionPitch;
    const bool door = in_door(u0 + kMullionPitch * 0.5f);
    const float glass_from = door ? kDoorBayTop : kBand;
    wallBlock(hall.glass, Paint::Glass, w, u0, u1, glass_from, kHallHeight, -0.03f, 0.03f);
    if (!door) {
      wallBlock(hall.walls, Paint::WallBand, w, u0, u1, 0.0f, kBand, -0.15f, 0.15f);
    }
    // Mullion at the start of every module, and transoms across it.
    wallBlock(hall.walls, Paint::Aluminium, w, u0 - 0.06f, u0 + 0.06f, kBand, kHallHeight, 0.03f,
              0.15f);
    for (float y : {kBand, 5.0f, 8.5f}) {
      if (y >= glass_from) {
        wallBlock(hall.walls, Paint::Aluminium, w, u0, u1, y - 0.06f, y + 0.06f, 0.03f, 0.15f);
      }
    }
  }
  for (float c : w.door_centres) {
    // Cladding round a 5 x 5 m roller door, a yellow frame, and bollards outside.
    wallBlock(hall.walls, Paint::WallPanel, w, c - 3.0f, c - 2.5f, 0, kDoorBayTop, -0.15f, 0.15f);
    wallBlock(hall.walls, Paint::WallPanel, w, c + 2.5f, c + 3.0f, 0, kDoorBayTop, -0.15f, 0.15f);
    wallBlock(hall.walls, Paint::WallPanel, w, c - 2.5f, c + 2.5f, kDoorHeight, kDoorBayTop, -0.15f,
              0.15f);
    wallBlock(hall.walls, Paint::SteelGalvanised, w, c - 2.5f, c + 2.5f, 0, kDoorHeight, -0.08f,
              0.0f);
    for (float y = 0.4f; y < kDoorHeight; y += 0.4f) {
      wallBlock(hall.walls, Paint::SteelDark, w, c - 2.5f, c + 2.5f, y - 0.02f, y + 0.02f, 0.0f,
                0.01f);
    }
    wallBlock(hall.walls, Paint::SafetyYellow, w, c - 2.7f, c - 2.5f, 0, kDoorHeight, 0.15f, 0.2f);
    wallBlock(hall.walls, Paint::SafetyYellow, w, c + 2.5f, c + 2.7f, 0, kDoorHeight, 0.15f, 0.2f);
    wallBlock(hall.walls, Paint::SafetyYellow, w, c - 2.7f, c + 2.7f, kDoorHeight,
              kDoorHeight + 0.2f, 0.15f, 0.2f);
    wallBlock(hall.walls, Paint::SteelGalvanised, w, c - 3.2f, c + 3.2f, kDoorBayTop - 0.1f,
              kDoorBayTop, 0.15f, 2.0f);
    for (float du : {-3.0f, 3.0f}) {
      hall.walls.cylinder(Paint::SafetyYellow, placedAt(w.point(c + du, 0, 1.0f)), 0.12f, 1.1f, 12);
    }
  }
  // Fascia: white parapet with the plant's blue band, the building's signature from the air.
  wallBlock(hall.walls, Paint::WallPanel, w, -w.half_length - 0.25f, w.half_length + 0.25f,
            kHallHeight, kHallHeight + 1.0f, -0.1f, 0.25f);
  wallBlock(hall.walls, Paint::AccentBlue, w, -w.half_length - 0.3f, w.half_length + 0.3f,
            kHallHeight + 0.3f, kHallHeight + 0.6f, 0.2f, 0.3f);
}

void buildWalls(HallShell& hall) {
  const float hx = kHallHalfLength + kWallOffset, hz = kHallHalfWidth + kWallOffset;
  buildWall(hall, {{0, 0, hz}, {1, 0, 0}, {0, 0, 1}, kHallHalfLength, {-30.0f, 6.0f}});
  buildWall(hall, {{0, 0, -hz}, {1, 0, 0}, {0, 0, -1}, kHallHalfLength, {30.0f}});
  buildWall(hall, {{hx, 0, 0}, {0, 0, 1}, {1, 0, 0}, kHallHalfWidth, {-15.0f}});
  buildWall(hall, {{-hx, 0, 0}, {0, 0, 1}, {-1, 0, 0}, kHallHalfWidth, {15.0f}});
}

void buildColumnsAndRunways(MeshBuilder& m) {
  for (float x = -kHallHalfLength; x <= kHallHalfLength + 0.01f; x += kHallBay) {
    for (float z : {-kHallHalfWidth, 0.0f, kHallHalfWidth}) {
      // Welded I-section: two flanges facing along Z and a web.
      m.block(Paint::SteelStructure, {x - 0.25f, 0, z - 0.3f}, {x + 0.25f, kHallHeight, z - 0.25f});
      m.block(Paint::SteelStructure, {x - 0.25f, 0, z + 0.25f}, {x + 0.25f, kHallHeight, z + 0.3f});
      m.block(Paint::SteelStructure, {x - 0.03f, 0, z - 0.25f},
              {x + 0.03f, kHallHeight, z + 0.25f});
      m.block(Paint::Concrete, {x - 0.45f, 0, z - 0.45f}, {x + 0.45f, 0.3f, z + 0.45f});
    }
  }
  for (float z : {-kHallHalfWidth + 0.8f, -0.8f, 0.8f, kHallHalfWidth - 0.8f}) {
    m.block(Paint::SteelStructure, {-kHallHalfLength, kCraneRail - 0.8f, z - 0.2f},
            {kHallHalfLength, kCraneRail - 0.1f, z + 0.2f});
    m.block(Paint::SteelDark, {-kHallHalfLength, kCraneRail - 0.1f, z - 0.04f},
            {kHallHalfLength, kCraneRail, z + 0.04f});
    for (float x = -kHallHalfLength; x <= kHallHalfLength + 0.01f; x += kHallBay) {
      const float column_z = z < -15 ? -kHallHalfWidth : z > 15 ? kHallHalfWidth : 0.0f;
      m.block(Paint::SteelStructure, {x - 0.2f, kCraneRail - 1.4f, std::min(z, column_z)},
              {x + 0.2f, kCraneRail - 0.8f, std::max(z, column_z)});
    }
  }
  // Gable wind columns, and X-bracing in the end bays of the long walls.
  for (float x : {-kHallHalfLength, kHallHalfLength}) {
    for (float z = -kHallHalfWidth + 6.0f; z < kHallHalfWidth; z += 6.0f) {
      if (std::abs(z) < 1.0f) continue;
      m.block(Paint::SteelStructure, {x - 0.15f, 0, z - 0.15f},
              {x + 0.15f, kHallHeight, z + 0.15f});
    }
  }
  for (float z : {-kHallHalfWidth, kHallHalfWidth}) {
    for (float x0 : {-kHallHalfLength, kHallHalfLength - kHallBay}) {
      m.rod(Paint::SteelDark, {x0, 0.5f, z}, {x0 + kHallBay, kHallHeight - 0.5f, z}, 0.04f, 6);
      m.rod(Paint::SteelDark, {x0 + kHallBay, 0.5f, z}, {x0, kHallHeight - 0.5f, z}, 0.04f, 6);
    }
  }
}

void buildTrussesAndPurlins(MeshBuilder& m) {
  const float top = kHallHeight - 0.1f, bottom = kHallHeight - kTrussDepth;
  for (float x = -kHallHalfLength; x <= kHallHalfLength + 0.01f; x += kHallBay) {
    m.bar(Paint::SteelStructure, {x, top, -kHallHalfWidth}, {x, top, kHallHalfWidth}, {0.3f, 0.2f});
    m.bar(Paint::SteelStructure, {x, bottom, -kHallHalfWidth}, {x, bottom, kHallHalfWidth},
          {0.3f, 0.2f});
    for (float z = -kHallHalfWidth; z < kHallHalfWidth - 0.01f; z += kPanel) {
      m.bar(Paint::SteelStructure, {x, bottom, z}, {x, top, z}, {0.12f, 0.12f});
      // Pratt pattern: diagonals slope down towards the middle of each span.
      const bool first_half = std::fmod(z + kHallHalfWidth, kHallHalfWidth) < kHallHalfWidth * 0.5f;
      if (first_half) {
        m.bar(Paint::SteelStructure, {x, top, z}, {x, bottom, z + kPanel}, {0.1f, 0.1f});
      } else {
        m.bar(Paint::SteelStructure, {x, bottom, z}, {x, top, z + kPanel}, {0.1f, 0.1f});
      }
    }
  }
  for (float z = -kHallHalfWidth; z <= kHallHalfWidth + 0.01f; z += kPanel) {
    m.block(Paint::SteelStructure, {-kHallHalfLength, kHallHeight, z - 0.06f},
            {kHallHalfLength, kHallHeight + 0.2f, z + 0.06f});
  }
  for (float z : {-kHallHalfWidth + 10.0f, -10.0f, 10.0f, kHallHalfWidth - 10.0f}) {
    m.block(Paint::SteelStructure, {-kHallHalfLength, bottom - 0.1f, z - 0.08f},
            {kHallHalfLength, bottom + 0.1f, z + 0.08f});
  }
}

void buildRoof(HallShell& hall) {
  constexpr float kEdge = 1.5f, kValley = 1.0f, kY = kHallHeight + 0.2f;
  const float hx = kHallHalfLength + kWallOffset, hz = kHallHalfWidth + kWallOffset;
  // Opaque edge strips and the valley walkway between the two spans.
  hall.roof.block(Paint::RoofGrey, {-hx, kY, -hz}, {hx, kY + 0.1f, -hz + kEdge});
  hall.roof.block(Paint::RoofGrey, {-hx, kY, hz - kEdge}, {hx, kY + 0.1f, hz});
  hall.roof.block(Paint::RoofGrey, {-hx, kY, -hz + kEdge}, {-hx + kEdge, kY + 0.1f, hz - kEdge});
  hall.roof.block(Paint::RoofGrey, {hx - kEdge, kY, -hz + kEdge}, {hx, kY + 0.1f, hz - kEdge});
  hall.roof.block(Paint::RoofGrey, {-hx + kEdge, kY, -kValley}, {hx - kEdge, kY + 0.1f, kValley});
  hall.roof.block(Paint::SafetyYellow, {-hx + kEdge, kY + 0.1f, -0.05f},
                  {hx - kEdge, kY + 0.15f, 0.05f});
  // Glass panes between trusses, each split by aluminium glazing bars every 3 m.
  for (float x0 = -kHallHalfLength; x0 < kHallHalfLength - 0.01f; x0 += kHallBay) {
    const float px0 = std::max(x0 + 0.15f, -hx + kEdge),
                px1 = std::min(x0 + kHallBay - 0.15f, hx - kEdge);
    for (auto [z0, z1] : {std::pair{-hz + kEdge, -kValley}, std::pair{kValley, hz - kEdge}}) {
      hall.roof_glass.block(Paint::Glass, {px0, kY + 0.02f, z0}, {px1, kY + 0.06f, z1});
    }
    hall.roof.block(Paint::Aluminium, {x0 - 0.15f, kY, -hz + kEdge},
                    {x0 + 0.15f, kY + 0.12f, hz - kEdge});
    for (float x = x0 + 3.0f; x < x0 + kHallBay - 0.1f; x += 3.0f) {
      hall.roof.block(Paint::Aluminium, {x - 0.04f, kY + 0.06f, -hz + kEdge},
                      {x + 0.04f, kY + 0.1f, hz - kEdge});
    }
  }
  // Smoke and heat exhaust ventilators sit on the valley walkway.
  for (float x = -kHallHalfLength + 6.0f; x < kHallHalfLength; x += 24.0f) {
    hall.roof.block(Paint::SteelGalvanised, {x - 0.8f, kY + 0.1f, -0.7f},
                    {x + 0.8f, kY + 0.9f, 0.7f});
    hall.roof.block(Paint::SteelDark, {x - 0.9f, kY + 0.9f, -0.8f}, {x + 0.9f, kY + 1.0f, 0.8f});
  }
}

}  // namespace

HallShell productionHallShell() {
  HallShell hall;
  buildColumnsAndRunways(hall.structure);
  buildTrussesAndPurlins(hall.structure);
  buildWalls(hall);
  buildRoof(hall);
  return hall;
}

}  // namespace gt::factorygen
