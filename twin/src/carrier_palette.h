// One colour per energy carrier, shared by everything that draws energy: the 3D flows
// (energy_flows.h) and the energy-balance Sankey (sankey_panel.cpp), so electricity is the same
// yellow in the model and in the chart. Okabe & Ito's palette: it stays distinguishable for the
// common red-green colour deficiencies and on a video wall. Pure data.
#pragma once

#include <string_view>

#include <glm/glm.hpp>

#include "greentwin/site_config.h"

namespace gt::twin {

// sRGB 0..1, for ImGui. `carrier` is a carrier name as site.toml and accounting.toml write it
// ("electricity", "natural_gas", "steam", "water", "compressed_air", "heat", ...); heat carriers
// (steam, heat, hot_water) share one colour, as do gas names; a name not in the palette gets the
// palette's orange, never the offline grey.
glm::vec3 carrierColourSrgb(std::string_view carrier);
// The same colour in linear RGB, for the renderer (Ribbon::colour).
glm::vec3 carrierColourLinear(std::string_view carrier);
glm::vec3 carrierColourLinear(EnergyType carrier);

// A flow whose meter is offline or whose value is stale: grey.
glm::vec3 offlineFlowColourSrgb();
glm::vec3 offlineFlowColourLinear();

}  // namespace gt::twin
