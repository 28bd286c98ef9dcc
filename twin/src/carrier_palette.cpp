// The carrier colours: sRGB hex as a designer writes them, converted for the renderer.
#include "carrier_palette.h"

#include <array>
#include <cmath>

namespace gt::twin {
namespace {

struct CarrierColour {
  std::string_view carrier;
  uint32_t srgb;
};

// Okabe & Ito (2008), safe for the common colour-vision deficiencies; the names the
// accounting files use for the same carrier share its colour. Electricity takes a deeper
// version of their yellow rather than their orange: in the 3D view, orange power beside
// vermillion steam read as one colour from across the room.
constexpr std::array<CarrierColour, 10> kColours{{
    {"electricity", 0xF0C800},  // golden yellow
    {"natural_gas", 0x0072B2},  // blue
    {"gas", 0x0072B2},
    {"lpg", 0x0072B2},
    {"steam", 0xD55E00},  // vermillion: heat carriers
    {"heat", 0xD55E00},
    {"hot_water", 0xD55E00},
    {"water", 0x56B4E9},           // sky blue
    {"compressed_air", 0x009E73},  // bluish green
    {"diesel", 0xCC79A7},          // reddish purple: fuels other than gas
}};
constexpr uint32_t kOther = 0xE69F00;    // orange: any other carrier, never the offline grey
constexpr uint32_t kOffline = 0x7A7F85;  // grey: nothing current is known

glm::vec3 unpack(uint32_t hex) {
  return glm::vec3((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF) / 255.f;
}

// IEC 61966-2-1 decoding.
float toLinear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

glm::vec3 toLinear(glm::vec3 c) {
  return {toLinear(c.r), toLinear(c.g), toLinear(c.b)};
}

}  // namespace

glm::vec3 carrierColourSrgb(std::string_view carrier) {
  for (const CarrierColour& c : kColours)
    if (c.carrier == carrier) return unpack(c.srgb);
  return unpack(kOther);
}

glm::vec3 carrierColourLinear(std::string_view carrier) {
  return toLinear(carrierColourSrgb(carrier));
}

glm::vec3 carrierColourLinear(EnergyType carrier) {
  return carrierColourLinear(energyTypeName(carrier));
}

glm::vec3 offlineFlowColourSrgb() {
  return unpack(kOffline);
}

glm::vec3 offlineFlowColourLinear() {
  return toLinear(unpack(kOffline));
}

}  // namespace gt::twin
