// The flow legend: a small borderless window of swatches, sized to its text, scaled with the
// view's height so a video wall reads it from across the room.
#include "flow_legend.h"

#include <algorithm>
#include <vector>

#include <imgui.h>

#include "carrier_palette.h"

namespace gt::twin {
namespace {

UiText carrierText(EnergyType carrier) {
  switch (carrier) {
    case EnergyType::Electricity:
      return UiText::CarrierElectricity;
    case EnergyType::NaturalGas:
      return UiText::CarrierNaturalGas;
    case EnergyType::Steam:
      return UiText::CarrierSteam;
    case EnergyType::Water:
      return UiText::CarrierWater;
    case EnergyType::CompressedAir:
      return UiText::CarrierCompressedAir;
    case EnergyType::Heat:
    case EnergyType::Environment:
      break;
  }
  return UiText::CarrierHeat;
}

void swatch(const glm::vec3& srgb, const char* text) {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(
      ImVec2(at.x, at.y + size * 0.3f), ImVec2(at.x + size * 1.6f, at.y + size * 0.7f),
      ImGui::ColorConvertFloat4ToU32(ImVec4(srgb.r, srgb.g, srgb.b, 1.f)), size * 0.2f);
  ImGui::Dummy(ImVec2(size * 1.6f, size));
  ImGui::SameLine();
  ImGui::TextUnformatted(text);
}

}  // namespace

void drawFlowLegend(const SiteConfig& site, bool any_grey, Language language,
                    const glm::ivec2& viewport) {
  std::vector<EnergyType> carriers;
  for (const SiteFlow& f : site.flows)
    if (std::find(carriers.begin(), carriers.end(), f.carrier) == carriers.end())
      carriers.push_back(f.carrier);
  if (carriers.empty()) return;
  const float margin = 16.f * std::max(1.f, static_cast<float>(viewport.y) / 1080.f);
  ImGui::SetNextWindowPos(
      ImVec2(static_cast<float>(viewport.x) - margin, static_cast<float>(viewport.y) - margin),
      ImGuiCond_Always, ImVec2(1.f, 1.f));
  ImGui::SetNextWindowBgAlpha(0.8f);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_AlwaysAutoResize |
                                      ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
  if (ImGui::Begin("##flow-legend", nullptr, kFlags)) {
    ImGui::TextUnformatted(uiText(UiText::EnergyFlows, language));
    for (EnergyType c : carriers)
      swatch(carrierColourSrgb(energyTypeName(c)), uiText(carrierText(c), language));
    if (any_grey) swatch(offlineFlowColourSrgb(), uiText(UiText::FlowNoData, language));
  }
  ImGui::End();
}

}  // namespace gt::twin
