// Machines of the production hall: machining centres, the assembly line, the paint booth
// and the bridge cranes. Proportions follow typical 3-axis VMCs, 4-axis HMCs with twin
// pallet changers and a cross-draught spray booth; detail is kept to what reads from the air.
#include <cmath>
#include <numbers>

#include "equipment_models.h"

namespace gt::factorygen {
namespace {

constexpr float kQuarterTurn = std::numbers::pi_v<float> / 2;

// A stack light (andon tower): the first thing a plant manager looks for on a machine.
void signalTower(MeshBuilder& mesh, glm::vec3 base) {
  mesh.cylinder(Paint::SteelDark, placedAt(base), 0.025f, 0.3f, 8);
  const Paint lamps[] = {Paint::SignalGreen, Paint::SignalAmber, Paint::SignalRed};
  for (int i = 0; i < 3; ++i) {
    mesh.cylinder(lamps[i], placedAt(base + glm::vec3{0, 0.3f + 0.09f * i, 0}), 0.055f, 0.085f, 10);
  }
}

// Operator pendant: grey housing with a dark screen, on the machine's front right.
void operatorPanel(MeshBuilder& mesh, glm::vec3 centre) {
  mesh.bevelledBox(Paint::MachineGrey, placedAt(centre), {0.6f, 0.8f, 0.18f}, 0.03f);
  mesh.box(Paint::Screen, placedAt(centre + glm::vec3{0, 0.12f, 0.095f}), {0.46f, 0.34f, 0.02f});
  for (int key = 0; key < 4; ++key) {
    mesh.box(Paint::SignalGreen, placedAt(centre + glm::vec3{-0.18f + 0.12f * key, -0.25f, 0.095f}),
             {0.06f, 0.04f, 0.02f});
  }
}

// Levelling feet show under the plinth and give the machine a grounded look.
void levellingFeet(MeshBuilder& mesh, glm::vec2 half) {
  for (float sx : {-1.0f, 1.0f}) {
    for (float sz : {-1.0f, 1.0f}) {
      mesh.cylinder(Paint::SteelDark, placedAt({sx * half.x, 0, sz * half.y}), 0.09f, 0.06f, 10);
    }
  }
}

// The tool trolley that stands in every machining cell: 3 x 8 holders with cutters in them.
void toolTrolley(MeshBuilder& mesh, glm::vec3 at) {
  mesh.bevelledBox(Paint::AccentBlue, placedAt(at + glm::vec3{0, 0.55f, 0}), {1.0f, 0.8f, 0.6f},
                   0.03f);
  mesh.block(Paint::MachineGrey, at + glm::vec3{-0.52f, 0.95f, -0.32f},
             at + glm::vec3{0.52f, 1.0f, 0.32f});
  for (float x : {-0.42f, 0.42f}) {
    for (float z : {-0.22f, 0.22f})
      mesh.cylinder(Paint::Rubber, lyingAlongZ(at + glm::vec3{x, 0.07f, z - 0.02f}), 0.07f, 0.04f,
                    10);
  }
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 8; ++col) {
      const glm::vec3 holder = at + glm::vec3{-0.42f + 0.12f * static_cast<float>(col), 1.0f,
                                              -0.2f + 0.2f * static_cast<float>(row)};
      mesh.frustum(Paint::SteelGalvanised, placedAt(holder), 0.045f, 0.03f, 0.09f, 10);
      mesh.cylinder(Paint::SteelDark, placedAt(holder + glm::vec3{0, 0.09f, 0}),
                    0.02f + 0.005f * static_cast<float>(col % 3),
                    0.08f + 0.02f * static_cast<float>(row), 8);
    }
  }
}

