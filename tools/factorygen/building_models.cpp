// Warehouse, PV rows, carport and the small buildings of the site. The warehouse keeps an
// opaque roof (it carries the PV array); everything that shelters equipment is open.
#include <cmath>
#include <numbers>

#include "building_models.h"

namespace gt::factorygen {
namespace {

constexpr float kDegree = std::numbers::pi_v<float> / 180.0f;

// Vertical cladding ribs along one face, from u0 to u1 on the line at `fixed`.
void claddingRibs(MeshBuilder& m, bool along_x, float fixed, float u0, float u1, float y0,
                  float y1) {
  for (float u = u0 + 0.6f; u < u1; u += 1.2f) {
    const glm::vec3 c =
        along_x ? glm::vec3{u, (y0 + y1) * 0.5f, fixed} : glm::vec3{fixed, (y0 + y1) * 0.5f, u};
    m.box(Paint::Aluminium, placedAt(c),
          along_x ? glm::vec3{0.08f, y1 - y0, 0.12f} : glm::vec3{0.12f, y1 - y0, 0.08f});
  }
}

}  // namespace

MeshBuilder warehouse(glm::vec3 size) {
  MeshBuilder m;
  const float hx = size.x * 0.5f, hz = size.z * 0.5f, h = size.y;
  m.block(Paint::WallPanel, {-hx, 0, -hz}, {hx, h, hz});
  m.block(Paint::WallBand, {-hx - 0.05f, 0, -hz - 0.05f}, {hx + 0.05f, 1.2f, hz + 0.05f});
  m.block(Paint::AccentBlue, {-hx - 0.05f, h - 1.4f, -hz - 0.05f},
          {hx + 0.05f, h - 0.8f, hz + 0.05f});
  m.block(Paint::RoofGrey, {-hx + 0.3f, h, -hz + 0.3f}, {hx - 0.3f, h + 0.1f, hz - 0.3f});
  for (float s : {-1.0f, 1.0f}) {  // parapet
    m.block(Paint::WallPanel, {-hx, h, s * hz - 0.3f}, {hx, h + 0.8f, s * hz + 0.05f});
    m.block(Paint::WallPanel, {s * hx - 0.3f, h, -hz}, {s * hx + 0.05f, h + 0.8f, hz});
  }
  claddingRibs(m, true, -hz - 0.06f, -hx, hx, 1.2f, h - 1.4f);
  claddingRibs(m, false, hx + 0.06f, -hz, hz - 8.0f, 1.2f, h - 1.4f);
  claddingRibs(m, false, -hx - 0.06f, -hz, hz - 8.0f, 1.2f, h - 1.4f);
  // Office end (south, last 8 m): two ribbon windows round three sides and an entrance.
  for (float y : {1.6f, 5.0f}) {
    m.block(Paint::MachineWindow, {-hx + 0.5f, y, hz}, {hx - 0.5f, y + 1.3f, hz + 0.06f});
    for (float s : {-1.0f, 1.0f}) {
      m.block(Paint::MachineWindow, {s * hx - 0.06f, y, hz - 7.5f},
              {s * hx + 0.06f, y + 1.3f, hz - 0.5f});
    }
  }
  m.block(Paint::Glass, {-2.0f, 0, hz}, {2.0f, 3.0f, hz + 0.1f});
  m.block(Paint::SteelGalvanised, {-3.5f, 3.3f, hz}, {3.5f, 3.5f, hz + 3.0f});
  // Loading docks on the west face: doors, black dock shelters, bumpers, a long canopy.
  for (int dock = 0; dock < 5; ++dock) {
    const float z = -hz + 4.0f + 5.5f * static_cast<float>(dock);
    m.block(Paint::Rubber, {-hx - 0.4f, 1.0f, z - 1.9f}, {-hx, 4.9f, z + 1.9f});
    m.block(Paint::SteelGalvanised, {-hx - 0.45f, 1.2f, z - 1.5f}, {-hx - 0.35f, 4.5f, z + 1.5f});
    for (float dz : {-1.2f, 1.2f})
      m.block(Paint::Rubber, {-hx - 0.6f, 1.0f, z + dz - 0.15f},
              {-hx - 0.4f, 1.3f, z + dz + 0.15f});
    m.block(Paint::SafetyYellow, {-hx - 0.8f, 0, z - 2.2f}, {-hx - 0.6f, 1.2f, z - 2.0f});
  }
  m.block(Paint::SteelGalvanised, {-hx - 4.0f, 5.6f, -hz + 1.0f}, {-hx, 5.8f, -hz + 25.0f});
  // Roof plant over the office end, clear of the PV rows.
  for (float x : {-12.0f, 0.0f, 12.0f}) {
    m.bevelledBox(Paint::MachineWhite, placedAt({x, h + 0.8f, hz - 4.0f}), {3.0f, 1.4f, 2.0f},
                  0.05f);
    m.cylinder(Paint::SteelDark, placedAt({x + 0.6f, h + 1.5f, hz - 4.0f}), 0.5f, 0.1f, 16);
  }
  return m;
}

MeshBuilder pvRow(int modules) {
  MeshBuilder m;
  constexpr float kTilt = 15.0f * kDegree, kModuleX = 1.72f, kModuleDepth = 1.02f;
  const float half = static_cast<float>(modules) * kModuleX * 0.5f;
  const float rise = 2.0f * kModuleDepth * std::sin(kTilt);
  for (int i = 0; i < modules; ++i) {
    const float x = -half + kModuleX * (static_cast<float>(i) + 0.5f);
    for (int up = 0; up < 2; ++up) {
      // Module centres step up the slope towards the north (-Z).
      const float along = (static_cast<float>(up) - 0.5f) * kModuleDepth;
      const glm::vec3 c{x, 0.35f + rise * 0.5f + along * std::sin(kTilt), -along * std::cos(kTilt)};
      m.box(Paint::Aluminium, pitchedAt(c, 0, kTilt),
            {kModuleX - 0.02f, 0.035f, kModuleDepth - 0.01f});
      m.box(Paint::PvCell, pitchedAt(c + glm::vec3{0, 0.02f, 0}, 0, kTilt),
            {kModuleX - 0.08f, 0.01f, kModuleDepth - 0.06f});
    }
  }
  // Rails on ballast blocks: the low front leg and the high rear leg.
  for (float x = -half + 0.5f; x < half; x += 3.4f) {
    m.block(Paint::Concrete, {x - 0.2f, 0, -1.1f}, {x + 0.2f, 0.15f, 1.1f});
    m.bar(Paint::SteelGalvanised, {x, 0.15f, 0.95f}, {x, 0.35f, 0.95f}, {0.05f, 0.05f});
    m.bar(Paint::SteelGalvanised, {x, 0.15f, -0.95f}, {x, 0.35f + rise, -0.95f}, {0.05f, 0.05f});
  }
  return m;
}

namespace {
constexpr float kCarportDepth = 12.0f, kCarportHigh = 3.5f, kCarportLow = 2.6f;
float carportRoofY(float z) {  // roof slopes down towards the south (+Z)
  return kCarportHigh + (kCarportLow - kCarportHigh) * (z + kCarportDepth * 0.5f) / kCarportDepth;
}
}  // namespace

MeshBuilder carportFrame(float length) {
  MeshBuilder m;
  const float half = length * 0.5f, hz = kCarportDepth * 0.5f;
  for (float x = -half + 3.75f; x < half; x += 7.5f) {
    m.block(Paint::Concrete, {x - 0.4f, 0, -0.4f}, {x + 0.4f, 0.4f, 0.4f});
    m.block(Paint::SteelGalvanised, {x - 0.15f, 0, -0.15f},
            {x + 0.15f, carportRoofY(0) - 0.35f, 0.15f});
    m.bar(Paint::SteelGalvanised, {x, carportRoofY(-hz) - 0.3f, -hz},
          {x, carportRoofY(hz) - 0.3f, hz}, {0.2f, 0.35f});
  }
  for (float z = -hz + 0.5f; z < hz; z += 2.75f) {
    m.bar(Paint::SteelGalvanised, {-half, carportRoofY(z) - 0.1f, z},
          {half, carportRoofY(z) - 0.1f, z}, {0.1f, 0.12f});
  }
  return m;
}

MeshBuilder carportPv(float length) {
  MeshBuilder m;
  const float half = length * 0.5f, hz = kCarportDepth * 0.5f;
  const float tilt = std::atan2(kCarportHigh - kCarportLow, kCarportDepth);
  constexpr float kPanelX = 1.15f;
  const float slope = kCarportDepth / std::cos(tilt) / 5.0f;
  for (float x = -half + kPanelX * 0.5f; x < half; x += kPanelX) {
    for (int row = 0; row < 5; ++row) {
      const float z = -hz + (static_cast<float>(row) + 0.5f) * kCarportDepth / 5.0f;
      m.box(Paint::PvCell, pitchedAt({x, carportRoofY(z), z}, 0, tilt),
            {kPanelX - 0.1f, 0.04f, slope - 0.1f});
    }
  }
  return m;
}

MeshBuilder openShelter(glm::vec2 size, float height) {
  MeshBuilder m;
  const float hx = size.x * 0.5f, hz = size.y * 0.5f;
  for (float x : {-hx, 0.0f, hx}) {
    for (float z : {-hz, hz}) {
      m.block(Paint::SteelStructure, {x - 0.15f, 0, z - 0.15f}, {x + 0.15f, height, z + 0.15f});
    }
    m.block(Paint::SteelStructure, {x - 0.1f, height - 0.4f, -hz}, {x + 0.1f, height, hz});
  }
  for (float z : {-hz, hz})
    m.block(Paint::SteelStructure, {-hx, height - 0.4f, z - 0.1f}, {hx, height, z + 0.1f});
  for (float z = -hz + 1.5f; z < hz; z += 1.5f) {
    m.block(Paint::SteelGalvanised, {-hx, height, z - 0.04f}, {hx, height + 0.1f, z + 0.04f});
  }
  m.block(Paint::Glass, {-hx - 0.3f, height + 0.1f, -hz - 0.3f},
          {hx + 0.3f, height + 0.14f, hz + 0.3f});
  return m;
}

MeshBuilder gasRegulatingStation() {
  MeshBuilder m;
  m.block(Paint::Concrete, {-3.0f, 0, -2.0f}, {3.0f, 0.2f, 2.0f});
  for (float z : {-0.6f, 0.6f}) {  // duty and standby regulating streams
    m.rod(Paint::PipeGas, {-2.8f, 0.9f, z}, {2.8f, 0.9f, z}, 0.08f, 12);
    for (float x : {-1.5f, 0.0f, 1.5f}) {
      m.block(Paint::PipeGas, {x - 0.2f, 0.7f, z - 0.15f}, {x + 0.2f, 1.1f, z + 0.15f});
      m.cylinder(Paint::SignalRed, placedAt({x, 1.1f, z}), 0.14f, 0.04f, 12);
      m.rod(Paint::SteelDark, {x, 0.2f, z}, {x, 0.7f, z}, 0.04f, 6);
    }
  }
  m.rod(Paint::PipeGas, {-2.8f, 0.9f, -0.6f}, {-2.8f, 0.9f, 0.6f}, 0.1f, 12);
  m.rod(Paint::PipeGas, {2.8f, 0.9f, -0.6f}, {2.8f, 0.9f, 0.6f}, 0.1f, 12);
  m.rod(Paint::PipeGas, {1.0f, 0.9f, 0.6f}, {1.0f, 3.5f, 0.6f}, 0.04f, 8);  // relief vent
  m.block(Paint::WallPanel, {-2.8f, 0.2f, 1.3f}, {-1.6f, 1.8f, 1.8f});
  // Low yellow guard rails round the skid.
  for (float z : {-2.0f, 2.0f})
    m.block(Paint::SafetyYellow, {-3.0f, 1.0f, z - 0.04f}, {3.0f, 1.08f, z + 0.04f});
  for (float x : {-3.0f, 3.0f})
    m.block(Paint::SafetyYellow, {x - 0.04f, 1.0f, -2.0f}, {x + 0.04f, 1.08f, 2.0f});
  for (float x : {-3.0f, 0.0f, 3.0f}) {
    for (float z : {-2.0f, 2.0f})
      m.block(Paint::SafetyYellow, {x - 0.05f, 0.2f, z - 0.05f}, {x + 0.05f, 1.08f, z + 0.05f});
  }
  return m;
}

MeshBuilder switchHouse() {
  MeshBuilder m;
  m.block(Paint::WallPanel, {-6, 0, -5}, {6, 4.5f, 5});
  m.block(Paint::WallBand, {-6.05f, 0, -5.05f}, {6.05f, 0.8f, 5.05f});
  m.block(Paint::AccentBlue, {-6.05f, 3.6f, -5.05f}, {6.05f, 4.0f, 5.05f});
  m.block(Paint::RoofGrey, {-6.3f, 4.5f, -5.3f}, {6.3f, 4.8f, 5.3f});
  for (float x : {-3.5f, 3.5f})
    m.block(Paint::SteelDark, {x - 0.9f, 0, 4.99f}, {x + 0.9f, 2.6f, 5.06f});
  for (float x = -5.0f; x < 5.5f; x += 2.0f) {  // ventilation louvres on the north face
    m.block(Paint::SteelGalvanised, {x - 0.5f, 2.6f, -5.06f}, {x + 0.5f, 3.2f, -4.99f});
  }
  m.block(Paint::MachineWhite, {-6.5f, 2.2f, -1.0f}, {-6.0f, 3.0f, 0.0f});
  return m;
}

MeshBuilder gatehouse() {
  MeshBuilder m;
  m.block(Paint::WallPanel, {-3, 0, -2}, {3, 3.2f, 2});
  m.block(Paint::MachineWindow, {-3.05f, 1.0f, -1.6f}, {3.05f, 2.5f, 1.6f});
  m.block(Paint::RoofGrey, {-3.8f, 3.2f, -2.8f}, {3.8f, 3.5f, 2.8f});
  m.block(Paint::AccentBlue, {-3.85f, 3.2f, -2.85f}, {3.85f, 3.35f, 2.85f});
  // Barrier across the entrance road: post, and a red and white arm over the lanes.
  m.block(Paint::MachineGrey, {-4.8f, 0, 1.8f}, {-4.2f, 1.1f, 2.4f});
  for (int stripe = 0; stripe < 8; ++stripe) {
    const float x0 = -4.5f - 1.0f * static_cast<float>(stripe);
    m.block(stripe % 2 ? Paint::MachineWhite : Paint::SignalRed, {x0 - 1.0f, 0.95f, 2.05f},
            {x0, 1.05f, 2.15f});
  }
  return m;
}

}  // namespace gt::factorygen
