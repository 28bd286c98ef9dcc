// The side panel's widgets. IDs come from equipment ids and node indices, never from the
// displayed (language-dependent) names, so switching language keeps every header's state.
#include "side_panel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include <imgui.h>

#include "down_lines.h"
#include "kpi_panel.h"
#include "site_clock.h"
#include "state_palette.h"

namespace gt::twin {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar;
const ImVec4 kWarningColor(1.0f, 0.78f, 0.25f, 1.f);
const ImVec4 kErrorColor(1.0f, 0.42f, 0.38f, 1.f);
const ImVec4 kDimColor(0.70f, 0.72f, 0.76f, 1.f);

bool beginPanel(const char* id, const ScreenRect& rect) {
  ImGui::SetNextWindowPos(ImVec2(rect.min.x, rect.min.y));
  ImGui::SetNextWindowSize(ImVec2(rect.width(), rect.height()));
  ImGui::SetNextWindowBgAlpha(0.94f);
  return ImGui::Begin(id, nullptr, kPanelFlags);
}

// A filled circle on the current line, then the cursor moves past it.
void statusDot(const glm::vec4& color) {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(
      ImVec2(p.x + size * 0.5f, p.y + size * 0.5f), size * 0.28f,
      ImGui::GetColorU32(ImVec4(color.r, color.g, color.b, color.a)));
  ImGui::Dummy(ImVec2(size, size));
}

void languageToggle(Language current, PanelCommands& commands) {
  for (Language language : {Language::Zh, Language::En}) {
    if (language == Language::En) ImGui::SameLine();
    if (ImGui::RadioButton(languageName(language), current == language) && current != language) {
      commands.language = language;
    }
  }
}

glm::vec4 connectionColor(ConnectionState state) {
  switch (state) {
    case ConnectionState::Live:
      return statusDotColor(EquipmentState::Normal);
    case ConnectionState::Connecting:
      return {1.0f, 0.78f, 0.25f, 1.f};
    case ConnectionState::Lost:
      return statusDotColor(EquipmentState::Alarm);
  }
  return statusDotColor(EquipmentState::NoData);
}

UiText connectionText(ConnectionState state) {
  switch (state) {
    case ConnectionState::Live:
      return UiText::ConnectionLive;
    case ConnectionState::Connecting:
      return UiText::ConnectionConnecting;
    case ConnectionState::Lost:
      return UiText::ConnectionLost;
  }
  return UiText::ConnectionConnecting;
}

const std::string& nameOf(const Equipment& e, Language language) {
  return language == Language::Zh ? e.name_zh : e.name_en;
}

// How the model is shown: roofs see-through instead of removed, the ground grid.
void viewToggles(const SitePanelInput& in, PanelCommands& commands) {
  if (in.can_xray) {
    bool xray = in.xray;
    if (ImGui::Checkbox(uiText(UiText::Xray, in.language), &xray)) commands.xray = xray;
    ImGui::SameLine();
  }
  bool grid = in.grid;
  if (ImGui::Checkbox(uiText(UiText::GroundGrid, in.language), &grid)) commands.grid = grid;
  if (in.can_flows) {  // a line of its own: three toggles do not fit a 1080p panel's width
    bool flows = in.flows;
    if (ImGui::Checkbox(uiText(UiText::EnergyFlows, in.language), &flows)) commands.flows = flows;
  }
}

// Camera mode (orbit, fly, walk) and the site's saved viewpoints. Viewpoint buttons carry
// their number: keys 1-9 recall them too.
void cameraControls(const SitePanelInput& in, PanelCommands& commands) {
  using engine::CameraMode;
  constexpr std::array<std::pair<CameraMode, UiText>, 3> kModes{{
      {CameraMode::Orbit, UiText::CameraOrbit},
      {CameraMode::Fly, UiText::CameraFly},
      {CameraMode::Walk, UiText::CameraWalk},
  }};
  for (size_t i = 0; i < kModes.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    const auto [mode, text] = kModes[i];
    const std::string label =
        std::string(uiText(text, in.language)) + "##camera" + std::to_string(i);
    if (ImGui::RadioButton(label.c_str(), in.camera_mode == mode) && in.camera_mode != mode)
      commands.camera_mode = mode;
  }
  const std::vector<SiteViewpoint>& viewpoints = in.site->viewpoints;
  if (viewpoints.empty()) return;
  ImGui::TextColored(kDimColor, "%s", uiText(UiText::Viewpoints, in.language));
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (size_t i = 0; i < viewpoints.size(); ++i) {
    const SiteViewpoint& v = viewpoints[i];
    const std::string number = i < 9 ? std::to_string(i + 1) + " " : std::string();
    const std::string label =
        number + (in.language == Language::Zh ? v.name_zh : v.name_en) + "##viewpoint" + v.id;
    // Wrap the buttons like words: the next one goes on this line if it fits.
    const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x +
                        ImGui::GetStyle().FramePadding.x * 2.f;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    }
    if (ImGui::SmallButton(label.c_str())) commands.viewpoint = i;
  }
}

