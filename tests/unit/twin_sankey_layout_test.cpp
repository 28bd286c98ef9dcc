// The Sankey layout (sankey_layout.h): heights proportional to tce on one scale for all
// carriers, ribbons that conserve width at every node, loss last among the sinks, zero flows
// dropped, a negative loss flagged instead of drawn, and the hover test on a ribbon's band.
#include <catch2/catch.hpp>

#include <map>

#include "sankey_layout.h"

using namespace gt;
using namespace gt::twin;

namespace {

// Electricity (0.1229 kgce/kWh, GB/T 2589-2020 Annex A): 10 000 kWh bought + 2 000 kWh PV =
// 6 000 (machining) + 4 000 (paint) + 500 exported + 1 500 kWh loss: 1.4748 tce in.
// Gas (1.2143 kgce/m3, Annex A natural gas): 1 000 m3 bought = 1 000 m3 in paint: 1.2143 tce.
wire::BalancePeriod sample() {
  wire::BalancePeriod p;
  p.span = "today";
  // carrier, names, unit, tce/unit, purchased, generated, exported, loss, negative, areas
  p.carriers = {{"electricity",
                 "",
                 "",
                 "kWh",
                 0.0001229,
                 10000,
                 2000,
                 500,
                 1500,
                 false,
                 {{"machining", "", "", 6000, 0.7374}, {"paint", "", "", 4000, 0.4916}}},
                {"natural_gas",
                 "",
                 "",
                 "m3",
                 0.0012143,
                 1000,
                 0,
                 0,
                 0,
                 false,
                 {{"paint", "", "", 1000, 1.2143}, {"assembly", "", "", 0, 0}}}};
  wire::sumBalanceTotals(p);
  return p;
}

const SankeyBox kBox{0, 0, 800, 400, 10, 20};

size_t find(const SankeyLayout& l, SankeyNodeKind kind, const std::string& key = "") {
  for (size_t i = 0; i < l.nodes.size(); ++i) {
    const SankeyNode& n = l.nodes[i];
    if (n.kind == kind && (key.empty() || n.area == key || n.carrier == key)) return i;
  }
  FAIL("no such node");
  return 0;
}

}  // namespace

TEST_CASE("Sankey node heights are proportional to tce on one scale") {
  const SankeyLayout l = layoutSankey(sample(), kBox);
  REQUIRE(l.scale > 0);
  for (const SankeyNode& n : l.nodes) CHECK(n.height == Approx(n.tce * l.scale));
  // Bought electricity 1.229 tce against bought gas 1.2143 tce: nearly the same height,
  // though 10 000 kWh and 1 000 m3 are nothing alike.
  const SankeyNode& e = l.nodes[find(l, SankeyNodeKind::Purchased, "electricity")];
  const SankeyNode& g = l.nodes[find(l, SankeyNodeKind::Purchased, "natural_gas")];
  CHECK(e.tce == Approx(1.229));
  CHECK(g.tce == Approx(1.2143));
  CHECK(e.height / g.height == Approx(1.229 / 1.2143));
  // Paint takes both carriers: 0.4916 + 1.2143 tce.
  CHECK(l.nodes[find(l, SankeyNodeKind::Area, "paint")].tce == Approx(1.7059));
  // Every column stays inside the box.
  for (const SankeyNode& n : l.nodes) {
    CHECK(n.y >= kBox.y - 1e-3f);
    CHECK(n.y + n.height <= kBox.y + kBox.height + 1e-3f);
  }
}

TEST_CASE("Sankey ribbons conserve width at every node") {
  const SankeyLayout l = layoutSankey(sample(), kBox);
  std::map<size_t, float> out, in;
  for (const SankeyRibbon& r : l.ribbons) {
    CHECK(r.width == Approx(r.tce * l.scale));
    out[r.from] += r.width;
    in[r.to] += r.width;
  }
  for (size_t i = 0; i < l.nodes.size(); ++i) {
    const SankeyNode& n = l.nodes[i];
    INFO("node " << i << " column " << n.column);
    if (n.column < 2) CHECK(out[i] == Approx(n.height).margin(1e-3));
    if (n.column > 0) CHECK(in[i] == Approx(n.height).margin(1e-3));
  }
  // Ribbons leave a node stacked: the last one ends at the node's bottom.
  const size_t carrier = find(l, SankeyNodeKind::Carrier, "electricity");
  float bottom = 0;
  for (const SankeyRibbon& r : l.ribbons) {
    if (r.from == carrier) bottom = std::max(bottom, r.y_from + r.width);
  }
  CHECK(bottom == Approx(l.nodes[carrier].y + l.nodes[carrier].height));
}

