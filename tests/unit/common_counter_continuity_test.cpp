// CounterContinuity and counterModulus: use across roll-over, meter replacement and
// regressions, with the numbers worked out by hand in the comments.
#include <catch2/catch.hpp>

#include "greentwin/counter_continuity.h"
#include "greentwin/quality.h"

using namespace gt;

namespace {

RegisterPoint uint32Wh() {
  RegisterPoint p;
  p.type = DataType::UInt32;
  p.scale = 1.0;
  p.unit = "Wh";
  p.canonical = "kWh";
  p.unit_factor = 0.001;
  p.kind = PointKind::Cumulative;
  return p;
}

}  // namespace

TEST_CASE("a uint32 Wh register wraps at 2^32 Wh and the use across the wrap counts", "[counter]") {
  // 2^32 Wh = 4 294 967 296 Wh = 4 294 967.296 kWh.
  const std::optional<double> m = counterModulus(uint32Wh());
  REQUIRE(m);
  CHECK(*m == Approx(4'294'967.296));

  CounterContinuity c(m);
  CHECK(c.next(0, 4'294'967.000, 0).step == CounterStep::First);
  // 4 294 967.000 -> 4 294 967.250: 0.250 kWh.
  const CounterIncrement before = c.next(1000, 4'294'967.250, 0);
  CHECK(before.step == CounterStep::Counted);
  CHECK(before.increment == Approx(0.250));
  // Wraps to 0.204 kWh: (4 294 967.296 - 4 294 967.250) + 0.204 = 0.046 + 0.204 = 0.250 kWh.
  const CounterIncrement wrap = c.next(2000, 0.204, 0);
  CHECK(wrap.step == CounterStep::Rollover);
  CHECK(wrap.increment == Approx(0.250));
  // And on from the wrapped value: 0.204 -> 0.454 = 0.250 kWh.
  CHECK(c.next(3000, 0.454, 0).increment == Approx(0.250));
}

TEST_CASE("a DL/T 645 XXXXXX.XX energy wraps at 10^6 kWh", "[counter]") {
  RegisterPoint p;
  p.di = 0x00010000;  // forward active energy total, 4 bytes BCD, 2 decimals
  p.unit = "kWh";
  p.canonical = "kWh";
  p.kind = PointKind::Cumulative;
  const std::optional<double> m = counterModulus(p);
  REQUIRE(m);
  // 8 digits, 2 after the point: 999 999.99 is the largest reading, 10^6 the wrap.
  CHECK(*m == Approx(1'000'000.0));

  CounterContinuity c(m);
  c.resume(999'998.50, 0);
  // (1 000 000 - 999 998.50) + 1.25 = 1.50 + 1.25 = 2.75 kWh.
  const CounterIncrement wrap = c.next(60'000, 1.25, 0);
  CHECK(wrap.step == CounterStep::Rollover);
  CHECK(wrap.increment == Approx(2.75));
}

TEST_CASE("a drop that is not near the modulus is a regression and not a wrap", "[counter]") {
  CounterContinuity c(1'000'000.0);
  c.resume(500'000.0, 0);
  // From the middle of the range to near zero: a reset, not a wrap.
  CHECK(c.next(1000, 10.0, 0).step == CounterStep::Regressed);
  // Without a modulus even a drop from the top is a regression.
  CounterContinuity none;
  none.resume(999'999.0, 0);
  CHECK(none.next(1000, 1.0, 0).step == CounterStep::Regressed);
}

TEST_CASE("layouts without a wrap have no modulus and an explicit rollover wins", "[counter]") {
  RegisterPoint f = uint32Wh();
  f.type = DataType::Float32;
  CHECK_FALSE(counterModulus(f));
  f.type = DataType::Int32;
  CHECK_FALSE(counterModulus(f));
  RegisterPoint bcd = uint32Wh();
  bcd.type = DataType::Bcd32;
  bcd.scale = 0.1;
  bcd.unit_factor = 1.0;
  // 8 BCD digits at 0.1 kWh: 10^8 x 0.1 = 10^7 kWh.
  CHECK(*counterModulus(bcd) == Approx(1e7));
  bcd.rollover = 99'999'999.9;
  CHECK(*counterModulus(bcd) == Approx(99'999'999.9));
}

TEST_CASE("a replaced meter counts the old meter's last increment and the new one's use",
          "[counter]") {
  // Old meter last counted at 12 340.0; it read 12 345.6 when removed at t = 5000; the new
  // meter read 0.4 when fitted, then 2.4.
  CounterContinuity c(std::nullopt, {CounterEvent{5000, 12'345.6, 0.4}});
  c.resume(12'340.0, 0);
  // Old meter: 12 345.6 - 12 340.0 = 5.6 kWh; new meter: 2.4 - 0.4 = 2.0 kWh; 7.6 in all.
  const CounterIncrement step = c.next(6000, 2.4, quality::kRegressed);
  CHECK(step.step == CounterStep::Replaced);
  CHECK(step.increment == Approx(5.6 + 2.0));
  // From then on the new meter counts alone: 2.4 -> 3.0 = 0.6 kWh.
  const CounterIncrement after = c.next(7000, 3.0, 0);
  CHECK(after.step == CounterStep::Counted);
  CHECK(after.increment == Approx(0.6));
}

TEST_CASE("a regression is never use and neither is the climb back to the high-water mark",
          "[counter]") {
  // The simulator's regress fault: 1000 kWh, then 3 % low and sinking, then back to the true
  // register, which advanced 2 kWh meanwhile.
  CounterContinuity c;
  c.resume(1000.0, 0);
  CHECK(c.next(1000, 970.0, 0).step == CounterStep::Regressed);
  CHECK(c.next(2000, 969.9, 0).step == CounterStep::Regressed);
  // A register that climbs again but stays below the mark is still regressed.
  CHECK(c.next(3000, 985.0, 0).step == CounterStep::Regressed);
  REQUIRE(c.reference());
  CHECK(*c.reference() == 1000.0);
  // Back to the truth: 1002 - 1000 = 2 kWh, the use during the fault; not 1002 - 985.
  const CounterIncrement back = c.next(4000, 1002.0, 0);
  CHECK(back.step == CounterStep::Counted);
  CHECK(back.increment == Approx(2.0));
}

TEST_CASE("readings with bad flags are skipped and keep the reference", "[counter]") {
  CounterContinuity c;
  c.resume(100.0, 0);
  CHECK(c.next(1000, 5000.0, quality::kSpike).step == CounterStep::Skipped);
  CHECK(c.next(2000, std::nullopt, quality::kNotANumber).step == CounterStep::Skipped);
  // 100 -> 101: only 1 kWh; the spiked 5000 never counted.
  CHECK(c.next(3000, 101.0, 0).increment == Approx(1.0));
}
