// The loading overlay: one small undecorated ImGui window.
#include "model_load_overlay.h"

#include <algorithm>

#include <imgui.h>

namespace gt::twin {

void drawModelLoadOverlay(const engine::LoadStatus& status, Language language,
                          glm::ivec2 viewport) {
  const float width = std::min(460.f, 0.8f * static_cast<float>(viewport.x));
  ImGui::SetNextWindowPos(
      ImVec2(0.5f * static_cast<float>(viewport.x), 0.5f * static_cast<float>(viewport.y)),
      ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  // A fixed size: an auto-sized window is hidden on its first frame, and the first frame is
  // the one that must show the user that something is happening.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float height = 3.f * ImGui::GetTextLineHeightWithSpacing() +
                       ImGui::GetFrameHeightWithSpacing() + 2.f * style.WindowPadding.y;
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::Begin("##model-load", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  const int percent = static_cast<int>(status.fraction * 100.f + 0.5f);
  ImGui::Text("%s %d%%", uiText(UiText::LoadingModel, language), percent);
  ImGui::TextDisabled("%s", status.file.filename().c_str());
  ImGui::ProgressBar(status.fraction, ImVec2(-1.f, 0.f), "");
  // The stage comes from the engine in English words ("reading the file").
  ImGui::TextDisabled("%s", status.stage.c_str());
  ImGui::End();
}

}  // namespace gt::twin
