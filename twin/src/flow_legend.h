// The key to the energy flows on the model: one swatch per carrier the site's flows use, in
// the shared carrier colours, plus the grey of a flow with no current value. Drawn in the
// bottom-right corner of the 3D view while the flows are shown, so a visitor reads the colours
// without asking.
#pragma once

#include <glm/glm.hpp>

#include "greentwin/site_config.h"
#include "ui_strings.h"

namespace gt::twin {

// Inside the UI callback. `any_grey`: some flow has no current value (adds the grey swatch).
void drawFlowLegend(const SiteConfig& site, bool any_grey, Language language,
                    const glm::ivec2& viewport);

}  // namespace gt::twin
