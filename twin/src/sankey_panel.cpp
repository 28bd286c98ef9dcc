// drawSankeyPanel: header with the balance in words (input = consumption + loss + export, tce),
// the period toggle, then the Sankey: nodes as boxes, ribbons as filled bands between two
// cubics, labels beside the outer columns. Colours per carrier from carrier_palette.h (Okabe-Ito,
// distinct under the common colour-vision deficiencies), the same as the 3D flows'.
#include "sankey_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "carrier_palette.h"
#include "sankey_layout.h"
#include "value_format.h"

namespace gt::twin {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus;
const ImVec4 kDim(0.70f, 0.72f, 0.76f, 1.f);
const ImVec4 kWarn(0.95f, 0.68f, 0.20f, 1.f);
const ImU32 kWarnColour = IM_COL32(242, 100, 60, 255);
// Samples along a ribbon: smooth at 4K, a few hundred vertices per ribbon.
constexpr int kRibbonSegments = 32;

// The colours of the 3D energy flows (carrier_palette.h), so the chart and the model agree.
ImU32 carrierColour(const std::string& carrier, int alpha) {
  const glm::vec3 c = carrierColourSrgb(carrier);
  return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, static_cast<float>(alpha) / 255.f));
}

const std::string& carrierName(const wire::BalanceCarrier& c, Language language) {
  return language == Language::Zh ? c.name_zh : c.name_en;
}

const wire::BalanceFlow* findArea(const wire::BalancePeriod& p, const std::string& area) {
  for (const wire::BalanceCarrier& c : p.carriers) {
    for (const wire::BalanceFlow& f : c.areas) {
      if (f.area == area) return &f;
    }
  }
  return nullptr;
}

std::string nodeLabel(const SankeyNode& n, const wire::BalancePeriod& p, Language language) {
  const char* sep = language == Language::Zh ? "" : " ";
  switch (n.kind) {
    case SankeyNodeKind::Purchased:
    case SankeyNodeKind::Generated: {
      const wire::BalanceCarrier& c = p.carriers[n.carrier_index];
      const bool bought = n.kind == SankeyNodeKind::Purchased;
      const UiText what = bought ? UiText::SankeyPurchased : UiText::SankeyGenerated;
      return std::string(uiText(what, language)) + sep + carrierName(c, language) + "  " +
             formatAmount(bought ? c.purchased : c.generated) + " " + displayUnit(c.unit);
    }
    case SankeyNodeKind::Carrier:
      return carrierName(p.carriers[n.carrier_index], language);
    case SankeyNodeKind::Area: {
      const wire::BalanceFlow* f = findArea(p, n.area);
      const std::string name = f ? (language == Language::Zh ? f->name_zh : f->name_en) : n.area;
      return name + "  " + formatAmount(n.tce) + " tce";
    }
    case SankeyNodeKind::Export:
      return std::string(uiText(UiText::SankeyExport, language)) + "  " + formatAmount(n.tce) +
             " tce";
    case SankeyNodeKind::Loss:
      return std::string(uiText(UiText::SankeyLoss, language)) + "  " + formatAmount(n.tce) +
             " tce";
  }
  return {};
}

// Text with a dark shadow: legible over ribbons and the 3D view alike.
void shadowedText(ImDrawList* draw, ImVec2 p, ImU32 colour, const std::string& text) {
  draw->AddText(ImVec2(p.x + 1.f, p.y + 1.f), IM_COL32(0, 0, 0, 190), text.c_str());
  draw->AddText(p, colour, text.c_str());
}

// A band between the cubics of the top and bottom edges, as one triangle strip (quads drawn
// one by one would show anti-aliased seams).
void drawRibbon(ImDrawList* draw, const SankeyLayout& layout, const SankeyRibbon& r, ImVec2 origin,
                ImU32 colour) {
  const SankeyNode& from = layout.nodes[r.from];
  const SankeyNode& to = layout.nodes[r.to];
  const float a = origin.x + from.x + layout.node_width, b = origin.x + to.x;
  const float m = (a + b) / 2;
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  const int vertices = 2 * (kRibbonSegments + 1);
  draw->PrimReserve(6 * kRibbonSegments, vertices);
  const auto base = static_cast<ImDrawIdx>(draw->_VtxCurrentIdx);
  for (int i = 0; i <= kRibbonSegments; ++i) {
    const float t = static_cast<float>(i) / kRibbonSegments, u = 1 - t;
    const float x = a * u * u * u + 3 * m * u * u * t + 3 * m * u * t * t + b * t * t * t;
    const float y = origin.y + r.y_from + (r.y_to - r.y_from) * (3 * t * t - 2 * t * t * t);
    draw->PrimWriteVtx(ImVec2(x, y), uv, colour);
    draw->PrimWriteVtx(ImVec2(x, y + std::max(r.width, 0.75f)), uv, colour);
  }
  for (int i = 0; i < kRibbonSegments; ++i) {
    const auto k = static_cast<ImDrawIdx>(base + 2 * i);
    draw->PrimWriteIdx(k);
    draw->PrimWriteIdx(static_cast<ImDrawIdx>(k + 1));
    draw->PrimWriteIdx(static_cast<ImDrawIdx>(k + 3));
    draw->PrimWriteIdx(k);
    draw->PrimWriteIdx(static_cast<ImDrawIdx>(k + 3));
    draw->PrimWriteIdx(static_cast<ImDrawIdx>(k + 2));
  }
}

