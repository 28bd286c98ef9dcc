// Where the energy-balance Sankey's boxes and ribbons go (issue 4): three columns, sources on
// the left (purchased per carrier, own generation), carriers in the middle, sinks on the right
// (areas, then export, then loss last), every height proportional to tce so electricity, gas and
// water compare on one scale. A ribbon leaves its node where the previous one ended, so a node's
// outgoing ribbons stack to exactly its height. Zero flows are dropped. A negative loss (the
// sub-meters add up to more than came in) is never a ribbon: its carrier is flagged and the
// carrier's box is as tall as what leaves it, the shortfall of its inputs left visible. Pure:
// no ImGui, no I/O; the panel (sankey_panel.h) draws it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "greentwin/balance_messages.h"

namespace gt::twin {

enum class SankeyNodeKind { Purchased, Generated, Carrier, Area, Export, Loss };

struct SankeyNode {
  SankeyNodeKind kind = SankeyNodeKind::Area;
  int column = 0;                  // 0 sources, 1 carriers, 2 sinks
  std::string carrier;             // of sources and carriers; empty for areas, export and loss
  std::string area;                // Area::id of an area node
  size_t carrier_index = 0;        // into BalancePeriod::carriers (sources and carriers)
  double tce = 0;                  // the node's value, what its height stands for
  float x = 0, y = 0, height = 0;  // top-left corner and height, in the box's units (pixels)
  bool warning = false;            // a carrier with a negative loss
};

struct SankeyRibbon {
  size_t from = 0, to = 0;   // node indices
  size_t carrier_index = 0;  // colour of the ribbon
  std::string area;          // the area it feeds; empty otherwise
  double tce = 0;
  double amount = 0;           // in the carrier's unit
  float y_from = 0, y_to = 0;  // top edge where it leaves `from` and reaches `to`
  float width = 0;             // tce * scale
};

struct SankeyBox {
  float x = 0, y = 0, width = 0, height = 0;
  float node_width = 12;  // of every node box
  float gap = 8;          // between nodes of a column: at least a label's line height
};

struct SankeyLayout {
  std::vector<SankeyNode> nodes;
  std::vector<SankeyRibbon> ribbons;
  float scale = 0;  // box units per tce; 0 when there is nothing to draw
  float node_width = 0;
  std::vector<size_t> negative_loss;  // carrier indices flagged
};

// The layout of `period` in `box`. Carriers with no tce at all (no coefficient, or no flow)
// are left out. Empty (no nodes) when the period moved no energy.
SankeyLayout layoutSankey(const wire::BalancePeriod& period, const SankeyBox& box);

// Whether `p` lies on the ribbon's band, drawn as the panel draws it: a cubic from the right
// edge of `from` to the left edge of `to` with horizontal tangents (x at the halfway point).
struct SankeyPoint {
  float x = 0, y = 0;
};
bool ribbonContains(const SankeyLayout& layout, const SankeyRibbon& ribbon, SankeyPoint p);

}  // namespace gt::twin
