// The energy-balance Sankey (issues 4 and 6): where today's or this month's energy came from
// (purchased per carrier, own generation) and where it went (areas, export, loss), drawn from
// the `balance` message greentwin-ingest publishes (balance_messages.h), ribbons as wide as their
// tce. Hovering an area's ribbon or box names that area back to the caller, which highlights its
// equipment in the 3D view: the "linked" Sankey. Immediate mode: draws what it is given and
// returns what the user did; computes no energy figures of its own.
#pragma once

#include <optional>
#include <string>

#include "greentwin/balance_messages.h"
#include "label_layout.h"
#include "ui_strings.h"

namespace gt::twin {

struct SankeyPanelInput {
  const wire::BalanceUpdate* balance = nullptr;  // null: nothing received yet
  Language language = Language::Zh;
  ScreenRect rect;
  bool month_to_date = false;    // which period: false today, true month to date
  std::string highlighted_area;  // drawn emphasised (the area of the machine hovered in 3D)
};

struct SankeyPanelCommands {
  std::optional<bool> month_to_date;  // the period toggle changed to this
  std::string hovered_area;           // Area::id under the mouse this frame; empty: none
  bool close = false;                 // the close button was pressed
};

// The panel's rectangle: along the bottom of the viewport, right of the side panel.
ScreenRect sankeyPanelRect(const glm::ivec2& viewport, const ScreenRect& side_panel);

SankeyPanelCommands drawSankeyPanel(const SankeyPanelInput& in);

// The panel's words, for the font's glyph ranges (the table's own are in allUiTexts()).
std::vector<std::string> sankeyTexts(const wire::BalanceUpdate& balance);

}  // namespace gt::twin
