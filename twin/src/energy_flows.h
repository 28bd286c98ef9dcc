// The energy flows of the site ([[flow]]) as the renderer's ribbons: where each runs (its
// route between two nodes, or its explicit path) and how it looks from the live values (width
// and chevron speed proportional to |value| / max, the carrier's colour, grey and still when
// nothing current is known). Pure: no engine, no clock; the viewer passes the node boxes and
// the time, and hands the result to Renderer::setRibbons.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "greentwin/clock.h"
#include "greentwin/site_config.h"
#include "twin_state.h"

namespace gt::twin {

// A node's axis-aligned box in site coordinates (metres, Y up).
struct NodeBox {
  glm::vec3 min{0.f}, max{0.f};
};

// A flow's route between its ends: up from the top of `from`, across at a common height
// (through the `via` points when given, else along X then Z), and down onto the top of `to`.
// The common height is 1.5 m over the taller end. With an explicit path: that path.
std::vector<glm::vec3> flowRoute(const SiteFlow& flow, const NodeBox& from, const NodeBox& to);

// The routes of all flows, in site order; `findNode` gives a node's box or nullopt when the
// model has no such node. A flow with a missing end has no route and one problem, "site.toml:
// 612:8: flow 'gas-boiler': the model has no node 'BLR-1'" (the viewer warns and goes on).
using NodeLookup = std::function<std::optional<NodeBox>(const std::string& name)>;
struct RoutedFlows {
  std::vector<std::optional<std::vector<glm::vec3>>> routes;  // one per SiteConfig::flows
  std::vector<std::string> problems;
};
RoutedFlows routeFlows(const SiteConfig& site, const NodeLookup& findNode);

// The sum of a flow's points now, or nullopt when any of them is unknown, offline (its meter
// offline or with an active communication fault), of bad quality (out of range, stuck, spike,
// undecodable) or older than `stale_after_ms`.
std::optional<double> flowValue(const SiteFlow& flow, const TwinSnapshot& snapshot, TimeMs now,
                                int64_t stale_after_ms = 15000);

struct FlowLook {
  float width = 0;        // metres
  float speed = 0;        // m/s along the route; negative: from `to` back to `from`
  glm::vec3 colour{0.f};  // linear RGB
  bool live = false;      // false: grey and still
};

// At |value| = max the ribbon is the flow's full width and its chevrons run kFullSpeed; below,
// both shrink in proportion, but never under kMinWidthFraction of the width (a small flow must
// stay visible) or kMinSpeed (a crawl reads as stopped). Values over max are drawn as max. A
// value under 0.5 % of max is idle: thin and still, in its colour. An unknown value draws a
// grey, still ribbon of kUnknownWidthFraction: wide enough to see which route went dark.
constexpr float kMinWidthFraction = 0.15f;
constexpr float kUnknownWidthFraction = 0.4f;
constexpr float kFullSpeed = 4.f;  // m/s
constexpr float kMinSpeed = 0.5f;  // m/s
FlowLook flowLook(const SiteFlow& flow, std::optional<double> value);

}  // namespace gt::twin
