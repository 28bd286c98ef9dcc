// The progress bar shown in the middle of the view while a model loads, so a big model that
// takes seconds to import never looks like a frozen window.
#pragma once

#include "engine/renderer.h"
#include "ui_strings.h"

namespace gt::twin {

// Draws "Loading model… 42%" with a bar and the current stage, centred in `viewport`. Call
// inside the UI callback while status.state is Loading or Ready.
void drawModelLoadOverlay(const engine::LoadStatus& status, Language language, glm::ivec2 viewport);

}  // namespace gt::twin