// Raw castings waiting on a steel pallet beside the machine.
void workpiecePallet(MeshBuilder& mesh, glm::vec3 at) {
  mesh.block(Paint::SteelGalvanised, at + glm::vec3{-0.6f, 0, -0.5f},
             at + glm::vec3{0.6f, 0.12f, 0.5f});
  for (float x : {-0.3f, 0.3f}) {
    for (float z : {-0.24f, 0.24f}) {
      mesh.bevelledBox(Paint::Casting, placedAt(at + glm::vec3{x, 0.3f, z}), {0.5f, 0.36f, 0.4f},
                       0.04f);
      mesh.cylinder(Paint::Casting, placedAt(at + glm::vec3{x, 0.48f, z}), 0.1f, 0.08f, 14);
    }
  }
}

// Framed vision window on a door face (normal +Z at `centre`).
void visionWindow(MeshBuilder& mesh, glm::vec3 centre, glm::vec2 size) {
  mesh.box(Paint::MachineWindow, placedAt(centre), {size.x, size.y, 0.03f});
  const float hx = size.x * 0.5f, hy = size.y * 0.5f, z = centre.z + 0.02f;
  mesh.bar(Paint::MachineGrey, {centre.x - hx, centre.y - hy, z}, {centre.x + hx, centre.y - hy, z},
           {0.05f, 0.03f});
  mesh.bar(Paint::MachineGrey, {centre.x - hx, centre.y + hy, z}, {centre.x + hx, centre.y + hy, z},
           {0.05f, 0.03f});
  mesh.bar(Paint::MachineGrey, {centre.x - hx, centre.y - hy, z}, {centre.x - hx, centre.y + hy, z},
           {0.05f, 0.03f});
  mesh.bar(Paint::MachineGrey, {centre.x + hx, centre.y - hy, z}, {centre.x + hx, centre.y + hy, z},
           {0.05f, 0.03f});
}

// Oil-mist collector on the roof of an enclosure, with its duct dropping into the roof.
void mistCollector(MeshBuilder& mesh, glm::vec3 base) {
  mesh.cylinder(Paint::MachineWhite, placedAt(base), 0.28f, 0.55f, 20);
  mesh.cylinder(Paint::MachineGrey, placedAt(base + glm::vec3{0, 0.55f, 0}), 0.3f, 0.06f, 20);
  mesh.rod(Paint::SteelGalvanised, base + glm::vec3{0.25f, 0.25f, 0},
           base + glm::vec3{0.6f, 0.25f, 0}, 0.07f, 10);
  mesh.rod(Paint::SteelGalvanised, base + glm::vec3{0.6f, 0.25f, 0},
           base + glm::vec3{0.6f, -0.05f, 0}, 0.07f, 10);
}

}  // namespace

