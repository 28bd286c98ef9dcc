// drawKpiSection: one row per period and quantity. The bar is filled to value / budget; a thin
// marker shows where the budget's pace (its share of the elapsed part of the period) stands,
// so "42 % used at 60 % of the day" reads as on track without arithmetic.
#include "kpi_panel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "value_format.h"

namespace gt::twin {
namespace {

const ImVec4 kDim(0.70f, 0.72f, 0.76f, 1.f);
const ImVec4 kOk(0.30f, 0.72f, 0.42f, 1.f);
const ImVec4 kWarn(0.95f, 0.68f, 0.20f, 1.f);
const ImVec4 kOver(0.92f, 0.30f, 0.25f, 1.f);
// A year-end forecast from fewer complete days than this is a guess from a few hours of one
// day: on the wall it reads as a fact ("2 t against a 7 000 t quota"), so it is not shown.
constexpr int kMinForecastDays = 7;

ImVec4 statusColour(const std::string& status) {
  if (status == "over") return kOver;
  if (status == "warn") return kWarn;
  return kOk;
}

const wire::KpiFigure* find(const wire::KpiUpdate& kpi, const std::string& id) {
  for (const wire::KpiFigure& f : kpi.figures)
    if (f.id == id) return &f;
  return nullptr;
}

void figureRow(const wire::KpiFigure& f, const char* label, Language language) {
  ImGui::TextColored(kDim, "%s", label);
  ImGui::SameLine(ImGui::GetFontSize() * 3.2f);
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool has_budget = std::isfinite(f.budget) && f.budget > 0;
  draw->AddRectFilled(p, ImVec2(p.x + width, p.y + height), IM_COL32(255, 255, 255, 28), 3.f);
  if (has_budget) {
    const float fill = static_cast<float>(std::clamp(f.value / f.budget, 0.0, 1.0));
    draw->AddRectFilled(p, ImVec2(p.x + width * fill, p.y + height),
                        ImGui::GetColorU32(statusColour(f.status)), 3.f);
    if (std::isfinite(f.pace)) {
      const float x = p.x + width * static_cast<float>(std::clamp(f.pace / f.budget, 0.0, 1.0));
      // Notches on the bar's edges, not a line across it: early in a period the pace sits at
      // the left end, where a full-height line cut through the figure's first digit.
      const float notch = height * 0.3f;
      const ImU32 colour = IM_COL32(255, 255, 255, 220);
      draw->AddLine(ImVec2(x, p.y - 2.f), ImVec2(x, p.y + notch), colour, 2.f);
      draw->AddLine(ImVec2(x, p.y + height - notch), ImVec2(x, p.y + height + 2.f), colour, 2.f);
    }
  }
  const std::string text =
      has_budget
          ? formatAmount(f.value) + " / " + formatAmount(f.budget) + " " + f.unit + "  (" +
                std::to_string(static_cast<int>(std::lround(f.ratio * 100))) + "%)"
          : formatAmount(f.value) + " " + f.unit + "  " + uiText(UiText::KpiNoBudget, language);
  // A dark shadow keeps white text legible on the bright status fills of a big screen.
  draw->AddText(ImVec2(p.x + 7.f, p.y + 1.f), IM_COL32(0, 0, 0, 160), text.c_str());
  draw->AddText(ImVec2(p.x + 6.f, p.y), IM_COL32(255, 255, 255, 255), text.c_str());
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

std::optional<bool> drawKpiSection(const wire::KpiUpdate* kpi, Language language, bool sankey) {
  if (kpi == nullptr) return std::nullopt;
  const std::string title = std::string(uiText(UiText::KpiTitle, language)) + "###kpi";
  if (!ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return std::nullopt;
  struct Row {
    const char* id;
    UiText period;
  };
  for (const auto& [quantity, heading] : std::array<std::pair<const char*, UiText>, 2>{
           {{"energy", UiText::KpiEnergy}, {"carbon", UiText::KpiCarbon}}}) {
    ImGui::TextUnformatted(uiText(heading, language));
    for (const Row& row : {Row{"_day", UiText::KpiToday}, Row{"_month", UiText::KpiMonth},
                           Row{"_year", UiText::KpiYear}}) {
      if (const wire::KpiFigure* f = find(*kpi, std::string(quantity) + row.id))
        figureRow(*f, uiText(row.period, language), language);
    }
  }
  if (kpi->quota) {
    const wire::KpiQuota& q = *kpi->quota;
    ImGui::TextUnformatted(uiText(UiText::KpiQuota, language));
    ImGui::SameLine();
    ImGui::TextColored(kDim, "%d: %s t", q.year, formatAmount(q.allocated).c_str());
    const std::string band = std::isfinite(q.low) && std::isfinite(q.high)
                                 ? " (" + formatAmount(q.low) + "–" + formatAmount(q.high) + ")"
                                 : std::string();
    ImGui::TextColored(kDim, "%s %s t · %s", uiText(UiText::KpiUsed, language),
                       formatAmount(q.used).c_str(), uiText(UiText::KpiForecast, language));
    ImGui::SameLine();
    if (q.days < kMinForecastDays) {
      ImGui::TextColored(kDim, "%s", uiText(UiText::KpiForecastPending, language));
    } else {
      ImGui::TextColored(statusColour(q.status), "%s t%s", formatAmount(q.forecast).c_str(),
                         band.c_str());
    }
  }
  std::optional<bool> toggled;
  if (ImGui::Checkbox(uiText(UiText::SankeyToggle, language), &sankey)) toggled = sankey;
  ImGui::Separator();
  return toggled;
}

}  // namespace gt::twin
