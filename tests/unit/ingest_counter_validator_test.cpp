// PointValidator's counter rules: regressions against the high-water mark (also after a
// restart), roll-over, replacement, and the spike rule of a meter with rated_kw.
#include <catch2/catch.hpp>

#include "greentwin/quality.h"
#include "point_validator.h"

using namespace gt;
using namespace gt::ingest;

namespace {

RegisterPoint energyPoint(DataType type = DataType::UInt32) {
  RegisterPoint p;
  p.name = "ep_imp";
  p.type = type;
  p.scale = 0.01;  // 0.01 kWh per count
  p.unit = "kWh";
  p.canonical = "kWh";
  p.kind = PointKind::Cumulative;
  p.min = 0;
  return p;
}

RegisterPoint powerPoint() {
  RegisterPoint p;
  p.name = "p";
  p.type = DataType::Float32;
  p.unit = "kW";
  p.canonical = "kW";
  return p;
}

}  // namespace

TEST_CASE("a register that sinks and climbs back stays regressed up to its mark", "[validator]") {
  PointValidator v(energyPoint());
  CHECK(v.check(1000.0, 0) == quality::kGood);
  CHECK(v.check(970.0, 1000) == quality::kRegressed);
  // Above the previous reading (970) but below the mark (1000): still regressed.
  CHECK(v.check(980.0, 2000) == quality::kRegressed);
  CHECK(v.check(1000.5, 3000) == quality::kGood);
}

TEST_CASE("after a restart the validator resumes from the stored mark", "[validator]") {
  PointValidator v(energyPoint());
  v.resume(1000.0, 0);
  // The first reading of this run is already 3 % low: without the mark it would be good.
  CHECK(v.check(970.0, 60'000) == quality::kRegressed);
}

TEST_CASE("a wrap near the modulus is flagged rollover and not regressed", "[validator]") {
  // uint32 at 0.01 kWh wraps at 2^32 x 0.01 = 42 949 672.96 kWh.
  PointValidator v(energyPoint());
  v.resume(42'949'672.00, 0);
  CHECK(v.check(0.50, 1000) == quality::kRollover);
  CHECK(v.check(0.60, 2000) == quality::kGood);
}

TEST_CASE("a recorded replacement makes the new meter's readings good", "[validator]") {
  PointValidator v(energyPoint());
  v.resume(12'340.0, 0);
  v.addReplacement(CounterEvent{5000, 12'345.6, 0.4});
  CHECK(v.check(2.4, 6000) == quality::kGood);
  CHECK(v.check(2.0, 7000) == quality::kRegressed);
}

TEST_CASE("spikes are instant power above 2x rated or mean power above 1.5x rated", "[validator]") {
  ValidationRules rules;
  rules.rated_kw = 100.0;
  PointValidator p(powerPoint(), rules);
  CHECK(p.check(150.0, 0) == quality::kGood);  // 1.5 x rated: a start, not a spike
  CHECK(p.check(-150.0, 1000) == quality::kGood);
  CHECK(p.check(201.0, 2000) == quality::kSpike);  // above 2 x 100 kW

  PointValidator e(energyPoint(), rules);
  e.resume(1000.0, 0);
  // One hour at most 1.5 x 100 kW = 150 kWh, plus one register step (0.01 kWh): 150.01 kWh.
  CHECK(e.check(1150.0, 3'600'000) == quality::kGood);
  // The next hour: 1150 -> 1310 = 160 kWh > 150.01: a spike, neither counted nor the mark.
  CHECK(e.check(1310.0, 7'200'000) == quality::kSpike);
  // Two hours after the mark (1150), 1310 is 160 kWh in 2 h = 80 kW: plausible now.
  CHECK(e.check(1310.0, 10'800'000) == quality::kGood);
  // A 1 s poll that shows one register step (0.01 kWh = 36 kW mean) is no spike even at
  // rated 10 kW: the step is the margin.
  ValidationRules small;
  small.rated_kw = 10.0;
  PointValidator s(energyPoint(), small);
  s.resume(5.00, 0);
  CHECK(s.check(5.01, 1000) == quality::kGood);
}

TEST_CASE("without rated_kw nothing is a spike", "[validator]") {
  PointValidator p(powerPoint());
  CHECK(p.check(1e6, 0) == quality::kGood);
}
