// Energy flows as renderer ribbons, re-sent only when one changed.
#include "flow_ribbons.h"

#include <algorithm>

#include "energy_flows.h"

namespace gt::twin {
namespace {

bool sameRibbon(const engine::Ribbon& a, const engine::Ribbon& b) {
  return a.width == b.width && a.speed == b.speed && a.colour == b.colour &&
         a.highlight == b.highlight && a.on_top == b.on_top && a.points.size() == b.points.size();
}

}  // namespace

FlowRibbons::FlowRibbons(const SiteConfig& site, engine::Renderer& renderer)
    : site_(site), renderer_(renderer) {
  RoutedFlows routed = routeFlows(site_, [&](const std::string& name) -> std::optional<NodeBox> {
    const engine::NodeHandle node = renderer_.findNode(name);
    if (!node.valid()) return std::nullopt;
    const engine::Bounds b = renderer_.nodeBounds(node);
    if (b.empty()) return std::nullopt;
    return NodeBox{b.min, b.max};
  });
  routes_ = std::move(routed.routes);
  problems_ = std::move(routed.problems);
}

void FlowRibbons::update(const TwinSnapshot& snapshot, TimeMs now, double seconds,
                         const std::string& selected_node, bool through_walls) {
  renderer_.setRibbonTime(seconds);
  std::vector<engine::Ribbon> ribbons;
  any_grey_ = false;
  if (visible_) {
    for (size_t i = 0; i < site_.flows.size(); ++i) {
      if (!routes_[i]) continue;
      const SiteFlow& flow = site_.flows[i];
      const FlowLook look = flowLook(flow, flowValue(flow, snapshot, now));
      any_grey_ = any_grey_ || !look.live;
      engine::Ribbon r;
      r.points = *routes_[i];
      r.width = look.width;
      r.speed = look.speed;
      r.colour = look.colour;
      r.highlight =
          !selected_node.empty() && (flow.from == selected_node || flow.to == selected_node);
      r.on_top = through_walls;
      ribbons.push_back(std::move(r));
    }
  }
  const bool changed = ribbons.size() != drawn_.size() ||
                       !std::equal(ribbons.begin(), ribbons.end(), drawn_.begin(), sameRibbon);
  if (!changed) return;
  renderer_.setRibbons(ribbons);
  drawn_ = std::move(ribbons);
}

void FlowRibbons::setVisible(bool on) {
  visible_ = on;
}

}  // namespace gt::twin
