// Energy flows (energy_flows.h): the width, speed and colour of a flow's ribbon from its live
// value, grey and still when its meter is offline or its value stale or bad, the sum of
// several points, the route between two nodes, and the message for a node the model lacks.
#include <catch2/catch.hpp>

#include <string>

#include "carrier_palette.h"
#include "energy_flows.h"

using namespace gt;
using namespace gt::twin;

namespace {

constexpr TimeMs kNow = 1'750'000'000'000;

SiteFlow gasFlow() {
  SiteFlow f;
  f.id = "gas-boiler";
  f.carrier = EnergyType::NaturalGas;
  f.from = "GAS-STATION";
  f.to = "BLR-01";
  f.from_where = "site.toml:600:8";
  f.to_where = "site.toml:601:6";
  f.points = {"M-14.flow"};
  f.unit = "m3/h";
  f.max = 400;
  f.width = 2.0;
  return f;
}

TwinSnapshot snapshotWith(double value, TimeMs t = kNow - 1000, uint32_t quality = 0) {
  TwinSnapshot s;
  s.points["M-14.flow"] = PointReading{value, "m3/h", t, quality};
  s.meters["M-14"] = MeterStatus{true, t};
  return s;
}

}  // namespace

TEST_CASE("width and speed follow |value| / max, in the carrier's colour", "[twin][flows]") {
  const SiteFlow flow = gasFlow();
  // Half of max: half the 2 m width, half the 4 m/s full speed.
  const FlowLook half = flowLook(flow, 200.0);
  CHECK(half.live);
  CHECK(half.width == Approx(1.0f));
  CHECK(half.speed == Approx(2.0f));
  CHECK(half.colour == carrierColourLinear(EnergyType::NaturalGas));
  CHECK(half.colour != carrierColourLinear(EnergyType::Electricity));
  // Over max: drawn as max.
  CHECK(flowLook(flow, 900.0).width == Approx(2.0f));
  CHECK(flowLook(flow, 900.0).speed == Approx(kFullSpeed));
  // A small flow stays visible: 15 % of the width, and a speed that reads as moving.
  const FlowLook small = flowLook(flow, 8.0);  // 2 % of max
  CHECK(small.width == Approx(kMinWidthFraction * 2.0f));
  CHECK(small.speed == Approx(kMinSpeed));
  // A negative value runs backwards (export, a reversed feeder).
  CHECK(flowLook(flow, -200.0).speed == Approx(-2.0f));
  // Idle (under 0.5 % of max): thin, still, still coloured.
  const FlowLook idle = flowLook(flow, 1.0);
  CHECK(idle.live);
  CHECK(idle.speed == 0.f);
  CHECK(idle.colour == carrierColourLinear(EnergyType::NaturalGas));
}

TEST_CASE("an unknown value is a grey, still ribbon", "[twin][flows]") {
  const FlowLook look = flowLook(gasFlow(), std::nullopt);
  CHECK_FALSE(look.live);
  CHECK(look.speed == 0.f);
  CHECK(look.colour == offlineFlowColourLinear());
  CHECK(look.width == Approx(0.8f));  // 40 % of 2 m: the dark route stays visible
}

