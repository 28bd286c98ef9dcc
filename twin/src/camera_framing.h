// The opening view: the camera frames what matters in the part of the screen the side panel
// leaves free, so nothing important starts hidden behind the panel.
#pragma once

#include <glm/glm.hpp>

#include "engine/camera.h"
#include "label_layout.h"

namespace gt::twin {

// Frames `b` in the viewport to the right of `panel` (a full-height rectangle on the left).
void frameBesidePanel(engine::OrbitCamera& camera, const engine::Bounds& b,
                      const glm::ivec2& viewport, const ScreenRect& panel);

}  // namespace gt::twin