MeshBuilder verticalMachiningCentre() {
  MeshBuilder m;
  levellingFeet(m, {1.45f, 1.15f});
  m.block(Paint::MachineGrey, {-1.6f, 0.06f, -1.3f}, {1.6f, 0.35f, 1.2f});
  m.bevelledBox(Paint::MachineWhite, placedAt({0, 1.45f, -0.1f}), {3.2f, 2.2f, 2.4f}, 0.08f);
  m.block(Paint::AccentBlue, {-1.62f, 2.1f, -1.32f}, {1.62f, 2.25f, 1.12f});
  // Sliding doors with vision windows, and the brand badge above them.
  visionWindow(m, {-0.55f, 1.45f, 1.11f}, {0.95f, 0.85f});
  visionWindow(m, {0.5f, 1.45f, 1.11f}, {0.95f, 0.85f});
  m.bar(Paint::Aluminium, {-0.05f, 1.1f, 1.16f}, {-0.05f, 1.8f, 1.16f}, {0.04f, 0.04f});
  m.box(Paint::AccentBlue, placedAt({-1.1f, 2.0f, 1.11f}), {0.6f, 0.1f, 0.03f});
  // Spindle column housing and the disc tool magazine on the left flank.
  m.bevelledBox(Paint::MachineWhite, placedAt({0.1f, 2.85f, -0.6f}), {1.3f, 0.7f, 1.2f}, 0.06f);
  m.cylinder(Paint::MachineWhite, lyingAlongX({-1.85f, 1.9f, -0.5f}), 0.62f, 0.28f, 28);
  m.cylinder(Paint::AccentBlue, lyingAlongX({-1.87f, 1.9f, -0.5f}), 0.2f, 0.02f, 16);
  operatorPanel(m, {1.35f, 1.5f, 1.3f});
  m.bar(Paint::SteelDark, {1.35f, 1.9f, 1.25f}, {1.35f, 2.5f, 0.9f}, {0.08f, 0.08f});
  signalTower(m, {1.4f, 2.55f, -1.1f});
  // Electrical cabinet with its cooling unit at the back, chip conveyor and bin on the right.
  m.block(Paint::WallPanel, {-1.4f, 0.35f, -1.85f}, {0.3f, 2.3f, -1.3f});
  m.block(Paint::MachineGrey, {-0.9f, 1.4f, -1.95f}, {-0.3f, 2.1f, -1.85f});
  m.bar(Paint::MachineGrey, {1.55f, 0.45f, 0.0f}, {2.5f, 1.35f, 0.0f}, {0.5f, 0.3f});
  m.block(Paint::AccentBlue, {2.2f, 0.0f, -0.35f}, {2.85f, 0.75f, 0.35f});
  m.block(Paint::MachineGrey, {-2.0f, 0.0f, -1.2f}, {-1.6f, 0.65f, 0.5f});
  mistCollector(m, {-0.9f, 2.55f, -0.6f});
  toolTrolley(m, {-2.3f, 0, 1.3f});
  workpiecePallet(m, {2.4f, 0, 1.4f});
  return m;
}

MeshBuilder horizontalMachiningCentre() {
  MeshBuilder m;
  levellingFeet(m, {2.05f, 1.7f});
  m.block(Paint::MachineGrey, {-2.2f, 0.06f, -2.4f}, {2.2f, 0.35f, 1.2f});
  m.bevelledBox(Paint::MachineWhite, placedAt({0, 1.8f, -0.6f}), {4.2f, 2.9f, 3.4f}, 0.1f);
  m.block(Paint::AccentGreen, {-2.12f, 2.75f, -2.32f}, {2.12f, 2.95f, 1.12f});
  visionWindow(m, {-0.5f, 1.7f, 1.11f}, {2.2f, 1.3f});
  m.box(Paint::AccentGreen, placedAt({1.3f, 2.5f, 1.11f}), {0.9f, 0.14f, 0.03f});
  // Chain tool magazine tower on the left, with its loading window.
  m.bevelledBox(Paint::MachineWhite, placedAt({-2.85f, 1.65f, -1.0f}), {1.3f, 3.1f, 2.3f}, 0.08f);
  m.block(Paint::AccentGreen, {-3.52f, 2.75f, -2.17f}, {-2.18f, 2.95f, 0.17f});
  m.box(Paint::MachineWindow, placedAt({-2.85f, 1.4f, 0.16f}), {0.8f, 0.9f, 0.03f});
  m.bevelledBox(Paint::MachineWhite, placedAt({0.3f, 3.5f, -1.2f}), {2.0f, 0.6f, 1.6f}, 0.06f);
  // Twin pallet changer in front: rotary base, two pallets, fixtured castings on them.
  m.block(Paint::MachineGrey, {-1.4f, 0.0f, 1.15f}, {1.4f, 0.85f, 3.0f});
  m.cylinder(Paint::SteelGalvanised, placedAt({0, 0.85f, 2.1f}), 1.05f, 0.08f, 32);
  for (float x : {-0.62f, 0.62f}) {
    m.box(Paint::SteelGalvanised, placedAt({x, 0.98f, 2.1f}), {1.0f, 0.12f, 1.0f});
    m.box(Paint::Casting, placedAt({x, 1.3f, 2.1f}), {0.7f, 0.5f, 0.6f});
  }
  for (float x : {-1.45f, 1.45f}) {  // light-curtain posts guard the changer
    m.block(Paint::SafetyYellow, {x - 0.05f, 0.0f, 2.95f}, {x + 0.05f, 1.8f, 3.05f});
  }
  operatorPanel(m, {2.3f, 1.55f, 1.0f});
  m.bar(Paint::SteelDark, {2.3f, 1.95f, 0.95f}, {2.3f, 2.6f, 0.6f}, {0.08f, 0.08f});
  signalTower(m, {1.9f, 3.25f, -2.1f});
  m.block(Paint::WallPanel, {-1.5f, 0.35f, -3.0f}, {1.0f, 2.6f, -2.3f});
  m.block(Paint::MachineGrey, {-0.8f, 1.5f, -3.1f}, {0.0f, 2.3f, -3.0f});
  m.bar(Paint::MachineGrey, {2.1f, 0.45f, -1.5f}, {3.1f, 1.45f, -1.5f}, {0.6f, 0.35f});
  m.block(Paint::AccentGreen, {2.75f, 0.0f, -1.9f}, {3.45f, 0.8f, -1.1f});
  mistCollector(m, {-1.0f, 3.25f, -1.6f});
  toolTrolley(m, {-3.0f, 0, 1.0f});
  workpiecePallet(m, {2.6f, 0, 2.3f});
  return m;
}