TEST_CASE("a flow's value: fresh and good, else nothing", "[twin][flows]") {
  const SiteFlow flow = gasFlow();
  CHECK(flowValue(flow, snapshotWith(123.0), kNow) == 123.0);
  // Never reported.
  CHECK_FALSE(flowValue(flow, TwinSnapshot{}, kNow));
  // Stale: 20 s old against a 15 s limit.
  CHECK_FALSE(flowValue(flow, snapshotWith(123.0, kNow - 20'000), kNow));
  CHECK(flowValue(flow, snapshotWith(123.0, kNow - 20'000), kNow, 30'000) == 123.0);
  // Bad quality: stuck, out of range. Estimated values are still drawn.
  CHECK_FALSE(flowValue(flow, snapshotWith(123.0, kNow - 1000, quality::kStuck), kNow));
  CHECK_FALSE(flowValue(flow, snapshotWith(123.0, kNow - 1000, quality::kOutOfRange), kNow));
  CHECK(flowValue(flow, snapshotWith(123.0, kNow - 1000, quality::kEstimated), kNow) == 123.0);
  // Meter offline, or with an active communication fault.
  TwinSnapshot offline = snapshotWith(123.0);
  offline.meters["M-14"].online = false;
  CHECK_FALSE(flowValue(flow, offline, kNow));
  TwinSnapshot faulted = snapshotWith(123.0);
  wire::AlarmEvent alarm;
  alarm.meter = "M-14";
  alarm.code = AlarmCode::CommunicationFault;
  faulted.alarms[7] = alarm;
  CHECK_FALSE(flowValue(flow, faulted, kNow));
  // Grey end to end: an offline meter draws the offline look.
  CHECK(flowLook(flow, flowValue(flow, offline, kNow)).colour == offlineFlowColourLinear());
}

TEST_CASE("a flow of several points is their sum, unknown if one is", "[twin][flows]") {
  SiteFlow flow = gasFlow();
  flow.points = {"M-14.flow", "M-10.flow"};
  TwinSnapshot s = snapshotWith(100.0);
  CHECK_FALSE(flowValue(flow, s, kNow));
  s.points["M-10.flow"] = PointReading{50.0, "m3/h", kNow - 500, 0};
  CHECK(flowValue(flow, s, kNow) == 150.0);
}

TEST_CASE("routes go up, across at a common height and down", "[twin][flows]") {
  const SiteFlow flow = gasFlow();
  const NodeBox station{{96.f, 0.f, -6.f}, {100.f, 2.f, -2.f}};  // top centre (98, 2, -4)
  const NodeBox boiler{{84.f, 0.f, -22.f}, {90.f, 5.f, -16.f}};  // top centre (87, 5, -19)
  const std::vector<glm::vec3> route = flowRoute(flow, station, boiler);
  // 1.5 m over the boiler, the taller end.
  const std::vector<glm::vec3> expected{{98.f, 2.f, -4.f},
                                        {98.f, 6.5f, -4.f},
                                        {87.f, 6.5f, -4.f},
                                        {87.f, 6.5f, -19.f},
                                        {87.f, 5.f, -19.f}};
  CHECK(route == expected);

  SiteFlow via = flow;
  via.via = {{{98.0, 7.0, -28.0}}, {{87.0, 7.0, -28.0}}};
  const std::vector<glm::vec3> routed = flowRoute(via, station, boiler);
  const std::vector<glm::vec3> expected_via{{98.f, 2.f, -4.f},  {98.f, 7.f, -4.f},
                                            {98.f, 7.f, -28.f}, {87.f, 7.f, -28.f},
                                            {87.f, 7.f, -19.f}, {87.f, 5.f, -19.f}};
  CHECK(routed == expected_via);

  SiteFlow path = flow;
  path.path = {{{0.0, 1.0, 2.0}}, {{3.0, 4.0, 5.0}}};
  CHECK(flowRoute(path, {}, {}) == std::vector<glm::vec3>{{0.f, 1.f, 2.f}, {3.f, 4.f, 5.f}});
}

TEST_CASE("a flow whose node the model lacks is left out, with its place", "[twin][flows]") {
  SiteConfig site;
  site.flows = {gasFlow(), gasFlow()};
  site.flows[1].id = "gas-paint";
  site.flows[1].to = "PNT-1";
  const RoutedFlows routed =
      routeFlows(site, [](const std::string& name) -> std::optional<NodeBox> {
        if (name == "PNT-1") return std::nullopt;
        return NodeBox{{0.f, 0.f, 0.f}, {1.f, 1.f, 1.f}};
      });
  REQUIRE(routed.routes.size() == 2);
  CHECK(routed.routes[0].has_value());
  CHECK_FALSE(routed.routes[1].has_value());
  CHECK(routed.problems == std::vector<std::string>{
                               "site.toml:601:6: flow 'gas-paint': the model has no node 'PNT-1'"});
}

TEST_CASE("the carrier palette: distinct colours, another for an unknown carrier",
          "[twin][flows]") {
  const char* carriers[] = {"electricity", "natural_gas", "steam", "water", "compressed_air"};
  for (const char* a : carriers) {
    for (const char* b : carriers) {
      if (std::string(a) == b) continue;
      INFO(a << " vs " << b);
      CHECK(glm::length(carrierColourSrgb(a) - carrierColourSrgb(b)) > 0.15f);
    }
    INFO(a << " vs an unknown carrier");
    CHECK(glm::length(carrierColourSrgb(a) - carrierColourSrgb("biomass")) > 0.1f);
  }
  // Heat carriers share a colour, as do the names of gas.
  CHECK(carrierColourSrgb("heat") == carrierColourSrgb("steam"));
  CHECK(carrierColourSrgb("gas") == carrierColourSrgb("natural_gas"));
  // Linear is the decoded sRGB: electricity's green 0xC8 = 200 -> 0.5776 linear.
  CHECK(carrierColourLinear("electricity").g == Approx(0.5776f).margin(1e-3));
}
