// Utility equipment outside the hall: compressed air, heat, cooling, power, water, weather.
// Each stands in an open yard, so its silhouette from the air is what identifies it: fans
// on a chiller, fins on a transformer, a stack on a boiler.
#include <cmath>
#include <numbers>

#include <glm/gtc/matrix_transform.hpp>

#include "equipment_models.h"

namespace gt::factorygen {
namespace {

constexpr float kTau = 2.0f * std::numbers::pi_v<float>;

// Axial condenser fan seen from above: shroud, hub and five blades.
void condenserFan(MeshBuilder& m, glm::vec3 centre, float radius) {
  m.cylinder(Paint::SteelDark, placedAt(centre), radius + 0.05f, 0.3f, 24);
  m.cylinder(Paint::MachineGrey, placedAt(centre + glm::vec3{0, 0.3f, 0}), 0.12f, 0.06f, 12);
  for (int blade = 0; blade < 5; ++blade) {
    const float angle = kTau * static_cast<float>(blade) / 5.0f;
    const glm::vec3 tip{std::cos(angle) * (radius - 0.05f), 0.33f,
                        std::sin(angle) * (radius - 0.05f)};
    m.bar(Paint::MachineGrey, centre + glm::vec3{0, 0.33f, 0}, centre + tip, {0.16f, 0.02f});
  }
  // Finger guard: a ring and a cross of wires.
  m.bar(Paint::SteelGalvanised, centre + glm::vec3{-radius, 0.36f, 0},
        centre + glm::vec3{radius, 0.36f, 0}, {0.02f, 0.02f});
  m.bar(Paint::SteelGalvanised, centre + glm::vec3{0, 0.36f, -radius},
        centre + glm::vec3{0, 0.36f, radius}, {0.02f, 0.02f});
}

// Porcelain bushing: a stack of sheds with a metal cap, standing on `base`.
void bushing(MeshBuilder& m, glm::vec3 base, float height, int sheds) {
  m.cylinder(Paint::Porcelain, placedAt(base), 0.07f, height, 12);
  for (int s = 0; s < sheds; ++s) {
    const float y = height * (0.15f + 0.8f * static_cast<float>(s) / static_cast<float>(sheds));
    m.cylinder(Paint::Porcelain, placedAt(base + glm::vec3{0, y, 0}), 0.14f, 0.04f, 12);
  }
  m.cylinder(Paint::Aluminium, placedAt(base + glm::vec3{0, height, 0}), 0.06f, 0.12f, 8);
}

// Vertical tank with dished heads, on legs: receivers and filter vessels.
void verticalVessel(MeshBuilder& m, glm::vec3 base, float radius, float shell, Paint body,
                    Paint band) {
  const float leg = 0.6f;
  for (int l = 0; l < 3; ++l) {
    const float angle = kTau * static_cast<float>(l) / 3.0f;
    const glm::vec3 foot = base + glm::vec3{std::cos(angle), 0, std::sin(angle)} * radius * 0.8f;
    m.rod(Paint::SteelDark, foot, foot + glm::vec3{0, leg + 0.3f, 0}, 0.05f, 6);
  }
  m.cylinder(body, placedAt(base + glm::vec3{0, leg, 0}), radius, shell, 28);
  m.sphere(body, glm::scale(placedAt(base + glm::vec3{0, leg + shell, 0}), glm::vec3{1, 0.5f, 1}),
           radius, 28, 8);
  m.sphere(body, glm::scale(placedAt(base + glm::vec3{0, leg, 0}), glm::vec3{1, 0.5f, 1}), radius,
           28, 8);
  m.cylinder(band, placedAt(base + glm::vec3{0, leg + shell * 0.7f, 0}), radius + 0.01f, 0.25f, 28);
}

}  // namespace

MeshBuilder airCompressor() {
  MeshBuilder m;
  m.block(Paint::MachineGrey, {-1.65f, 0, -1.0f}, {1.65f, 0.15f, 1.0f});
  m.bevelledBox(Paint::MachineWhite, placedAt({0, 1.1f, 0}), {3.2f, 1.9f, 1.9f}, 0.06f);
  m.block(Paint::AccentBlue, {-1.62f, 1.7f, -0.97f}, {1.62f, 1.85f, 0.97f});
  for (int slat = 0; slat < 7; ++slat) {  // intake louvres on both long sides
    const float y = 0.45f + 0.14f * static_cast<float>(slat);
    for (float z : {-0.96f, 0.96f}) {
      m.box(Paint::MachineGrey, placedAt({-0.6f, y, z}), {1.5f, 0.06f, 0.04f});
    }
  }
  m.block(Paint::MachineGrey, {-0.2f, 2.05f, -0.7f}, {1.4f, 2.2f, 0.7f});
  m.cylinder(Paint::SteelDark, placedAt({0.6f, 2.2f, 0}), 0.55f, 0.1f, 24);
  m.box(Paint::Screen, placedAt({1.2f, 1.35f, 0.96f}), {0.35f, 0.25f, 0.03f});
  m.box(Paint::SignalRed, placedAt({1.2f, 1.05f, 0.96f}), {0.08f, 0.08f, 0.04f});
  m.rod(Paint::PipeAir, {-1.6f, 1.4f, 0.3f}, {-2.2f, 1.4f, 0.3f}, 0.08f, 12);
  return m;
}

MeshBuilder airReceiver() {
  MeshBuilder m;
  m.cylinder(Paint::Concrete, placedAt({0, 0, 0}), 1.3f, 0.15f, 24);
  verticalVessel(m, {0, 0.15f, 0}, 0.9f, 3.6f, Paint::WallPanel, Paint::PipeAir);
  m.rod(Paint::SteelGalvanised, {0, 4.8f, 0}, {0, 5.3f, 0}, 0.05f, 8);  // safety valve
  m.cylinder(Paint::SignalRed, placedAt({0, 5.3f, 0}), 0.09f, 0.15f, 8);
  m.rod(Paint::PipeAir, {0.9f, 1.5f, 0}, {1.6f, 1.5f, 0}, 0.08f, 12);
  m.rod(Paint::PipeAir, {-0.9f, 3.5f, 0}, {-1.6f, 3.5f, 0}, 0.08f, 12);
  m.cylinder(Paint::MachineWhite, lyingAlongZ({0, 2.5f, 0.9f}), 0.1f, 0.06f, 12);  // gauge
  return m;
}

MeshBuilder gasBoiler() {
  MeshBuilder m;
  constexpr float kLength = 6.5f, kRadius = 1.4f, kAxis = 2.0f;
  m.block(Paint::Concrete, {-4.5f, 0, -2.0f}, {7.2f, 0.2f, 2.0f});
  for (float x : {-2.2f, 0.0f, 2.2f}) {  // saddles
    m.block(Paint::SteelDark, {x - 0.2f, 0.2f, -1.1f}, {x + 0.2f, kAxis - 0.8f, 1.1f});
  }
  m.cylinder(Paint::Aluminium, lyingAlongX({-kLength * 0.5f, kAxis, 0}), kRadius, kLength, 36);
  for (float x : {-1.6f, 0.0f, 1.6f}) {  // cladding bands
    m.cylinder(Paint::SteelGalvanised, lyingAlongX({x, kAxis, 0}), kRadius + 0.02f, 0.08f, 36);
  }
  // Front: red boiler door with the burner and its yellow gas train.
  m.cylinder(Paint::SignalRed, lyingAlongX({-kLength * 0.5f - 0.25f, kAxis, 0}), kRadius - 0.05f,
             0.25f, 36);
  m.bevelledBox(Paint::SignalRed, placedAt({-kLength * 0.5f - 0.8f, kAxis, 0}), {0.9f, 1.0f, 0.9f},
                0.08f);
  m.cylinder(Paint::MachineGrey, lyingAlongX({-kLength * 0.5f - 1.6f, kAxis, 0}), 0.3f, 0.35f, 16);
  m.rod(Paint::PipeGas, {-kLength * 0.5f - 0.8f, kAxis - 0.5f, 0.3f},
        {-kLength * 0.5f - 0.8f, 0.9f, 0.3f}, 0.07f, 10);
  m.rod(Paint::PipeGas, {-kLength * 0.5f - 0.8f, 0.9f, 0.3f}, {-kLength * 0.5f - 0.8f, 0.9f, 1.9f},
        0.07f, 10);
  m.block(Paint::PipeGas, {-kLength * 0.5f - 1.0f, 0.7f, 1.0f},
          {-kLength * 0.5f - 0.6f, 1.1f, 1.3f});
  // Steam outlet, safety valves and the control panel.
  m.rod(Paint::PipeSteam, {0.8f, kAxis + kRadius - 0.1f, 0}, {0.8f, kAxis + kRadius + 0.8f, 0},
        0.12f, 12);
  m.rod(Paint::PipeSteam, {0.8f, kAxis + kRadius + 0.8f, 0}, {0.8f, kAxis + kRadius + 0.8f, 2.2f},
        0.12f, 12);
  for (float x : {-0.6f, -0.2f}) {
    m.cylinder(Paint::SignalRed, placedAt({x, kAxis + kRadius - 0.1f, 0}), 0.08f, 0.45f, 8);
  }
  m.block(Paint::WallPanel, {-2.0f, 0.2f, 1.9f}, {-0.6f, 2.2f, 2.4f});
  m.box(Paint::Screen, placedAt({-1.3f, 1.6f, 2.42f}), {0.4f, 0.3f, 0.03f});
  // Rear smoke box, breeching duct and the 18 m stack with platform rings and a ladder.
  m.block(Paint::SteelDark, {kLength * 0.5f, 0.9f, -1.1f}, {kLength * 0.5f + 0.8f, 3.6f, 1.1f});
  m.bar(Paint::SteelGalvanised, {kLength * 0.5f + 0.4f, 3.4f, 0}, {5.6f, 3.4f, 0}, {0.7f, 0.7f});
  m.cylinder(Paint::Aluminium, placedAt({6.0f, 0.2f, 0}), 0.5f, 18.0f, 24);
  for (float y : {6.0f, 12.0f, 17.6f}) {
    m.cylinder(Paint::SteelDark, placedAt({6.0f, y, 0}), 0.56f, 0.15f, 24);
  }
  m.cylinder(Paint::SteelGalvanised, placedAt({6.0f, 15.0f, 0}), 1.2f, 0.08f, 24);
  for (float z : {-0.25f, 0.25f}) {
    m.bar(Paint::SteelDark, {6.55f, 0.2f, z}, {6.55f, 17.0f, z}, {0.04f, 0.04f});
  }
  return m;
}

MeshBuilder chiller() {
  MeshBuilder m;
  constexpr float kHalfX = 4.8f, kHalfZ = 1.15f, kDeck = 2.45f;
  m.block(Paint::SteelDark, {-kHalfX, 0, -kHalfZ}, {kHalfX, 0.2f, kHalfZ});
  // Compressor and control section at one end, V-shaped condenser coils over the rest.
  m.block(Paint::WallPanel, {-kHalfX, 0.2f, -kHalfZ}, {-kHalfX + 1.8f, kDeck, kHalfZ});
  m.block(Paint::AccentBlue, {-kHalfX - 0.02f, kDeck - 0.3f, -kHalfZ - 0.02f},
          {kHalfX + 0.02f, kDeck - 0.15f, kHalfZ + 0.02f});
  m.block(Paint::MachineGrey, {-kHalfX + 1.8f, 0.2f, -0.5f}, {kHalfX, 0.9f, 0.5f});
  for (float side : {-1.0f, 1.0f}) {
    m.bar(Paint::SteelDark, {-kHalfX + 1.85f, 0.3f, side * 0.2f},
          {-kHalfX + 1.85f, kDeck - 0.3f, side * kHalfZ}, {0.06f, 0.06f});
    const glm::vec3 bottom{0.9f, 0.55f, side * 0.35f},
        top{0.9f, kDeck - 0.3f, side * (kHalfZ - 0.05f)};
    const glm::vec3 mid = (bottom + top) * 0.5f;
    const float tilt = std::atan2(top.z - bottom.z, top.y - bottom.y);
    m.box(Paint::TransformerGrey, pitchedAt(mid, 0, tilt),
          {kHalfX * 2 - 1.9f, glm::length(top - bottom), 0.08f});
  }
  for (float x = -kHalfX + 1.9f; x < kHalfX; x += 1.15f) {  // coil section frames
    m.block(Paint::WallPanel, {x - 0.04f, 0.2f, -kHalfZ}, {x + 0.04f, kDeck, kHalfZ});
  }
  m.block(Paint::WallPanel, {kHalfX - 0.08f, 0.2f, -kHalfZ}, {kHalfX, kDeck, kHalfZ});
  m.block(Paint::WallPanel, {-kHalfX + 1.8f, kDeck - 0.1f, -kHalfZ}, {kHalfX, kDeck, kHalfZ});
  for (int fan = 0; fan < 6; ++fan) {
    condenserFan(m, {-kHalfX + 2.45f + 1.1f * static_cast<float>(fan), kDeck, 0}, 0.5f);
  }
  // Chilled-water connections leave from the end.
  for (float z : {-0.4f, 0.4f}) {
    m.rod(Paint::PipeWater, {-kHalfX + 0.2f, 0.8f, z}, {-kHalfX - 0.8f, 0.8f, z}, 0.1f, 12);
  }
  m.box(Paint::Screen, placedAt({-kHalfX + 0.9f, 1.5f, kHalfZ + 0.01f}), {0.4f, 0.3f, 0.03f});
  return m;
}

MeshBuilder transformer() {
  MeshBuilder m;
  m.block(Paint::SteelDark, {-1.9f, 0, -1.0f}, {1.9f, 0.25f, 1.0f});
  m.block(Paint::TransformerGrey, {-1.6f, 0.25f, -1.0f}, {1.6f, 2.7f, 1.0f});
  m.block(Paint::TransformerGrey, {-1.7f, 2.7f, -1.1f}, {1.7f, 2.85f, 1.1f});
  // Radiator banks on both long sides: the fins are what make it read as a transformer.
  for (float side : {-1.0f, 1.0f}) {
    for (int fin = 0; fin < 22; ++fin) {
      const float x = -1.4f + 0.133f * static_cast<float>(fin);
      m.box(Paint::TransformerGrey, placedAt({x, 1.35f, side * 1.45f}), {0.04f, 1.9f, 0.8f});
    }
    for (float y : {0.45f, 2.25f}) {
      m.rod(Paint::TransformerGrey, {-1.5f, y, side * 1.2f}, {1.5f, y, side * 1.2f}, 0.08f, 8);
    }
  }
  // Conservator on brackets, with the Buchholz pipe down to the tank.
  for (float x : {0.3f, 1.5f}) {
    m.block(Paint::TransformerGrey, {x - 0.05f, 2.85f, -0.65f}, {x + 0.05f, 3.4f, -0.55f});
  }
  m.cylinder(Paint::TransformerGrey, lyingAlongX({0.0f, 3.6f, -0.6f}), 0.35f, 1.9f, 20);
  m.rod(Paint::SteelDark, {0.2f, 3.3f, -0.6f}, {0.2f, 2.85f, -0.2f}, 0.04f, 6);
  // 10 kV bushings on one side of the lid, 0.4 kV bushings and the bus duct on the other.
  for (int p = 0; p < 3; ++p)
    bushing(m, {-1.1f + 0.55f * static_cast<float>(p), 2.85f, 0.5f}, 1.1f, 6);
  for (int p = 0; p < 4; ++p)
    bushing(m, {-1.2f + 0.4f * static_cast<float>(p), 2.85f, -0.05f}, 0.55f, 3);
  m.block(Paint::TransformerGrey, {-1.6f, 3.1f, -0.3f}, {0.1f, 3.6f, 0.2f});
  m.block(Paint::TransformerGrey, {-1.6f, 3.1f, -0.3f}, {-1.1f, 3.6f, 0.2f});
  m.bar(Paint::TransformerGrey, {-1.35f, 3.35f, -0.05f}, {-3.2f, 3.35f, -0.05f}, {0.5f, 0.5f});
  m.block(Paint::SafetyYellow, {1.61f, 1.6f, -0.3f}, {1.63f, 2.0f, 0.3f});  // warning sign
  return m;
}

MeshBuilder waterTreatment() {
  MeshBuilder m;
  m.block(Paint::Concrete, {-16, 0, -20}, {16, 0.1f, 20});
  // Clarifier: concrete ring, water, centre column and a rotating scraper bridge.
  const glm::vec3 clarifier{-6.0f, 0.1f, -8.0f};
  m.cylinder(Paint::Concrete, placedAt(clarifier), 7.0f, 2.0f, 48);
  m.cylinder(Paint::Water, placedAt(clarifier + glm::vec3{0, 2.0f, 0}), 6.7f, 0.02f, 48);
  m.cylinder(Paint::Concrete, placedAt(clarifier + glm::vec3{0, 2.0f, 0}), 0.9f, 0.6f, 16);
  m.bar(Paint::SteelGalvanised, clarifier + glm::vec3{0, 2.5f, 0},
        clarifier + glm::vec3{7.1f, 2.5f, 0}, {0.9f, 0.25f});
  m.bar(Paint::SafetyYellow, clarifier + glm::vec3{0, 3.5f, 0.45f},
        clarifier + glm::vec3{7.1f, 3.5f, 0.45f}, {0.05f, 0.05f});
  m.bar(Paint::SafetyYellow, clarifier + glm::vec3{0, 3.5f, -0.45f},
        clarifier + glm::vec3{7.1f, 3.5f, -0.45f}, {0.05f, 0.05f});
  for (float x = 1.0f; x < 7.2f; x += 1.5f) {
    for (float z : {-0.45f, 0.45f}) {
      m.bar(Paint::SafetyYellow, clarifier + glm::vec3{x, 2.6f, z},
            clarifier + glm::vec3{x, 3.5f, z}, {0.04f, 0.04f});
    }
  }
  m.block(Paint::AccentBlue, clarifier + glm::vec3{6.7f, 2.4f, -0.5f},
          clarifier + glm::vec3{7.4f, 3.0f, 0.5f});
  // Three process tanks (equalisation, reaction, clean water) with green bands.
  for (int t = 0; t < 3; ++t) {
    const glm::vec3 base{9.0f, 0.1f, -13.0f + 7.0f * static_cast<float>(t)};
    m.cylinder(Paint::WallPanel, placedAt(base), 2.8f, 5.0f, 36);
    m.frustum(Paint::WallPanel, placedAt(base + glm::vec3{0, 5.0f, 0}), 2.8f, 0.4f, 0.6f, 36);
    m.cylinder(Paint::PipeWater, placedAt(base + glm::vec3{0, 3.8f, 0}), 2.82f, 0.3f, 36);
    m.bar(Paint::SafetyYellow, base + glm::vec3{2.85f, 0, 0}, base + glm::vec3{2.85f, 5.0f, 0},
          {0.05f, 0.4f});
  }
  // Sand filters and the pump skid.
  for (float x : {-12.0f, -9.0f})
    verticalVessel(m, {x, 0.1f, 6.0f}, 1.0f, 2.2f, Paint::AccentBlue, Paint::WallPanel);
  m.block(Paint::SteelDark, {-6.5f, 0.1f, 4.5f}, {1.5f, 0.35f, 7.5f});
  for (float x : {-5.0f, -2.0f, 1.0f}) {
    m.cylinder(Paint::AccentBlue, lyingAlongX({x - 1.0f, 0.75f, 6.0f}), 0.3f, 1.1f, 16);
    m.cylinder(Paint::AccentBlue, lyingAlongZ({x + 0.4f, 0.75f, 5.7f}), 0.4f, 0.6f, 16);
    m.rod(Paint::PipeWater, {x + 0.4f, 0.75f, 5.5f}, {x + 0.4f, 0.75f, 4.0f}, 0.1f, 10);
  }
  m.rod(Paint::PipeWater, {-12.0f, 2.0f, 4.0f}, {9.0f, 2.0f, 4.0f}, 0.15f, 12);
  m.rod(Paint::PipeWater, {9.0f, 2.0f, 4.0f}, {9.0f, 2.0f, 1.0f}, 0.15f, 12);
  m.rod(Paint::PipeWater, {1.0f, 2.0f, 4.0f}, {1.0f, 2.0f, -8.0f}, 0.15f, 12);
  // Dosing house with a roof overhang and a door.
  m.block(Paint::WallPanel, {2.0f, 0.1f, 11.0f}, {12.0f, 3.8f, 17.0f});
  m.block(Paint::RoofGrey, {1.7f, 3.8f, 10.7f}, {12.3f, 4.1f, 17.3f});
  m.block(Paint::AccentBlue, {2.0f, 3.3f, 10.95f}, {12.0f, 3.6f, 17.05f});
  m.block(Paint::SteelDark, {4.0f, 0.1f, 10.95f}, {5.2f, 2.3f, 11.0f});
  for (float x : {7.0f, 9.5f})
    m.block(Paint::MachineWindow, {x, 1.3f, 10.95f}, {x + 1.5f, 2.4f, 11.0f});
  for (float x : {-10.0f, -6.5f, -3.0f}) {  // chemical IBC totes
    m.block(Paint::MachineWhite, {x, 0.1f, 14.0f}, {x + 1.2f, 1.25f, 15.0f});
    m.block(Paint::SteelGalvanised, {x - 0.05f, 0.1f, 13.95f}, {x + 1.25f, 0.25f, 15.05f});
  }
  return m;
}

MeshBuilder weatherStation() {
  MeshBuilder m;
  m.block(Paint::Concrete, {-0.8f, 0, -0.8f}, {0.8f, 0.3f, 0.8f});
  constexpr float kTop = 10.0f, kLeg = 0.22f;
  glm::vec3 legs[3];
  for (int l = 0; l < 3; ++l) {
    const float angle = kTau * static_cast<float>(l) / 3.0f;
    legs[l] = {std::cos(angle) * kLeg, 0.3f, std::sin(angle) * kLeg};
    m.rod(Paint::Aluminium, legs[l], legs[l] + glm::vec3{0, kTop - 0.3f, 0}, 0.025f, 6);
  }
  for (float y = 0.3f; y + 0.5f < kTop; y += 0.5f) {  // zig-zag lacing on each face
    for (int l = 0; l < 3; ++l) {
      const glm::vec3 a = legs[l], b = legs[(l + 1) % 3];
      m.bar(Paint::Aluminium, {a.x, y, a.z}, {b.x, y + 0.5f, b.z}, {0.015f, 0.015f});
    }
  }
  m.bar(Paint::Aluminium, {-0.9f, kTop, 0}, {0.9f, kTop, 0}, {0.05f, 0.05f});
  // Cup anemometer on one end of the cross arm, wind vane on the other.
  m.rod(Paint::Aluminium, {0.9f, kTop, 0}, {0.9f, kTop + 0.4f, 0}, 0.02f, 6);
  for (int cup = 0; cup < 3; ++cup) {
    const float angle = kTau * static_cast<float>(cup) / 3.0f;
    const glm::vec3 end{0.9f + std::cos(angle) * 0.18f, kTop + 0.4f, std::sin(angle) * 0.18f};
    m.bar(Paint::Aluminium, {0.9f, kTop + 0.4f, 0}, end, {0.01f, 0.01f});
    m.sphere(Paint::MachineWhite, placedAt(end), 0.05f, 10, 6);
  }
  m.rod(Paint::Aluminium, {-0.9f, kTop, 0}, {-0.9f, kTop + 0.4f, 0}, 0.02f, 6);
  m.bar(Paint::Aluminium, {-1.2f, kTop + 0.4f, 0}, {-0.6f, kTop + 0.4f, 0}, {0.02f, 0.02f});
  m.box(Paint::MachineWhite, placedAt({-1.15f, kTop + 0.45f, 0}), {0.15f, 0.14f, 0.01f});
  m.rod(Paint::SteelDark, {0, kTop, 0}, {0, kTop + 1.2f, 0}, 0.012f, 4);  // lightning rod
  // Radiation shield (stacked plates), solar panel and logger box lower on the mast.
  for (int plate = 0; plate < 7; ++plate) {
    m.cylinder(Paint::MachineWhite, placedAt({0.45f, 3.0f + 0.06f * static_cast<float>(plate), 0}),
               0.12f, 0.025f, 16);
  }
  m.box(Paint::PvCell, pitchedAt({0, 5.0f, 0.45f}, 0, 0.7f), {0.6f, 0.02f, 0.5f});
  m.box(Paint::WallPanel, placedAt({0, 1.6f, -0.35f}), {0.45f, 0.55f, 0.22f});
  return m;
}

}  // namespace gt::factorygen