MeshBuilder turningCentre() {
  MeshBuilder m;
  levellingFeet(m, {1.6f, 0.8f});
  m.block(Paint::MachineGrey, {-1.8f, 0.06f, -0.95f}, {1.8f, 0.35f, 0.9f});
  m.bevelledBox(Paint::MachineWhite, placedAt({0, 1.2f, -0.05f}), {3.5f, 1.7f, 1.8f}, 0.08f);
  // Slant-bed front: the door panel leans back 15 degrees above the chip tray.
  m.box(Paint::MachineWhite, pitchedAt({-0.2f, 1.5f, 0.9f}, 0, -0.26f), {2.4f, 1.1f, 0.1f});
  m.box(Paint::MachineWindow, pitchedAt({-0.35f, 1.55f, 0.96f}, 0, -0.26f), {1.2f, 0.7f, 0.03f});
  m.block(Paint::AccentBlue, {-1.77f, 1.85f, -0.97f}, {1.77f, 1.98f, 0.9f});
  m.bevelledBox(Paint::MachineWhite, placedAt({-1.1f, 2.25f, -0.3f}), {1.1f, 0.4f, 1.0f}, 0.05f);
  operatorPanel(m, {1.4f, 1.5f, 1.0f});
  signalTower(m, {1.5f, 2.05f, -0.7f});
  // Bar feeder on the spindle side, chip conveyor and bin on the other.
  m.block(Paint::MachineGrey, {-4.8f, 0.0f, -0.35f}, {-1.8f, 0.9f, 0.25f});
  m.bevelledBox(Paint::MachineWhite, placedAt({-3.3f, 1.15f, -0.05f}), {3.0f, 0.5f, 0.55f}, 0.05f);
  for (float x : {-4.6f, -2.1f})
    m.block(Paint::SteelDark, {x - 0.08f, 0, -0.3f}, {x + 0.08f, 0.9f, 0.2f});
  m.cylinder(Paint::SteelGalvanised, lyingAlongX({-4.9f, 1.15f, -0.05f}), 0.05f, 0.3f, 10);
  m.bar(Paint::MachineGrey, {1.7f, 0.45f, -0.4f}, {2.6f, 1.25f, -0.4f}, {0.45f, 0.3f});
  m.block(Paint::AccentBlue, {2.3f, 0, -0.75f}, {2.9f, 0.7f, -0.05f});
  m.block(Paint::WallPanel, {-0.6f, 0.35f, -1.45f}, {0.9f, 2.0f, -0.95f});
  mistCollector(m, {0.4f, 2.05f, -0.4f});
  toolTrolley(m, {2.6f, 0, 0.9f});
  workpiecePallet(m, {-2.9f, 0, 1.2f});
  return m;
}

