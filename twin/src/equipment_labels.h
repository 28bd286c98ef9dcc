// The labels over the equipment in 3D: projected anchors, decluttered by layoutLabels(), drawn
// on ImGui's background draw list (under the panels) from inside the engine's UI callback.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "engine/renderer.h"
#include "equipment_status.h"
#include "label_layout.h"
#include "site_binding.h"

namespace gt::twin {

// The camera as it is this frame, for projecting anchors.
struct ScreenProjection {
  glm::mat4 view{1.f};
  glm::mat4 view_projection{1.f};
  glm::vec2 viewport{0.f};
};
ScreenProjection currentProjection(engine::Renderer& renderer);

// Projects a world point; nullopt when it is behind the camera.
std::optional<engine::ScreenPoint> project(const ScreenProjection& projection,
                                           const glm::vec3& world);

// What one label says this frame.
struct LabelContent {
  const BoundEquipment* bound = nullptr;
  EquipmentState state = EquipmentState::NoData;
  std::string name;   // in the current language
  std::string value;  // as displayed (displayedValue())
};

// Where one label ended up, for the probes.
struct DrawnLabel {
  std::optional<glm::vec2> screen_center;  // projected centre of the node's bounds
  std::optional<ScreenRect> box;           // nullopt: not drawn (behind, off screen, crowded)
  bool compact = false;
};

// Draws the labels of found equipment; returns one DrawnLabel per content, in order.
// `blocked` are screen areas covered by panels.
std::vector<DrawnLabel> drawEquipmentLabels(const std::vector<LabelContent>& labels,
                                            const ScreenProjection& projection,
                                            const std::vector<ScreenRect>& blocked);

}  // namespace gt::twin
