// The loading overlay and the left-out models' strip: small undecorated ImGui windows.
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

void drawModelProblems(const std::vector<std::string>& problems, Language language,
                       glm::ivec2 viewport) {
  if (problems.empty()) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size_px(static_cast<float>(viewport.x), static_cast<float>(viewport.y));
  const float width = std::min(size_px.x - 2.f * style.WindowPadding.x,
                               0.6f * size_px.x + ImGui::GetFontSize() * 10.f);
  const float wrap = width - 2.f * style.WindowPadding.x;
  // A fixed size again (see above): the strip must be there in a one-frame screenshot.
  float height = 2.f * style.WindowPadding.y + ImGui::GetTextLineHeightWithSpacing();
  for (const std::string& problem : problems)
    height += ImGui::CalcTextSize(problem.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  height = std::min(height, 0.4f * size_px.y);
  ImGui::SetNextWindowPos(ImVec2(0.5f * size_px.x, size_px.y - style.WindowPadding.y),
                          ImGuiCond_Always, ImVec2(0.5f, 1.f));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(kModelProblemsRgb[0], kModelProblemsRgb[1],
                                                    kModelProblemsRgb[2], 255));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  ImGui::Begin("##model-problems", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoInputs);
  ImGui::TextUnformatted(uiText(UiText::ModelsLeftOut, language));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  for (const std::string& problem : problems) ImGui::TextUnformatted(problem.c_str());
  ImGui::PopTextWrapPos();
  ImGui::End();
  ImGui::PopStyleColor(2);
}

}  // namespace gt::twin