MeshBuilder assemblyLine(float length, int stations, SeededRandom& random) {
  MeshBuilder m;
  const float half = length * 0.5f;
  constexpr float kTop = 0.75f, kHalfWidth = 0.65f;
  // Side rails on legs, rollers every half metre.
  for (float z : {-kHalfWidth, kHalfWidth}) {
    m.block(Paint::SteelGalvanised, {-half, kTop - 0.15f, z - 0.05f}, {half, kTop, z + 0.05f});
  }
  for (float x = -half + 0.5f; x < half; x += 2.0f) {
    for (float z : {-kHalfWidth + 0.05f, kHalfWidth - 0.05f}) {
      m.block(Paint::SteelDark, {x - 0.04f, 0.0f, z - 0.04f}, {x + 0.04f, kTop - 0.15f, z + 0.04f});
    }
  }
  for (float x = -half + 0.25f; x < half; x += 0.5f) {
    m.rod(Paint::SteelGalvanised, {x, kTop - 0.05f, -kHalfWidth + 0.05f},
          {x, kTop - 0.05f, kHalfWidth - 0.05f}, 0.04f, 12);
  }
  // Work stations: a yellow gantry with a tool balancer, a bench, a tool cabinet, a screen.
  const float pitch = length / static_cast<float>(stations);
  for (int s = 0; s < stations; ++s) {
    const float x = -half + pitch * (static_cast<float>(s) + 0.5f);
    for (float dx : {-1.6f, 1.6f}) {
      for (float z : {-2.4f, 2.4f}) {
        m.block(Paint::SafetyYellow, {x + dx - 0.08f, 0, z - 0.08f},
                {x + dx + 0.08f, 3.6f, z + 0.08f});
      }
      m.block(Paint::SafetyYellow, {x + dx - 0.1f, 3.6f, -2.5f}, {x + dx + 0.1f, 3.8f, 2.5f});
    }
    m.block(Paint::SafetyYellow, {x - 1.7f, 3.6f, -0.1f}, {x + 1.7f, 3.8f, 0.1f});
    m.cylinder(Paint::AccentBlue, placedAt({x, 3.1f, 0}), 0.15f, 0.5f, 12);
    m.rod(Paint::SteelDark, {x, 1.9f, 0}, {x, 3.1f, 0}, 0.012f, 4);
    m.block(Paint::MachineGrey, {x - 1.0f, 0, 1.4f}, {x + 1.0f, 0.9f, 2.1f});
    m.block(Paint::Aluminium, {x - 1.05f, 0.9f, 1.35f}, {x + 1.05f, 0.95f, 2.15f});
    m.block(Paint::AccentBlue, {x - 1.5f, 0, -2.2f}, {x - 0.7f, 1.8f, -1.6f});
    m.box(Paint::Screen, placedAt({x + 1.3f, 1.6f, -2.3f}), {0.5f, 0.35f, 0.05f});
    m.block(Paint::LaneWhite, {x - 1.4f, 3.5f, -1.0f}, {x + 1.4f, 3.55f, 1.0f});
    // A machine bed on its pallet; later stations carry beds with column and spindle head.
    const float bed_length = 2.0f + random.uniform(0.0f, 0.6f);
    m.block(Paint::SteelDark, {x - 1.3f, kTop, -0.6f}, {x + 1.3f, kTop + 0.1f, 0.6f});
    m.bevelledBox(Paint::Casting, placedAt({x, kTop + 0.45f, 0}), {bed_length, 0.6f, 1.0f}, 0.05f);
    if (s >= stations / 3) {
      m.bevelledBox(Paint::Casting, placedAt({x - 0.4f, kTop + 1.35f, -0.1f}), {0.8f, 1.2f, 0.7f},
                    0.05f);
    }
    if (s >= 2 * stations / 3) {
      m.bevelledBox(Paint::MachineWhite, placedAt({x + 0.2f, kTop + 0.95f, 0}), {1.2f, 0.4f, 0.8f},
                    0.05f);
    }
  }
  // Turntables at both ends hand the pallets on to the next line.
  for (float x : {-half - 1.2f, half + 1.2f}) {
    m.cylinder(Paint::SteelDark, placedAt({x, 0, 0}), 1.1f, kTop, 24);
    m.cylinder(Paint::SteelGalvanised, placedAt({x, kTop, 0}), 1.0f, 0.04f, 24);
  }
  return m;
}

