// Label measuring and drawing with ImGui; the placement rules are in label_layout.cpp.
#include "equipment_labels.h"

#include <algorithm>

#include <imgui.h>

#include "state_palette.h"

namespace gt::twin {
namespace {

ImU32 toImColor(const glm::vec4& c) {
  return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, c.a));
}

// Sizes follow the font, so a 4K screen gets proportionally larger labels.
struct LabelMetrics {
  float pad_x, pad_y, rounding, leader, line, dot, keep_clear;
};
LabelMetrics metricsFor(float font_px) {
  return {font_px * 0.45f,
          font_px * 0.22f,
          font_px * 0.3f,
          font_px * 1.3f,
          std::max(1.f, font_px * 0.07f),
          std::max(2.f, font_px * 0.16f),
          font_px * 0.5f};
}

// Alarm and offline labels are placed before normal ones: they are the news.
int priorityOf(EquipmentState state) {
  switch (state) {
    case EquipmentState::Alarm:
      return 2;
    case EquipmentState::Offline:
      return 1;
    case EquipmentState::Normal:
    case EquipmentState::NoData:
      break;
  }
  return 0;
}

std::string fullText(const LabelContent& label) {
  return label.name + "  " + label.value;
}

// Where names do not fit, the equipment's short id still says whose value it is: a bare
// "17.0 kW" on a big screen leaves the audience guessing.
std::string compactText(const LabelContent& label) {
  const bool has_id = label.bound != nullptr && label.bound->equipment != nullptr;
  return has_id ? label.bound->equipment->id + " " + label.value : label.value;
}

glm::vec2 boxSize(const std::string& text, const LabelMetrics& m) {
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  return {size.x + 2.f * m.pad_x, size.y + 2.f * m.pad_y};
}

}  // namespace

ScreenProjection currentProjection(engine::Renderer& renderer) {
  const glm::ivec2 size = renderer.viewportSize();
  const engine::OrbitCamera& camera = renderer.camera();
  ScreenProjection p;
  p.viewport = glm::vec2(size);
  p.view = camera.view();
  const float aspect = size.y > 0 ? static_cast<float>(size.x) / static_cast<float>(size.y) : 1.f;
  p.view_projection = camera.projection(aspect) * p.view;
  return p;
}

std::optional<engine::ScreenPoint> project(const ScreenProjection& projection,
                                           const glm::vec3& world) {
  return engine::projectToScreen(projection.view_projection, projection.view, world,
                                 projection.viewport);
}

std::vector<DrawnLabel> drawEquipmentLabels(const std::vector<LabelContent>& labels,
                                            const ScreenProjection& projection,
                                            const std::vector<ScreenRect>& blocked) {
  const LabelMetrics m = metricsFor(ImGui::GetFontSize());
  std::vector<DrawnLabel> drawn(labels.size());
  std::vector<LabelRequest> requests(labels.size());
  std::vector<glm::vec2> anchors(labels.size(), glm::vec2(0.f));
  for (size_t i = 0; i < labels.size(); ++i) {
    const LabelContent& label = labels[i];
    if (label.bound == nullptr || !label.bound->found()) continue;
    if (auto center = project(projection, label.bound->bounds.center())) {
      drawn[i].screen_center = center->pixel;
    }
    if (auto anchor = project(projection, labelAnchor(label.bound->bounds))) {
      requests[i].anchor = anchor->pixel;
      requests[i].depth = anchor->depth;
      anchors[i] = anchor->pixel;
    }
    requests[i].priority = priorityOf(label.state);
    requests[i].size = boxSize(fullText(label), m);
    requests[i].compact_size = boxSize(compactText(label), m);
  }

  LabelLayoutParams params;
  params.viewport = projection.viewport;
  params.leader = m.leader;
  params.gap = std::max(2.f, m.pad_y);
  params.blocked = blocked;
  // A label must not hide a machine: the tint on it is the first thing people look for.
  const float keep_clear = std::max(8.f, m.keep_clear);
  for (const DrawnLabel& d : drawn) {
    if (!d.screen_center) continue;
    const glm::vec2 c = *d.screen_center;
    params.keep_clear.push_back(ScreenRect{c - keep_clear, c + keep_clear});
  }
  const std::vector<LabelPlacement> placements = layoutLabels(requests, params);

  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  const ImU32 text_color = IM_COL32(255, 255, 255, 255);
  const ImU32 leader_color = IM_COL32(255, 255, 255, 200);
  // Leaders first, so no leader is drawn across another label's text.
  for (size_t i = 0; i < labels.size(); ++i) {
    if (!placements[i].visible) continue;
    const ScreenRect& box = placements[i].box;
    const glm::vec2 anchor = anchors[i];
    const float x = std::clamp(anchor.x, box.min.x + m.rounding, box.max.x - m.rounding);
    draw->AddLine(ImVec2(x, box.max.y), ImVec2(anchor.x, anchor.y), leader_color, m.line);
    draw->AddCircleFilled(ImVec2(anchor.x, anchor.y), m.dot, leader_color);
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (!placements[i].visible) continue;
    const ScreenRect& box = placements[i].box;
    draw->AddRectFilled(ImVec2(box.min.x, box.min.y), ImVec2(box.max.x, box.max.y),
                        toImColor(labelPanelColor(labels[i].state)), m.rounding);
    const std::string text = placements[i].compact ? compactText(labels[i]) : fullText(labels[i]);
    draw->AddText(ImVec2(box.min.x + m.pad_x, box.min.y + m.pad_y), text_color, text.c_str());
    drawn[i].box = box;
    drawn[i].compact = placements[i].compact;
  }
  return drawn;
}

}  // namespace gt::twin
