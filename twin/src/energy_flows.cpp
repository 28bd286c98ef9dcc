// Flow routes and looks from the site's [[flow]] tables and a snapshot (energy_flows.h).
#include "energy_flows.h"

#include <algorithm>
#include <cmath>

#include "carrier_palette.h"

namespace gt::twin {
namespace {

// Over the taller end: clear of the machines it joins, low enough to read as belonging to them.
constexpr float kRouteClearance = 1.5f;
// Below this share of max a flow is idle (a meter's noise around zero must not crawl).
constexpr double kIdleFraction = 0.005;

glm::vec3 toVec(const std::array<double, 3>& p) {
  return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2])};
}

glm::vec3 topCentre(const NodeBox& b) {
  return {0.5f * (b.min.x + b.max.x), b.max.y, 0.5f * (b.min.z + b.max.z)};
}

constexpr uint32_t kUnusable =
    quality::kOutOfRange | quality::kStuck | quality::kSpike | quality::kNotANumber;

bool meterOffline(const TwinSnapshot& snapshot, std::string_view meter) {
  const auto it = snapshot.meters.find(meter);
  if (it != snapshot.meters.end() && !it->second.online) return true;
  for (const auto& [id, alarm] : snapshot.alarms)
    if (alarm.meter == meter && alarm.code == AlarmCode::CommunicationFault) return true;
  return false;
}

}  // namespace

std::vector<glm::vec3> flowRoute(const SiteFlow& flow, const NodeBox& from, const NodeBox& to) {
  std::vector<glm::vec3> out;
  if (!flow.path.empty()) {
    for (const auto& p : flow.path) out.push_back(toVec(p));
    return out;
  }
  const glm::vec3 start = topCentre(from), end = topCentre(to);
  const float height = std::max(start.y, end.y) + kRouteClearance;
  out.push_back(start);
  if (flow.via.empty()) {
    out.push_back({start.x, height, start.z});
    out.push_back({end.x, height, start.z});
    out.push_back({end.x, height, end.z});
  } else {
    const glm::vec3 first = toVec(flow.via.front()), last = toVec(flow.via.back());
    out.push_back({start.x, first.y, start.z});
    for (const auto& p : flow.via) out.push_back(toVec(p));
    out.push_back({end.x, last.y, end.z});
  }
  out.push_back(end);
  return out;
}

RoutedFlows routeFlows(const SiteConfig& site, const NodeLookup& findNode) {
  RoutedFlows out;
  for (const SiteFlow& flow : site.flows) {
    NodeBox ends[2];
    bool found = true;
    if (flow.path.empty()) {
      const std::string* names[2] = {&flow.from, &flow.to};
      const std::string* wheres[2] = {&flow.from_where, &flow.to_where};
      for (int i = 0; i < 2 && found; ++i) {
        if (const std::optional<NodeBox> box = findNode(*names[i])) {
          ends[i] = *box;
        } else {
          out.problems.push_back(*wheres[i] + ": flow '" + flow.id + "': the model has no node '" +
                                 *names[i] + "'");
          found = false;
        }
      }
    }
    out.routes.push_back(found ? std::optional(flowRoute(flow, ends[0], ends[1])) : std::nullopt);
  }
  return out;
}

std::optional<double> flowValue(const SiteFlow& flow, const TwinSnapshot& snapshot, TimeMs now,
                                int64_t stale_after_ms) {
  double sum = 0;
  for (const std::string& id : flow.points) {
    const auto it = snapshot.points.find(id);
    if (it == snapshot.points.end()) return std::nullopt;
    const PointReading& reading = it->second;
    if ((reading.quality & kUnusable) != 0 || !std::isfinite(reading.value)) return std::nullopt;
    if (now - reading.t > stale_after_ms) return std::nullopt;
    if (meterOffline(snapshot, std::string_view(id).substr(0, id.rfind('.')))) return std::nullopt;
    sum += reading.value;
  }
  return sum;
}

FlowLook flowLook(const SiteFlow& flow, std::optional<double> value) {
  FlowLook look;
  const float full = static_cast<float>(flow.width);
  look.width = kMinWidthFraction * full;
  if (!value) {
    look.width = kUnknownWidthFraction * full;
    look.colour = offlineFlowColourLinear();
    return look;
  }
  look.live = true;
  look.colour = carrierColourLinear(flow.carrier);
  const double share = std::min(std::abs(*value) / flow.max, 1.0);
  if (share < kIdleFraction) return look;
  const float s = static_cast<float>(share);
  look.width = std::max(kMinWidthFraction, s) * full;
  look.speed = std::copysign(std::max(kMinSpeed, s * kFullSpeed), static_cast<float>(*value));
  return look;
}

}  // namespace gt::twin