MeshBuilder paintBooth() {
  MeshBuilder m;
  constexpr float kHalfX = 15.0f, kHalfZ = 9.0f, kHeight = 6.0f;
  m.block(Paint::WallPanel, {-kHalfX, 0, -kHalfZ}, {kHalfX, kHeight, kHalfZ});
  m.block(Paint::MachineWhite, {-kHalfX - 0.1f, kHeight, -kHalfZ - 0.1f},
          {kHalfX + 0.1f, kHeight + 0.25f, kHalfZ + 0.1f});
  m.block(Paint::AccentBlue, {-kHalfX - 0.05f, kHeight - 0.6f, -kHalfZ - 0.05f},
          {kHalfX + 0.05f, kHeight - 0.3f, kHalfZ + 0.05f});
  // Panel seams every 1.5 m, and observation windows along the long sides.
  for (float x = -kHalfX + 1.5f; x < kHalfX; x += 1.5f) {
    for (float z : {-kHalfZ - 0.03f, kHalfZ + 0.03f}) {
      m.box(Paint::SteelGalvanised, placedAt({x, kHeight * 0.5f - 0.3f, z}),
            {0.06f, kHeight - 0.6f, 0.04f});
    }
  }
  for (float x = -10.0f; x <= 10.0f; x += 5.0f) {
    for (float z : {-kHalfZ - 0.04f, kHalfZ + 0.04f}) {
      m.box(Paint::MachineWindow, placedAt({x, 2.2f, z}), {2.4f, 1.0f, 0.04f});
    }
  }
  // Conveyor entry door on the west end; personnel doors with yellow frames.
  m.box(Paint::SteelDark, placedAt({-kHalfX - 0.04f, 2.0f, 0}), {0.06f, 4.0f, 4.5f});
  m.block(Paint::SafetyYellow, {-kHalfX - 0.1f, 4.0f, -2.4f}, {-kHalfX, 4.2f, 2.4f});
  for (float z : {-6.0f, 6.0f}) {
    m.box(Paint::AccentBlue, placedAt({kHalfX + 0.04f, 1.1f, z}), {0.06f, 2.2f, 1.0f});
  }
  // Roof plant: make-up air unit, supply duct, exhaust fans and a duct to the stack.
  m.bevelledBox(Paint::MachineWhite, placedAt({-6.0f, kHeight + 1.6f, -3.0f}), {7.0f, 2.7f, 3.2f},
                0.1f);
  m.block(Paint::AccentBlue, {-9.55f, kHeight + 2.4f, -4.65f}, {-2.45f, kHeight + 2.6f, -1.35f});
  m.box(Paint::SteelGalvanised, placedAt({-6.0f, kHeight + 0.9f, 0.5f}), {1.6f, 1.2f, 4.0f});
  for (float x : {-1.0f, 4.0f, 9.0f}) {
    m.cylinder(Paint::SteelGalvanised, placedAt({x, kHeight + 0.25f, 4.0f}), 0.8f, 1.2f, 20);
    m.cylinder(Paint::SteelDark, placedAt({x, kHeight + 1.45f, 4.0f}), 0.7f, 0.05f, 20);
  }
  m.bar(Paint::SteelGalvanised, {-1.0f, kHeight + 1.0f, 4.0f}, {11.5f, kHeight + 1.0f, 4.0f},
        {1.0f, 1.0f});
  m.bar(Paint::SteelGalvanised, {11.5f, kHeight + 1.0f, 4.0f}, {11.5f, kHeight + 1.0f, -4.5f},
        {1.0f, 1.0f});
  // The stack rises through the hall roof (12 m) to 16.5 m, with a rain cap.
  m.cylinder(Paint::SteelGalvanised, placedAt({11.5f, kHeight, -5.0f}), 0.7f, 10.5f, 24);
  for (float y : {12.5f, 14.5f}) {
    m.cylinder(Paint::SteelDark, placedAt({11.5f, y, -5.0f}), 0.75f, 0.12f, 24);
  }
  m.frustum(Paint::SteelGalvanised, placedAt({11.5f, kHeight + 10.9f, -5.0f}), 1.0f, 0.05f, 0.5f,
            24);
  for (float a = 0; a < 4; a += 1) {
    const glm::vec3 c{11.5f + std::cos(a * kQuarterTurn) * 0.6f, 0,
                      -5.0f + std::sin(a * kQuarterTurn) * 0.6f};
    m.rod(Paint::SteelDark, c + glm::vec3{0, kHeight + 10.5f, 0},
          c + glm::vec3{0, kHeight + 10.95f, 0}, 0.03f, 4);
  }
  // Control cabinet and the paint-mix room beside the booth.
  m.block(Paint::WallPanel, {kHalfX + 0.2f, 0, -kHalfZ}, {kHalfX + 1.0f, 2.2f, -kHalfZ + 3.0f});
  m.block(Paint::Aluminium, {-kHalfX + 1.0f, 0, kHalfZ}, {-kHalfX + 7.0f, 3.5f, kHalfZ + 3.0f});
  m.block(Paint::SignalRed, {-kHalfX + 3.0f, 0.0f, kHalfZ + 3.0f},
          {-kHalfX + 4.2f, 2.2f, kHalfZ + 3.05f});
  return m;
}