TEST_CASE("Sankey sinks: areas, then export, loss last; zero flows dropped") {
  const SankeyLayout l = layoutSankey(sample(), kBox);
  std::vector<SankeyNodeKind> sinks;
  for (const SankeyNode& n : l.nodes) {
    if (n.column == 2) sinks.push_back(n.kind);
  }
  REQUIRE(sinks.size() == 4);  // machining, paint, export, loss; assembly's 0 m3 dropped
  CHECK(sinks[2] == SankeyNodeKind::Export);
  CHECK(sinks.back() == SankeyNodeKind::Loss);
  for (const SankeyNode& n : l.nodes) CHECK(n.area != "assembly");
  for (const SankeyRibbon& r : l.ribbons) CHECK(r.tce > 0);
  // Gas has no loss and no export: no ribbon to either.
  const size_t gas = find(l, SankeyNodeKind::Carrier, "natural_gas");
  for (const SankeyRibbon& r : l.ribbons) {
    if (r.from == gas) CHECK(l.nodes[r.to].kind == SankeyNodeKind::Area);
  }
  // Loss is the lowest box of its column.
  const SankeyNode& loss = l.nodes[find(l, SankeyNodeKind::Loss)];
  for (const SankeyNode& n : l.nodes) {
    if (n.column == 2) CHECK(n.y <= loss.y);
  }
}

TEST_CASE("a negative loss is flagged, never a ribbon") {
  wire::BalancePeriod p = sample();
  p.carriers[0].areas[0].amount = 9000;  // 13 000 kWh in the areas, 12 000 came in
  p.carriers[0].areas[0].tce = 1.1061;
  p.carriers[0].loss = -1500;
  p.carriers[0].negative_loss = true;
  const SankeyLayout l = layoutSankey(p, kBox);
  REQUIRE(l.negative_loss == std::vector<size_t>{0});
  for (const SankeyNode& n : l.nodes) {
    CHECK(n.kind != SankeyNodeKind::Loss);  // gas has none either
    CHECK(n.height >= 0);
  }
  for (const SankeyRibbon& r : l.ribbons) CHECK(r.width > 0);
  // The carrier is as tall as what leaves it (13 500 kWh), flagged; its inputs fill 12 000.
  const SankeyNode& e = l.nodes[find(l, SankeyNodeKind::Carrier, "electricity")];
  CHECK(e.warning);
  CHECK(e.tce == Approx(13500 * 0.0001229));
  CHECK_FALSE(l.nodes[find(l, SankeyNodeKind::Carrier, "natural_gas")].warning);
}

TEST_CASE("nothing to draw for a period without energy") {
  wire::BalancePeriod p;
  CHECK(layoutSankey(p, kBox).nodes.empty());
  p.carriers.push_back({});
  p.carriers[0].carrier = "electricity";
  p.carriers[0].tce_per_unit = 0.0001229;
  const SankeyLayout l = layoutSankey(p, kBox);
  CHECK(l.nodes.empty());
  CHECK(l.ribbons.empty());
}

TEST_CASE("the hover test follows a ribbon's band") {
  const SankeyLayout l = layoutSankey(sample(), kBox);
  const SankeyRibbon* paint_gas = nullptr;
  for (const SankeyRibbon& r : l.ribbons) {
    if (r.area == "paint" && l.nodes[r.from].carrier == "natural_gas") paint_gas = &r;
  }
  REQUIRE(paint_gas);
  const SankeyNode& from = l.nodes[paint_gas->from];
  const float x0 = from.x + l.node_width;
  // Just after it leaves the carrier, mid-band and just outside.
  CHECK(ribbonContains(l, *paint_gas, {x0 + 0.5f, paint_gas->y_from + paint_gas->width / 2}));
  CHECK_FALSE(ribbonContains(l, *paint_gas, {x0 + 0.5f, paint_gas->y_from - 2}));
  // Just before it arrives at paint.
  const float x1 = l.nodes[paint_gas->to].x;
  CHECK(ribbonContains(l, *paint_gas, {x1 - 0.5f, paint_gas->y_to + paint_gas->width / 2}));
  CHECK_FALSE(ribbonContains(l, *paint_gas, {x1 + 5, paint_gas->y_to + 1}));
}
