// Paint values. Colours are written as sRGB (what a designer picks from a swatch) and
// converted to the linear values glTF's baseColorFactor requires (glTF 2.0 §3.9.2).
// Metals stay at or below 0.5 metallic: fully metallic surfaces render near-black in
// viewers without an environment map, and the model must read well in all of them.
#include "palette.h"

#include <array>
#include <cassert>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

namespace gt::factorygen {
namespace {

struct PaintRow {
  Paint paint;
  std::string_view name;
  uint32_t srgb;  // 0xRRGGBB
  float metallic;
  float roughness;
  float alpha;  // below 1 means alphaMode BLEND
};

constexpr std::array<PaintRow, static_cast<size_t>(Paint::Count)> kPaints{{
    {Paint::Grass, "grass", 0x5E7A45, 0.0f, 0.95f, 1.0f},
    {Paint::GrassDark, "grass-dark", 0x4D6A38, 0.0f, 0.95f, 1.0f},
    {Paint::Asphalt, "asphalt", 0x3A3C3F, 0.0f, 0.9f, 1.0f},
    {Paint::LaneWhite, "lane-marking", 0xE8E8E0, 0.0f, 0.7f, 1.0f},
    {Paint::Concrete, "concrete", 0xBDBBB4, 0.0f, 0.85f, 1.0f},
    {Paint::ConcreteDark, "concrete-yard", 0xA3A29C, 0.0f, 0.9f, 1.0f},
    {Paint::Gravel, "gravel", 0x8E8A82, 0.0f, 1.0f, 1.0f},
    {Paint::EpoxyFloor, "epoxy-floor", 0x9FB0A8, 0.0f, 0.35f, 1.0f},
    {Paint::WallPanel, "wall-cladding", 0xD5D8DC, 0.2f, 0.5f, 1.0f},
    {Paint::WallBand, "wall-band", 0x6E747A, 0.1f, 0.6f, 1.0f},
    {Paint::RoofGrey, "roof-membrane", 0x9A9EA3, 0.0f, 0.8f, 1.0f},
    {Paint::SteelStructure, "steel-structure", 0x5D6B78, 0.3f, 0.5f, 1.0f},
    {Paint::SteelGalvanised, "steel-galvanised", 0xA9AFB4, 0.5f, 0.4f, 1.0f},
    {Paint::SteelDark, "steel-dark", 0x3A3F45, 0.4f, 0.5f, 1.0f},
    {Paint::MachineWhite, "machine-enclosure", 0xE9EAE6, 0.05f, 0.35f, 1.0f},
    {Paint::MachineGrey, "machine-base", 0x4A4F55, 0.3f, 0.5f, 1.0f},
    {Paint::AccentBlue, "signal-blue", 0x1E5AA8, 0.1f, 0.35f, 1.0f},
    {Paint::AccentGreen, "accent-green", 0x2E9E5B, 0.1f, 0.35f, 1.0f},
    {Paint::SafetyYellow, "safety-yellow", 0xF2B705, 0.1f, 0.45f, 1.0f},
    {Paint::MachineWindow, "machine-window", 0x2C3A44, 0.3f, 0.1f, 1.0f},
    {Paint::Screen, "hmi-screen", 0x14335A, 0.2f, 0.1f, 1.0f},
    {Paint::SignalRed, "signal-red", 0xC8241E, 0.0f, 0.4f, 1.0f},
    {Paint::SignalAmber, "signal-amber", 0xF29A05, 0.0f, 0.4f, 1.0f},
    {Paint::SignalGreen, "signal-green", 0x2FB34A, 0.0f, 0.4f, 1.0f},
    {Paint::PvCell, "pv-cell", 0x1B3470, 0.35f, 0.2f, 1.0f},
    {Paint::Aluminium, "aluminium", 0xC4C8CC, 0.5f, 0.35f, 1.0f},
    {Paint::Glass, "glass", 0xBFDDEB, 0.1f, 0.05f, 0.3f},
    {Paint::PipeGas, "pipe-gas", 0xE8C21A, 0.2f, 0.45f, 1.0f},
    {Paint::PipeSteam, "pipe-steam", 0xB8322A, 0.2f, 0.45f, 1.0f},
    {Paint::PipeAir, "pipe-compressed-air", 0x2F6DB5, 0.2f, 0.45f, 1.0f},
    {Paint::PipeWater, "pipe-water", 0x3B9A4A, 0.2f, 0.45f, 1.0f},
    {Paint::Foliage, "foliage", 0x4F7A34, 0.0f, 0.9f, 1.0f},
    {Paint::FoliageConifer, "foliage-conifer", 0x2F5530, 0.0f, 0.9f, 1.0f},
    {Paint::Trunk, "tree-trunk", 0x5A4330, 0.0f, 0.9f, 1.0f},
    {Paint::CarWhite, "car-white", 0xE6E6E4, 0.3f, 0.3f, 1.0f},
    {Paint::CarBlack, "car-black", 0x1C1D20, 0.3f, 0.3f, 1.0f},
    {Paint::CarSilver, "car-silver", 0xA4A8AD, 0.4f, 0.3f, 1.0f},
    {Paint::CarBlue, "car-blue", 0x2A4F8F, 0.3f, 0.3f, 1.0f},
    {Paint::CarRed, "car-red", 0xA3201C, 0.3f, 0.3f, 1.0f},
    {Paint::CarGlass, "car-glass", 0x1E262E, 0.4f, 0.1f, 1.0f},
    {Paint::Rubber, "rubber", 0x1A1A1A, 0.0f, 0.9f, 1.0f},
    {Paint::TransformerGrey, "transformer-grey", 0x7D8A86, 0.4f, 0.5f, 1.0f},
    {Paint::Porcelain, "porcelain", 0x7A3B22, 0.0f, 0.25f, 1.0f},
    {Paint::Water, "water", 0x2D5560, 0.1f, 0.05f, 1.0f},
    {Paint::RackOrange, "rack-orange", 0xE0641B, 0.3f, 0.45f, 1.0f},
    {Paint::Casting, "casting-primer", 0x5C6B62, 0.2f, 0.7f, 1.0f},
    {Paint::Carton, "carton", 0xB08A5A, 0.0f, 0.9f, 1.0f},
}};

float srgbToLinear(uint32_t channel8) {
  const float c = static_cast<float>(channel8) / 255.0f;
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

}  // namespace

void addPalette(Scene& scene) {
  assert(scene.materials().empty());
  for (size_t i = 0; i < kPaints.size(); ++i) {
    const PaintRow& row = kPaints[i];
    assert(static_cast<size_t>(row.paint) == i);  // the table must follow the enum
    Material material;
    material.name = std::string(row.name);
    material.base_color = {srgbToLinear((row.srgb >> 16) & 0xFF),
                           srgbToLinear((row.srgb >> 8) & 0xFF), srgbToLinear(row.srgb & 0xFF),
                           row.alpha};
    material.metallic = row.metallic;
    material.roughness = row.roughness;
    material.blend = row.alpha < 1.0f;
    scene.addMaterial(std::move(material));
  }
}

}  // namespace gt::factorygen
