// Trees, vehicles and storage racks: the props that make a site read as lived-in. They are
// low-poly on purpose: there are many of them, and they share meshes through instancing.
#include <glm/gtc/matrix_transform.hpp>

#include "site_models.h"

namespace gt::factorygen {

MeshBuilder deciduousTree() {
  MeshBuilder m;
  m.frustum(Paint::Trunk, placedAt({0, 0, 0}), 0.22f, 0.14f, 3.2f, 8);
  m.sphere(Paint::Foliage, glm::scale(placedAt({0, 4.6f, 0}), glm::vec3{1, 0.85f, 1}), 2.6f, 14, 9);
  m.sphere(Paint::Foliage, placedAt({0.9f, 5.6f, 0.4f}), 1.7f, 12, 7);
  m.sphere(Paint::Foliage, placedAt({-0.8f, 5.2f, -0.6f}), 1.6f, 12, 7);
  return m;
}

MeshBuilder conifer() {
  MeshBuilder m;
  m.cylinder(Paint::Trunk, placedAt({0, 0, 0}), 0.2f, 1.6f, 8);
  m.frustum(Paint::FoliageConifer, placedAt({0, 1.2f, 0}), 2.3f, 0.9f, 3.0f, 14);
  m.frustum(Paint::FoliageConifer, placedAt({0, 3.4f, 0}), 1.8f, 0.6f, 2.8f, 14);
  m.frustum(Paint::FoliageConifer, placedAt({0, 5.6f, 0}), 1.3f, 0.0f, 3.4f, 14);
  return m;
}

MeshBuilder car(Paint body, bool suv) {
  MeshBuilder m;
  const float length = suv ? 4.7f : 4.6f, width = 1.85f;
  const float sill = 0.3f, body_height = suv ? 0.85f : 0.7f, cabin = suv ? 0.7f : 0.55f;
  m.bevelledBox(body, placedAt({0, sill + body_height * 0.5f, 0}), {width, body_height, length},
                0.12f);
  const float cabin_length = suv ? 3.0f : 2.5f, cabin_z = suv ? -0.3f : -0.15f;
  const float cabin_y = sill + body_height + cabin * 0.5f - 0.02f;
  m.bevelledBox(Paint::CarGlass, placedAt({0, cabin_y, cabin_z}),
                {width - 0.15f, cabin, cabin_length}, 0.15f);
  m.bevelledBox(body, placedAt({0, cabin_y + cabin * 0.5f, cabin_z}),
                {width - 0.3f, 0.08f, cabin_length - 0.45f}, 0.03f);
  for (float x : {-width * 0.5f + 0.08f, width * 0.5f - 0.3f}) {
    for (float z : {-length * 0.32f, length * 0.32f}) {
      m.cylinder(Paint::Rubber, lyingAlongX({x, 0.34f, z}), 0.34f, 0.22f, 14);
    }
  }
  m.box(Paint::SignalRed, placedAt({0, sill + body_height * 0.7f, -length * 0.5f}),
        {width - 0.3f, 0.1f, 0.04f});
  return m;
}

MeshBuilder boxTruck() {
  MeshBuilder m;
  m.block(Paint::SteelDark, {-3.6f, 0.5f, -0.9f}, {3.7f, 0.8f, 0.9f});
  m.bevelledBox(Paint::MachineWhite, placedAt({-2.7f, 1.75f, 0}), {1.8f, 2.2f, 2.3f}, 0.15f);
  m.box(Paint::CarGlass, placedAt({-3.58f, 2.2f, 0}), {0.06f, 0.8f, 2.0f});
  m.block(Paint::AccentBlue, {-3.6f, 0.9f, -1.16f}, {-1.8f, 1.1f, 1.16f});
  m.block(Paint::WallPanel, {-1.7f, 0.9f, -1.25f}, {3.8f, 3.6f, 1.25f});
  m.block(Paint::AccentGreen, {-1.72f, 2.9f, -1.27f}, {3.82f, 3.2f, 1.27f});
  for (float x : {-2.6f, 1.8f, 2.9f}) {
    for (float z : {-1.1f, 0.85f})
      m.cylinder(Paint::Rubber, lyingAlongZ({x, 0.5f, z}), 0.5f, 0.3f, 14);
  }
  return m;
}

MeshBuilder forklift() {
  MeshBuilder m;
  m.bevelledBox(Paint::SafetyYellow, placedAt({0, 0.75f, -0.3f}), {1.1f, 0.9f, 2.0f}, 0.1f);
  m.block(Paint::MachineGrey, {-0.5f, 0.5f, -1.45f}, {0.5f, 1.3f, -1.1f});  // counterweight
  m.block(Paint::Rubber, {-0.3f, 1.2f, -0.6f}, {0.3f, 1.7f, -0.2f});        // seat
  for (float x : {-0.5f, 0.5f}) {
    for (float z : {-0.9f, 0.5f})
      m.bar(Paint::SteelDark, {x, 1.2f, z}, {x, 2.15f, z}, {0.05f, 0.05f});
    m.block(Paint::SteelDark, {x - 0.06f, 0.1f, 0.75f}, {x + 0.06f, 2.4f, 0.85f});  // mast
    m.block(Paint::SteelDark, {x * 0.6f - 0.05f, 0.1f, 0.85f},
            {x * 0.6f + 0.05f, 0.15f, 2.0f});  // forks
  }
  m.block(Paint::SteelDark, {-0.55f, 2.15f, -0.95f}, {0.55f, 2.2f, 0.55f});
  for (float x : {-0.5f, 0.5f}) {
    for (float z : {-0.95f, 0.35f})
      m.cylinder(Paint::Rubber, lyingAlongX({x - 0.1f, 0.25f, z}), 0.25f, 0.2f, 12);
  }
  return m;
}

MeshBuilder palletRack(int bays, int levels, SeededRandom& random) {
  MeshBuilder m;
  constexpr float kBay = 2.7f, kDepth = 1.1f, kLevel = 1.8f;
  const float half = static_cast<float>(bays) * kBay * 0.5f;
  const float top = static_cast<float>(levels) * kLevel + 0.3f;
  for (int b = 0; b <= bays; ++b) {
    const float x = -half + kBay * static_cast<float>(b);
    for (float z : {-kDepth * 0.5f, kDepth * 0.5f}) {
      m.block(Paint::AccentBlue, {x - 0.05f, 0, z - 0.05f}, {x + 0.05f, top, z + 0.05f});
    }
  }
  for (int level = 0; level < levels; ++level) {
    const float y = 0.15f + kLevel * static_cast<float>(level);
    for (float z : {-kDepth * 0.5f, kDepth * 0.5f}) {
      m.block(Paint::RackOrange, {-half, y, z - 0.05f}, {half, y + 0.12f, z + 0.05f});
    }
    for (int b = 0; b < bays; ++b) {
      for (int slot = 0; slot < 2; ++slot) {
        if (random.below(10) < 2) continue;  // about one slot in five stands empty
        const float x =
            -half + kBay * static_cast<float>(b) + 0.7f + 1.3f * static_cast<float>(slot);
        const float height = random.uniform(0.7f, 1.4f);
        m.block(Paint::Carton, {x - 0.55f, y + 0.12f, -0.5f}, {x + 0.55f, y + 0.27f, 0.5f});
        const bool wrapped = random.below(3) == 0;
        m.block(wrapped ? Paint::MachineWhite : Paint::Carton, {x - 0.5f, y + 0.27f, -0.45f},
                {x + 0.5f, y + 0.27f + height, 0.45f});
      }
    }
  }
  return m;
}

}  // namespace gt::factorygen
