// The progress bar shown in the middle of the view while a model loads, so a big model that
// takes seconds to import never looks like a frozen window; and, once loaded, the models of a
// site that were left out, so a missing building is seen on the wall and not only in a log.
#pragma once

#include <string>
#include <vector>

#include "engine/renderer.h"
#include "ui_strings.h"

namespace gt::twin {

// Draws "Loading model… 42%" with a bar and the current stage, centred in `viewport`. Call
// inside the UI callback while status.state is Loading or Ready.
void drawModelLoadOverlay(const engine::LoadStatus& status, Language language, glm::ivec2 viewport);

// Background of the left-out strip, so tests can find it in a screenshot: a dark red that
// neither the sky, the model's materials nor the alarm tint produce at this saturation.
inline constexpr unsigned char kModelProblemsRgb[3] = {128, 22, 22};

// Draws the models that could not be loaded (ModelInfo::problems, "file: reason" each) in a
// red strip along the bottom of `viewport`, under a heading in `language`. Draws nothing when
// `problems` is empty. Call inside the UI callback, every frame while the problems stand.
void drawModelProblems(const std::vector<std::string>& problems, Language language,
                       glm::ivec2 viewport);

}  // namespace gt::twin