MeshBuilder overheadCrane(float span, float rail_height) {
  MeshBuilder m;
  const float half = span * 0.5f;
  const float y = rail_height + 0.2f;
  for (float x : {-0.9f, 0.9f}) {
    m.block(Paint::SafetyYellow, {x - 0.3f, y, -half + 0.4f}, {x + 0.3f, y + 1.3f, half - 0.4f});
  }
  for (float z : {-half + 0.2f, half - 0.2f}) {
    m.block(Paint::SafetyYellow, {-2.2f, y - 0.2f, z - 0.35f}, {2.2f, y + 0.6f, z + 0.35f});
    for (float x : {-1.8f, 1.8f}) {
      m.cylinder(Paint::SteelDark, lyingAlongZ({x, y - 0.1f, z - 0.2f}), 0.25f, 0.4f, 12);
    }
  }
  // Trolley with hoist drum, two rope falls, and the hook block hanging at 4 m.
  const float trolley_z = -half * 0.3f;
  m.block(Paint::MachineGrey, {-1.4f, y + 1.3f, trolley_z - 1.2f},
          {1.4f, y + 1.9f, trolley_z + 1.2f});
  m.cylinder(Paint::SteelGalvanised, lyingAlongX({-1.0f, y + 2.3f, trolley_z}), 0.4f, 2.0f, 16);
  m.block(Paint::AccentBlue, {-1.3f, y + 1.9f, trolley_z + 0.5f},
          {-0.3f, y + 2.6f, trolley_z + 1.1f});
  for (float x : {-0.15f, 0.15f}) {
    m.rod(Paint::SteelDark, {x, 4.6f, trolley_z}, {x, y + 1.3f, trolley_z}, 0.02f, 4);
  }
  m.block(Paint::SafetyYellow, {-0.3f, 4.0f, trolley_z - 0.2f}, {0.3f, 4.7f, trolley_z + 0.2f});
  m.rod(Paint::SteelDark, {0, 3.5f, trolley_z}, {0, 4.0f, trolley_z}, 0.06f, 8);
  // Festoon cable trolleys along the runway side.
  m.box(Paint::AccentBlue, placedAt({1.3f, y + 1.0f, half - 1.2f}), {0.6f, 1.0f, 0.8f});
  return m;
}

}  // namespace gt::factorygen
