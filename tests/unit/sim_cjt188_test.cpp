// greentwin-sim's CJ/T 188-2004 meters: the server on one end of a pty, the test writing raw
// frames on the other end as a poller would: a water and a heat meter sharing a line, totals
// that grow with simulated time, silence for other addresses, types and noise, abnormal
// replies, and the offline, garbage and stuck faults (ingest/sim/cjt188_server.h).
#include <catch2/catch.hpp>

#include <poll.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "cjt188_server.h"
#include "greentwin/cjt188.h"
#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "pty_pair.h"
#include "simulated_clock.h"
#include "site_time.h"

namespace c = gt::cjt188;

namespace {

using gt::testing::answerTo;
using gt::testing::PtyPair;

const std::string kWater = "00000000000101";
const std::string kHeat = "00000000000102";

std::vector<uint8_t> readRequest(uint8_t type, const std::string& address, uint8_t ser = 1) {
  return c::encodeReadRequest(type, address, c::kDiMeteringData, ser).value();
}

// Decodes a 901FH reply; fails the test when it is not one.
c::MeteringData metering(const std::vector<uint8_t>& bytes) {
  const auto frame = c::decodeFrame(bytes);
  INFO((frame.ok() ? std::string() : frame.error()));
  REQUIRE(frame.ok());
  const auto data = c::decodeMeteringReply(frame.value());
  INFO((data.ok() ? std::string() : data.error()));
  REQUIRE(data.ok());
  return data.value();
}

std::string siteText(const std::string& device) {
  return R"(
[site]
id = "t"
[[area]]
id = "plant"
[[equipment]]
id = "HX-01"
area = "plant"
[[template]]
id = "water"
points = [{ name = "total", field = "current_flow", di = 0x901F, unit = "m3", kind = "cumulative" }]
[[template]]
id = "heat"
points = [
  { name = "heat", field = "current_heat", di = 0x901F, unit = "kWh", kind = "cumulative" },
  { name = "power", field = "heat_power", di = 0x901F, unit = "kW" },
]
[[meter]]
id = "W-01"
energy = "water"
protocol = "cjt188"
serial = ")" +
         device + R"("
address = "00000000000101"
meter_type = "water"
template = "water"
equipment = "HX-01"
[[meter]]
id = "H-01"
energy = "heat"
protocol = "cjt188"
serial = ")" +
         device + R"("
address = "00000000000102"
meter_type = "heat"
template = "heat"
equipment = "HX-01"
)";
}

struct Line {
  Line()
      : site(gt::parseSiteConfig(siteText(pty.device), "site.toml")),
        physics(site, 1),
        faults({"W-01", "H-01"}),
        clock(gt::sim::parseTimePoint("2026-01-15T10:00").value(), 1.0) {
    server = gt::sim::Cjt188Server::start(site.meters.front(), {0, 1}, physics, faults, clock, 1,
                                          [](const std::string&) {});
  }
  PtyPair pty;
  gt::SiteConfig site;
  gt::sim::SitePhysics physics;
  gt::sim::FaultBoard faults;
  gt::sim::SimulatedClock clock;
  std::unique_ptr<gt::sim::Cjt188Server> server;
};

}  // namespace

TEST_CASE("a CJ/T 188 water and heat meter share a line and answer 901FH", "[sim][cjt188]") {
  Line line;
  const c::MeteringData water = metering(answerTo(line.pty.master, readRequest(0x10, kWater, 7)));
  CHECK(water.ser == 7);
  CHECK(water.meter_type == c::kColdWater);
  CHECK(*water.current_flow > 0.0);
  CHECK(*water.settlement_flow <= *water.current_flow);
  CHECK(water.real_time.starts_with("2026-01-15 10:00"));

  const c::MeteringData heat = metering(answerTo(line.pty.master, readRequest(0x20, kHeat, 8)));
  CHECK(heat.meter_type == c::kHeat);
  CHECK(*heat.current_heat > *heat.settlement_heat);
  CHECK(*heat.heat_power > 10.0);
  CHECK(*heat.heat_power < 200.0);
  CHECK(*heat.supply_temp - *heat.return_temp == Approx(20.0));
  // The flow carries the power at 20 K: 1.163 kWh per m3 and kelvin.
  CHECK(*heat.flow_rate == Approx(*heat.heat_power / (1.163 * 20.0)).epsilon(0.01));
}

