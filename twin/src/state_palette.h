// The colours that mean something: one palette for the 3D tint, the label panel and the status
// dot of each equipment state, so the three always agree. Pure data.
#pragma once

#include <optional>

#include <glm/glm.hpp>

#include "equipment_status.h"

namespace gt::twin {

// rgb and blend amount for Renderer::setTint; nullopt: leave the model's own colours.
std::optional<glm::vec4> tintFor(EquipmentState state);

// RGBA of the label's panel (translucent) and of the panel's status dot (opaque).
glm::vec4 labelPanelColor(EquipmentState state);
glm::vec4 statusDotColor(EquipmentState state);

}  // namespace gt::twin