ImU32 nodeColour(const SankeyNode& n) {
  switch (n.kind) {
    case SankeyNodeKind::Purchased:
    case SankeyNodeKind::Generated:
    case SankeyNodeKind::Carrier:
      return carrierColour(n.carrier, 255);
    case SankeyNodeKind::Loss:
      return IM_COL32(150, 150, 150, 255);
    case SankeyNodeKind::Export:
      return IM_COL32(220, 220, 220, 255);
    case SankeyNodeKind::Area:
      break;
  }
  return IM_COL32(200, 210, 225, 255);
}

// "输入 12.3 tce = 消费 10.1 + 损耗 1.2 + 输出 1.0"
std::string balanceSentence(const wire::BalancePeriod& p, Language language) {
  return std::string(uiText(UiText::SankeyInput, language)) + " " + formatAmount(p.input_tce) +
         " tce = " + uiText(UiText::SankeyConsumption, language) + " " +
         formatAmount(p.consumption_tce) + " + " + uiText(UiText::SankeyLoss, language) + " " +
         formatAmount(p.loss_tce) + " + " + uiText(UiText::SankeyExport, language) + " " +
         formatAmount(p.exported_tce);
}

void header(const SankeyPanelInput& in, const wire::BalancePeriod* p, SankeyPanelCommands& out) {
  ImGui::TextUnformatted(uiText(UiText::SankeyTitle, in.language));
  ImGui::SameLine();
  for (const bool month : {false, true}) {
    const UiText label = month ? UiText::SankeyMonthToDate : UiText::KpiToday;
    const bool active = in.month_to_date == month;
    if (active)
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::SmallButton(uiText(label, in.language)) && !active) out.month_to_date = month;
    if (active) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  if (p) ImGui::TextColored(kDim, "%s", p->period.c_str());
  const float close = ImGui::CalcTextSize("X").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - close);
  if (ImGui::SmallButton("X##sankey-close")) out.close = true;
  if (!p) {
    ImGui::TextColored(kDim, "%s", uiText(UiText::SankeyWaiting, in.language));
    return;
  }
  ImGui::TextUnformatted(balanceSentence(*p, in.language).c_str());
  for (const wire::BalanceCarrier& c : p->carriers) {
    if (!c.negative_loss) continue;
    // The one thing on this panel that needs an engineer: say which carrier and by how much.
    ImGui::TextColored(kWarn, "! %s %s %s: %s", carrierName(c, in.language).c_str(),
                       formatAmount(-c.loss).c_str(), displayUnit(c.unit).c_str(),
                       uiText(UiText::SankeyNegativeLoss, in.language));
  }
}

void tooltip(const wire::BalancePeriod& p, const std::string& area, Language language) {
  ImGui::BeginTooltip();
  const wire::BalanceFlow* any = findArea(p, area);
  ImGui::TextUnformatted(any ? (language == Language::Zh ? any->name_zh : any->name_en).c_str()
                             : area.c_str());
  for (const wire::BalanceCarrier& c : p.carriers) {
    for (const wire::BalanceFlow& f : c.areas) {
      if (f.area != area) continue;
      ImGui::Text("%s  %s %s  (%s tce)", carrierName(c, language).c_str(),
                  formatAmount(f.amount).c_str(), displayUnit(c.unit).c_str(),
                  formatAmount(f.tce).c_str());
    }
  }
  ImGui::EndTooltip();
}

}  // namespace

ScreenRect sankeyPanelRect(const glm::ivec2& viewport, const ScreenRect& side_panel) {
  const auto w = static_cast<float>(viewport.x), h = static_cast<float>(viewport.y);
  const float margin = std::round(12.f * h / 1080.f);
  const float height = std::round(h * 0.46f);
  return {{side_panel.max.x + margin, h - height - margin}, {w - margin, h - margin}};
}