TEST_CASE("the simulated heat and volume totals only grow", "[sim][cjt188]") {
  const gt::SiteConfig site = gt::parseSiteConfig(siteText("/dev/null"), "site.toml");
  const auto t0 = gt::sim::parseTimePoint("2026-01-15T00:00").value();
  double last_heat = 0, last_volume = 0;
  for (int hour = 0; hour < 72; ++hour) {
    const auto t = t0 + hour * gt::sim::kHourMs;
    const auto heat = gt::sim::Cjt188Server::modelled(site.meters[1], 1, t, 1);
    const auto water = gt::sim::Cjt188Server::modelled(site.meters[0], 0, t, 1);
    CHECK(*heat.current_heat > last_heat);
    CHECK(*water.current_flow > last_volume);
    last_heat = *heat.current_heat;
    last_volume = *water.current_flow;
  }
  // About the mean power a day: 60 kW x 1.15 (second meter) x 24 h.
  const double day =
      *gt::sim::Cjt188Server::modelled(site.meters[1], 1, t0 + gt::sim::kDayMs, 1).current_heat -
      *gt::sim::Cjt188Server::modelled(site.meters[1], 1, t0, 1).current_heat;
  CHECK(day == Approx(60 * 1.15 * 24).epsilon(0.05));
}

TEST_CASE("CJ/T 188: silence for strangers, other types and noise; abnormal for other DIs",
          "[sim][cjt188]") {
  Line line;
  CHECK(answerTo(line.pty.master, readRequest(0x10, "00000000000103")).empty());
  CHECK(answerTo(line.pty.master, readRequest(0x30, kWater)).empty());  // not a gas meter
  CHECK(answerTo(line.pty.master, readRequest(0x10, std::string(c::kWildcardAddress)))
            .empty());  // two here
  auto broken = readRequest(0x10, kWater);
  broken[broken.size() - 2] ^= 0x01;
  CHECK(answerTo(line.pty.master, broken).empty());
  std::vector<uint8_t> noisy{0x00, 0x12, 0xFE};
  const auto good = readRequest(0x10, kWater);
  noisy.insert(noisy.end(), good.begin(), good.end());
  CHECK(metering(answerTo(line.pty.master, noisy)).current_flow.has_value());

  const auto other = c::encodeReadRequest(0x10, kWater, 0x8102, 3).value();
  const auto refused = c::decodeFrame(answerTo(line.pty.master, other));
  REQUIRE(refused.ok());
  CHECK(refused.value().control == c::kControlReadAbnormal);
}

TEST_CASE("CJ/T 188 meters go silent, garble and freeze on faults", "[sim][cjt188]") {
  Line line;
  REQUIRE(line.faults.set("W-01", gt::sim::MeterFault::Offline));
  CHECK(answerTo(line.pty.master, readRequest(0x10, kWater)).empty());
  CHECK_FALSE(answerTo(line.pty.master, readRequest(0x20, kHeat)).empty());

  REQUIRE(line.faults.set("H-01", gt::sim::MeterFault::Garbage));
  for (int i = 0; i < 5; ++i) {
    const auto frame = c::decodeFrame(answerTo(line.pty.master, readRequest(0x20, kHeat)));
    CHECK_FALSE((frame.ok() && c::decodeMeteringReply(frame.value()).ok()));
  }

  REQUIRE(line.faults.set("H-01", gt::sim::MeterFault::None));
  const double before = *metering(answerTo(line.pty.master, readRequest(0x20, kHeat))).current_heat;
  REQUIRE(line.faults.set("H-01", gt::sim::MeterFault::Stuck));
  const auto stuck = metering(answerTo(line.pty.master, readRequest(0x20, kHeat, 9)));
  CHECK(*stuck.current_heat == before);
  CHECK(stuck.ser == 9);  // still a reply to this request
}