void siteHeader(const SitePanelInput& in, PanelCommands& commands) {
  const SiteConfig& site = *in.site;
  ImGui::TextWrapped("%s", (in.language == Language::Zh ? site.name_zh : site.name_en).c_str());
  const auto offset = fixedUtcOffsetMinutes(site.timezone);
  ImGui::TextColored(kDimColor, "%s", uiText(UiText::LocalTime, in.language));
  ImGui::SameLine();
  ImGui::Text("%s  %s", formatSiteDateTime(in.now_utc, site.timezone).c_str(),
              utcOffsetName(offset.value_or(0)).c_str());
  ImGui::TextColored(kDimColor, "%s", uiText(UiText::Connection, in.language));
  ImGui::SameLine();
  statusDot(connectionColor(in.connection));
  ImGui::SameLine();
  ImGui::TextUnformatted(uiText(connectionText(in.connection), in.language));
  languageToggle(in.language, commands);
  viewToggles(in, commands);
  cameraControls(in, commands);
  if (!in.model_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s: %s", uiText(UiText::ModelLoadFailed, in.language),
                       in.model_error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
}

// A budget alarm is about a site total, named by its KPI id ("carbon_day", "quota"): "碳排放
// 今日" reads better on the wall than the id.
std::string budgetAlarmSubject(const std::string& kpi, Language language) {
  if (kpi.starts_with("quota")) return uiText(UiText::KpiQuota, language);
  const UiText quantity = kpi.starts_with("carbon") ? UiText::KpiCarbon : UiText::KpiEnergy;
  const UiText period = kpi.ends_with("_year")    ? UiText::KpiYear
                        : kpi.ends_with("_month") ? UiText::KpiMonth
                                                  : UiText::KpiToday;
  return std::string(uiText(quantity, language)) + " " + uiText(period, language);
}

void alarmList(const SitePanelInput& in, PanelCommands& commands) {
  const TwinSnapshot& snapshot = *in.snapshot;
  if (snapshot.alarms.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Header, ImVec4(0.55f, 0.10f, 0.08f, 0.9f));
  const std::string title = std::string(uiText(UiText::ActiveAlarms, in.language)) + " (" +
                            std::to_string(snapshot.alarms.size()) + ")###alarms";
  const bool open = ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
  ImGui::PopStyleColor();
  if (!open) return;
  // A line whose every meter is down is one row, after the others (down_lines.h).
  const std::vector<DownLine> down_lines = downLines(*in.site, snapshot.alarms);
  for (const auto& [id, alarm] : snapshot.alarms) {
    if (alarm.code == AlarmCode::CommunicationFault && onDownLine(down_lines, alarm.meter)) {
      continue;
    }
    const Meter* meter = in.site->findMeter(alarm.meter);
    const std::string& equipment_id = meter != nullptr ? meter->equipment : alarm.equipment;
    size_t index = in.equipment->size();
    for (size_t i = 0; i < in.equipment->size(); ++i) {
      if ((*in.equipment)[i].equipment->id == equipment_id) index = i;
    }
    // Site alarms name the figure ("碳排放 今日", "能耗强度 energy_per_10k_yuan_output") or the
    // upper centre ("上级中心 park"); meter alarms name the equipment.
    const bool budget = alarm.code == AlarmCode::BudgetExceeded;
    const bool intensity = alarm.code == AlarmCode::IntensityAboveLimit;
    const bool forward = alarm.code == AlarmCode::ForwardBacklog;
    std::string name;
    if (budget) {
      name = budgetAlarmSubject(alarm.meter, in.language);
    } else if (intensity) {
      const std::string_view indicator =
          std::string_view(alarm.meter)
              .substr(alarm.meter.starts_with("intensity:") ? std::string_view("intensity:").size()
                                                            : 0);
      name = std::string(uiText(UiText::KpiIntensity, in.language)) + " " + std::string(indicator);
    } else if (forward) {
      const std::string_view centre =
          std::string_view(alarm.meter)
              .substr(alarm.meter.starts_with("forward:") ? std::string_view("forward:").size()
                                                          : 0);
      name = std::string(uiText(UiText::ForwardCentre, in.language)) + " " + std::string(centre);
    } else {
      name = index < in.equipment->size() ? nameOf(*(*in.equipment)[index].equipment, in.language)
                                          : equipment_id;
    }
    const UiText code = budget                                        ? UiText::AlarmBudget
                        : intensity                                   ? UiText::AlarmIntensity
                        : forward                                     ? UiText::AlarmForwardBacklog
                        : alarm.code == AlarmCode::MeterClockOff      ? UiText::AlarmMeterClock
                        : alarm.code == AlarmCode::CommunicationFault ? UiText::AlarmCommFault
                                                                      : UiText::AlarmMeterFault;
    const std::string row = formatSiteTimeOfDay(alarm.t, in.site->timezone) + "  " + name + "  " +
                            uiText(code, in.language) + "##alarm" + std::to_string(id);
    ImGui::PushStyleColor(ImGuiCol_Text, code == UiText::AlarmCommFault ? kDimColor : kErrorColor);
    if (ImGui::Selectable(row.c_str()) && index < in.equipment->size() &&
        (*in.equipment)[index].found()) {
      commands.fly_to = (*in.equipment)[index].bounds;
      commands.select = index;
    }
    ImGui::PopStyleColor();
  }
  for (const DownLine& line : down_lines) {
    const std::string row = formatSiteTimeOfDay(line.since, in.site->timezone) + "  " + line.link +
                            "  " + uiText(UiText::AlarmLineDown, in.language) + " (" +
                            std::to_string(line.meters.size()) + ")##line" + line.link;
    ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
    ImGui::Selectable(row.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
}

void equipmentRow(const SitePanelInput& in, size_t i, PanelCommands& commands) {
  const BoundEquipment& bound = (*in.equipment)[i];
  const EquipmentStatus& status = (*in.statuses)[i];
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  statusDot(statusDotColor(status.state));
  ImGui::TableSetColumnIndex(1);
  std::string label = nameOf(*bound.equipment, in.language);
  if (!bound.found())
    label += std::string("  (") + uiText(UiText::MissingInModel, in.language) + ")";
  label += "##" + bound.equipment->id;
  if (!bound.found()) ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
  if (ImGui::Selectable(label.c_str(), in.selected == i, ImGuiSelectableFlags_SpanAllColumns) &&
      bound.found()) {
    commands.fly_to = bound.bounds;
    commands.select = i;
  }
  if (!bound.found()) ImGui::PopStyleColor();
  ImGui::TableSetColumnIndex(2);
  const std::string value = displayedValue(status, in.language);
  const float width = ImGui::CalcTextSize(value.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetColumnWidth() - width);
  ImGui::TextUnformatted(value.c_str());
}

void equipmentByArea(const SitePanelInput& in, PanelCommands& commands) {
  const float value_width = ImGui::CalcTextSize("-00000.0 m³/h").x;
  for (const Area& area : in.site->areas) {
    const std::string title =
        (in.language == Language::Zh ? area.name_zh : area.name_en) + "###area-" + area.id;
    if (!ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) continue;
    if (!ImGui::BeginTable(("table-" + area.id).c_str(), 3, ImGuiTableFlags_SizingFixedFit)) {
      continue;
    }
    ImGui::TableSetupColumn("dot", ImGuiTableColumnFlags_WidthFixed, ImGui::GetTextLineHeight());
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, value_width);
    for (size_t i = 0; i < in.equipment->size(); ++i) {
      if ((*in.equipment)[i].equipment->area == area.id) equipmentRow(in, i, commands);
    }
    ImGui::EndTable();
  }
}

void missingList(const SitePanelInput& in) {
  std::string missing;
  for (const BoundEquipment& bound : *in.equipment) {
    if (bound.found()) continue;
    if (!missing.empty()) missing += ", ";
    missing += bound.equipment->id + " (" + bound.equipment->node + ")";
  }
  if (missing.empty() || !in.model_error.empty()) return;  // a failed model says it above
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
  ImGui::TextWrapped("%s %s", uiText(UiText::MissingInModelList, in.language), missing.c_str());
  ImGui::PopStyleColor();
}

void feedFooter(const SitePanelInput& in) {
  const TwinSnapshot& snapshot = *in.snapshot;
  ImGui::Separator();
  const std::string last = snapshot.last_update != 0
                               ? formatSiteTimeOfDay(snapshot.last_update, in.site->timezone)
                               : uiText(UiText::Never, in.language);
  ImGui::TextColored(kDimColor, "%s: %s", uiText(UiText::LastUpdate, in.language), last.c_str());
  if (snapshot.rejected_messages > 0) {
    ImGui::TextColored(kWarningColor, "%s: %llu (%s)",
                       uiText(UiText::RejectedMessages, in.language),
                       static_cast<unsigned long long>(snapshot.rejected_messages),
                       snapshot.last_rejection.c_str());
  }
}

}  // namespace

ScreenRect sidePanelRect(const glm::ivec2& viewport) {
  const float height = static_cast<float>(viewport.y);
  const float width = std::min(static_cast<float>(viewport.x) * 0.45f,
                               std::max(340.f, std::round(380.f * height / 1080.f)));
  return {{0.f, 0.f}, {width, height}};
}

PanelCommands drawSitePanel(const SitePanelInput& in) {
  PanelCommands commands;
  if (beginPanel("##site-panel", in.rect)) {
    siteHeader(in, commands);
    commands.sankey =
        drawKpiSection(in.snapshot->kpi ? &*in.snapshot->kpi : nullptr, in.language, in.sankey);
    alarmList(in, commands);
    equipmentByArea(in, commands);
    missingList(in);
    feedFooter(in);
  }
  ImGui::End();
  return commands;
}

PanelCommands drawModelPanel(const ModelPanelInput& in, NodeFilter& filter) {
  PanelCommands commands;
  if (beginPanel("##model-panel", in.rect)) {
    languageToggle(in.language, commands);
    ImGui::Separator();
    if (in.model == nullptr) {
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
      ImGui::TextWrapped("%s", in.model_error.empty() ? uiText(UiText::NoModel, in.language)
                                                      : in.model_error.c_str());
      ImGui::PopStyleColor();
    } else {
      const engine::ModelInfo& model = *in.model;
      ImGui::TextWrapped("%s", model.file.filename().string().c_str());
      ImGui::TextColored(kDimColor, "%s: %llu   %s: %u", uiText(UiText::Triangles, in.language),
                         static_cast<unsigned long long>(model.triangles),
                         uiText(UiText::Meshes, in.language), model.meshes);
      ImGui::Separator();
      ImGui::TextUnformatted(uiText(UiText::ModelNodes, in.language));
      ImGui::SameLine();
      ImGui::TextColored(kDimColor, "(%zu)", model.nodes.size());
      ImGui::SetNextItemWidth(-1.f);
      ImGui::InputTextWithHint("##filter", uiText(UiText::Filter, in.language), filter.data(),
                               filter.size());
      const std::string_view needle(filter.data());
      std::vector<size_t> shown;  // rebuilt each frame: a filter over names is cheap
      shown.reserve(model.nodes.size());
      for (size_t i = 0; i < model.nodes.size(); ++i) {
        if (needle.empty() || model.nodes[i].name.find(needle) != std::string::npos) {
          shown.push_back(i);
        }
      }
      ImGui::BeginChild("##nodes");
      // Only the visible rows are submitted: CAD models can have 100 000 nodes.
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(shown.size()));
      while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
          const engine::NodeInfo& node = model.nodes[shown[static_cast<size_t>(row)]];
          const std::string label =
              node.name + "##node" + std::to_string(shown[static_cast<size_t>(row)]);
          if (ImGui::Selectable(label.c_str()) && !node.world_bounds.empty()) {
            commands.fly_to = node.world_bounds;
          }
        }
      }
      ImGui::EndChild();
    }
  }
  ImGui::End();
  return commands;
}

}  // namespace gt::twin
