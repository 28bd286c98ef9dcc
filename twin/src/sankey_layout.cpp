// Three-column Sankey layout of an energy balance (see sankey_layout.h).
#include "sankey_layout.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace gt::twin {
namespace {

// The ribbons' band edges: a cubic from (a, .) to (b, .) with both inner control points at the
// halfway x, so the ribbon leaves and arrives horizontally. x(t) increases with t.
float ribbonX(float a, float b, float t) {
  const float m = (a + b) / 2, u = 1 - t;
  return a * u * u * u + 3 * m * u * u * t + 3 * m * u * t * t + b * t * t * t;
}

float ribbonY(float a, float b, float t) {
  return a + (b - a) * (3 * t * t - 2 * t * t * t);
}

struct CarrierFlows {
  size_t index = 0;
  double purchased = 0, generated = 0, exported = 0, loss = 0;
  std::vector<std::pair<std::string, const wire::BalanceFlow*>> areas;
  double in() const { return purchased + generated; }
  double out() const {
    double sum = exported + loss;
    for (const auto& a : areas) sum += a.second->tce;
    return sum;
  }
};

}  // namespace

SankeyLayout layoutSankey(const wire::BalancePeriod& period, const SankeyBox& box) {
  SankeyLayout out;
  out.node_width = box.node_width;
  std::vector<CarrierFlows> carriers;
  std::vector<std::string> area_order;  // first appearance: stable from tick to tick
  for (size_t i = 0; i < period.carriers.size(); ++i) {
    const wire::BalanceCarrier& c = period.carriers[i];
    const double k = c.tce_per_unit;
    if (c.negative_loss) out.negative_loss.push_back(i);
    if (!(k > 0)) continue;
    CarrierFlows f;
    f.index = i;
    f.purchased = std::max(0.0, c.purchased * k);
    f.generated = std::max(0.0, c.generated * k);
    f.exported = std::max(0.0, c.exported * k);
    f.loss = std::max(0.0, c.loss * k);  // a negative loss is a warning, not a flow
    for (const wire::BalanceFlow& a : c.areas) {
      if (!(a.tce > 0)) continue;
      f.areas.emplace_back(a.area, &a);
      if (std::find(area_order.begin(), area_order.end(), a.area) == area_order.end())
        area_order.push_back(a.area);
    }
    if (f.in() <= 0 && f.out() <= 0) continue;
    carriers.push_back(std::move(f));
  }
  if (carriers.empty()) return out;

  // Nodes, column by column, in drawing order.
  auto add = [&out](SankeyNodeKind kind, int column, double tce) {
    SankeyNode n;
    n.kind = kind;
    n.column = column;
    n.tce = tce;
    out.nodes.push_back(n);
    return out.nodes.size() - 1;
  };
  struct CarrierNodes {
    size_t purchased = SIZE_MAX, generated = SIZE_MAX, carrier = SIZE_MAX;
  };
  std::vector<CarrierNodes> ids(carriers.size());
  for (size_t i = 0; i < carriers.size(); ++i) {
    const CarrierFlows& f = carriers[i];
    if (f.purchased > 0) ids[i].purchased = add(SankeyNodeKind::Purchased, 0, f.purchased);
    if (f.generated > 0) ids[i].generated = add(SankeyNodeKind::Generated, 0, f.generated);
  }
  for (size_t i = 0; i < carriers.size(); ++i) {
    ids[i].carrier = add(SankeyNodeKind::Carrier, 1, std::max(carriers[i].in(), carriers[i].out()));
    out.nodes[ids[i].carrier].warning = period.carriers[carriers[i].index].negative_loss;
  }
  for (size_t i = 0; i < carriers.size(); ++i) {
    for (size_t id : {ids[i].purchased, ids[i].generated, ids[i].carrier}) {
      if (id == SIZE_MAX) continue;
      out.nodes[id].carrier = period.carriers[carriers[i].index].carrier;
      out.nodes[id].carrier_index = carriers[i].index;
    }
  }
  std::vector<size_t> area_ids;
  for (const std::string& area : area_order) {
    double tce = 0;
    for (const CarrierFlows& f : carriers) {
      for (const auto& a : f.areas) {
        if (a.first == area) tce += a.second->tce;
      }
    }
    area_ids.push_back(add(SankeyNodeKind::Area, 2, tce));
    out.nodes.back().area = area;
  }
  double exported = 0, loss = 0;
  for (const CarrierFlows& f : carriers) {
    exported += f.exported;
    loss += f.loss;
  }
  const size_t export_id = exported > 0 ? add(SankeyNodeKind::Export, 2, exported) : SIZE_MAX;
  const size_t loss_id = loss > 0 ? add(SankeyNodeKind::Loss, 2, loss) : SIZE_MAX;

  // One scale for the three columns: the fullest column fills the box's height.
  std::array<double, 3> total{};
  std::array<int, 3> count{};
  for (const SankeyNode& n : out.nodes) {
    total[static_cast<size_t>(n.column)] += n.tce;
    ++count[static_cast<size_t>(n.column)];
  }
  float scale = 0;
  bool first = true;
  for (size_t c = 0; c < 3; ++c) {
    if (count[c] == 0 || !(total[c] > 0)) continue;
    const float room = std::max(1.f, box.height - box.gap * static_cast<float>(count[c] - 1));
    const auto s = static_cast<float>(room / total[c]);
    scale = first ? s : std::min(scale, s);
    first = false;
  }
  out.scale = scale;
  const std::array<float, 3> column_x{box.x, box.x + (box.width - box.node_width) / 2,
                                      box.x + box.width - box.node_width};
  for (size_t c = 0; c < 3; ++c) {
    float used = box.gap * static_cast<float>(std::max(0, count[c] - 1));
    for (const SankeyNode& n : out.nodes) {
      if (static_cast<size_t>(n.column) == c) used += static_cast<float>(n.tce) * scale;
    }
    float y = box.y + std::max(0.f, (box.height - used) / 2);  // centred in the box
    for (SankeyNode& n : out.nodes) {
      if (static_cast<size_t>(n.column) != c) continue;
      n.x = column_x[c];
      n.y = y;
      n.height = static_cast<float>(n.tce) * scale;
      y += n.height + box.gap;
    }
  }

  // Ribbons: each stacks on where the previous one left its node and reached its target; a
  // carrier's outgoing ones go in sink order so they do not cross at the carrier.
  std::vector<float> out_y(out.nodes.size()), in_y(out.nodes.size());
  for (size_t i = 0; i < out.nodes.size(); ++i) out_y[i] = in_y[i] = out.nodes[i].y;
  auto ribbon = [&](size_t from, size_t to, size_t carrier, double tce, double amount,
                    const std::string& area) {
    if (!(tce > 0)) return;
    SankeyRibbon r;
    r.from = from;
    r.to = to;
    r.carrier_index = carrier;
    r.area = area;
    r.tce = tce;
    r.amount = amount;
    r.width = static_cast<float>(tce) * scale;
    r.y_from = out_y[from];
    r.y_to = in_y[to];
    out_y[from] += r.width;
    in_y[to] += r.width;
    out.ribbons.push_back(std::move(r));
  };
  for (size_t i = 0; i < carriers.size(); ++i) {
    const CarrierFlows& f = carriers[i];
    const wire::BalanceCarrier& c = period.carriers[f.index];
    if (ids[i].purchased != SIZE_MAX)
      ribbon(ids[i].purchased, ids[i].carrier, f.index, f.purchased, c.purchased, {});
    if (ids[i].generated != SIZE_MAX)
      ribbon(ids[i].generated, ids[i].carrier, f.index, f.generated, c.generated, {});
  }
  for (size_t a = 0; a < area_order.size(); ++a) {
    for (size_t i = 0; i < carriers.size(); ++i) {
      for (const auto& flow : carriers[i].areas) {
        if (flow.first != area_order[a]) continue;
        ribbon(ids[i].carrier, area_ids[a], carriers[i].index, flow.second->tce,
               flow.second->amount, flow.first);
      }
    }
  }
  for (size_t i = 0; i < carriers.size(); ++i) {
    const wire::BalanceCarrier& c = period.carriers[carriers[i].index];
    if (export_id != SIZE_MAX)
      ribbon(ids[i].carrier, export_id, carriers[i].index, carriers[i].exported, c.exported, {});
  }
  for (size_t i = 0; i < carriers.size(); ++i) {
    const wire::BalanceCarrier& c = period.carriers[carriers[i].index];
    if (loss_id != SIZE_MAX)
      ribbon(ids[i].carrier, loss_id, carriers[i].index, carriers[i].loss, c.loss, {});
  }
  return out;
}

bool ribbonContains(const SankeyLayout& layout, const SankeyRibbon& ribbon, SankeyPoint p) {
  const SankeyNode& from = layout.nodes[ribbon.from];
  const SankeyNode& to = layout.nodes[ribbon.to];
  const float a = from.x + layout.node_width, b = to.x;
  if (p.x < a || p.x > b || b <= a) return false;
  float lo = 0, hi = 1;
  for (int i = 0; i < 24; ++i) {  // x(t) is monotonic: bisect for the t under the point
    const float mid = (lo + hi) / 2;
    (ribbonX(a, b, mid) < p.x ? lo : hi) = mid;
  }
  const float top = ribbonY(ribbon.y_from, ribbon.y_to, lo);
  return p.y >= top && p.y <= top + ribbon.width;
}

}  // namespace gt::twin