SankeyPanelCommands drawSankeyPanel(const SankeyPanelInput& in) {
  SankeyPanelCommands out;
  ImGui::SetNextWindowPos(ImVec2(in.rect.min.x, in.rect.min.y));
  ImGui::SetNextWindowSize(ImVec2(in.rect.width(), in.rect.height()));
  // Opaque: the translucent ribbons would otherwise show roads and roofs through them.
  ImGui::SetNextWindowBgAlpha(1.f);
  if (!ImGui::Begin("##sankey-panel", nullptr, kPanelFlags)) {
    ImGui::End();
    return out;
  }
  const wire::BalancePeriod* p =
      in.balance
          ? in.balance->find(in.month_to_date ? wire::kBalanceMonthToDate : wire::kBalanceToday)
          : nullptr;
  header(in, p, out);
  if (p) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float line = ImGui::GetTextLineHeight();
    // Labels of the outer columns sit outside the nodes: measure them for the box's margins.
    SankeyBox probe{0, 0, avail.x, avail.y, line * 0.6f, line * 1.15f};
    SankeyLayout layout = layoutSankey(*p, probe);
    float left = 0, right = 0;
    std::vector<std::string> labels(layout.nodes.size());
    for (size_t i = 0; i < layout.nodes.size(); ++i) {
      labels[i] = nodeLabel(layout.nodes[i], *p, in.language);
      const float w = ImGui::CalcTextSize(labels[i].c_str()).x;
      if (layout.nodes[i].column == 0) left = std::max(left, w);
      if (layout.nodes[i].column == 2) right = std::max(right, w);
    }
    const float pad = line * 0.5f;
    SankeyBox box = probe;
    box.x = left + pad;
    box.y = line * 1.2f;  // room for the top carrier's name above its box
    box.width = std::max(line * 6, avail.x - left - right - 2 * pad);
    box.height = std::max(line * 3, avail.y - line * 1.5f);
    layout = layoutSankey(*p, box);

    // Hover first, so this frame's drawing shows it.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const SankeyPoint local{mouse.x - origin.x, mouse.y - origin.y};
    if (ImGui::IsWindowHovered()) {
      for (const SankeyRibbon& r : layout.ribbons) {
        if (!r.area.empty() && ribbonContains(layout, r, local)) out.hovered_area = r.area;
      }
      for (const SankeyNode& n : layout.nodes) {
        if (n.kind == SankeyNodeKind::Area && local.x >= n.x &&
            local.x <= n.x + layout.node_width + pad + right && local.y >= n.y &&
            local.y <= n.y + std::max(n.height, line))
          out.hovered_area = n.area;
      }
    }
    const std::string& focus = out.hovered_area.empty() ? in.highlighted_area : out.hovered_area;
    for (const SankeyRibbon& r : layout.ribbons) {
      const bool dim = !focus.empty() && r.area != focus;
      const std::string& carrier = p->carriers[r.carrier_index].carrier;
      drawRibbon(draw, layout, r, origin, carrierColour(carrier, dim ? 40 : 150));
    }
    for (size_t i = 0; i < layout.nodes.size(); ++i) {
      const SankeyNode& n = layout.nodes[i];
      const ImVec2 a(origin.x + n.x, origin.y + n.y);
      const ImVec2 b(a.x + layout.node_width, a.y + std::max(n.height, 1.f));
      draw->AddRectFilled(a, b, nodeColour(n));
      if (n.warning)
        draw->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), kWarnColour, 0.f, 0,
                      2.5f);
      const bool focused = n.kind == SankeyNodeKind::Area && n.area == focus;
      const ImU32 colour = n.warning ? kWarnColour
                           : focused ? IM_COL32(0, 217, 255, 255)
                                     : IM_COL32(255, 255, 255, 255);
      const float w = ImGui::CalcTextSize(labels[i].c_str()).x;
      const float y = a.y + std::max(n.height, 1.f) / 2 - line / 2;
      if (n.column == 0) {
        shadowedText(draw, ImVec2(a.x - pad / 2 - w, y), colour, labels[i]);
      } else if (n.column == 2) {
        shadowedText(draw, ImVec2(b.x + pad / 2, y), colour, labels[i]);
      } else {
        // A carrier's name above its box, where no ribbon passes.
        shadowedText(draw, ImVec2(a.x + layout.node_width / 2 - w / 2, a.y - line - 1.f), colour,
                     labels[i]);
      }
    }
    if (!out.hovered_area.empty()) tooltip(*p, out.hovered_area, in.language);
  }
  ImGui::End();
  return out;
}

std::vector<std::string> sankeyTexts(const wire::BalanceUpdate& balance) {
  std::vector<std::string> out;
  for (const wire::BalancePeriod& p : balance.periods) {
    for (const wire::BalanceCarrier& c : p.carriers) {
      out.push_back(c.name_zh);
      out.push_back(c.name_en);
      out.push_back(displayUnit(c.unit));  // the glyphs drawn: m³, not m3
    }
  }
  return out;
}

}  // namespace gt::twin
