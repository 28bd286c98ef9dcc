// PointValidator: every quality rule, including what must NOT be flagged (zero at night,
// integer registers, a value that moves).
#include <catch2/catch.hpp>

#include <limits>

#include "greentwin/quality.h"
#include "point_validator.h"

using namespace gt;
using namespace gt::ingest;

namespace {
RegisterPoint instantFloat() {
  RegisterPoint p;
  p.type = DataType::Float32;
  p.kind = PointKind::Instant;
  p.min = -100;
  p.max = 100;
  return p;
}
RegisterPoint cumulative() {
  RegisterPoint p;
  p.type = DataType::UInt32;
  p.kind = PointKind::Cumulative;
  p.min = 0;
  return p;
}
}  // namespace

TEST_CASE("a plausible value is good", "[validator]") {
  PointValidator v(instantFloat());
  CHECK(v.check(12.5, 1000) == quality::kGood);
  CHECK(v.check(12.7, 2000) == quality::kGood);
}

TEST_CASE("undecodable registers are not_a_number", "[validator]") {
  PointValidator v(instantFloat());
  CHECK(v.check(std::nullopt, 1000) == quality::kNotANumber);
  CHECK(v.check(std::numeric_limits<double>::infinity(), 2000) == quality::kNotANumber);
  CHECK(v.check(1.0, 3000) == quality::kGood);
}

TEST_CASE("values outside min/max are out_of_range, the bounds themselves are not", "[validator]") {
  PointValidator v(instantFloat());
  CHECK(v.check(100.0, 1000) == quality::kGood);
  CHECK(v.check(-100.0, 2000) == quality::kGood);
  CHECK(v.check(100.5, 3000) == quality::kOutOfRange);
  CHECK(v.check(-101.0, 4000) == quality::kOutOfRange);
}

TEST_CASE("a cumulative register below its high-water mark is regressed", "[validator]") {
  PointValidator v(cumulative());
  CHECK(v.check(100.0, 1000) == quality::kGood);
  CHECK(v.check(100.0, 2000) == quality::kGood);  // standing still is fine
  CHECK(v.check(101.0, 3000) == quality::kGood);
  CHECK(v.check(97.0, 4000) == quality::kRegressed);
  // Growing again is not enough: below the high-water mark (101) the readings stay regressed
  // (counter_continuity.h), or the climb back would be counted as use (the demo's +36 MWh).
  CHECK(v.check(97.5, 5000) == quality::kRegressed);
  CHECK(v.check(101.5, 6000) == quality::kGood);
}

TEST_CASE("an instant value does not regress", "[validator]") {
  PointValidator v(instantFloat());
  CHECK(v.check(50.0, 1000) == quality::kGood);
  CHECK(v.check(10.0, 2000) == quality::kGood);
}

TEST_CASE("a sample time earlier than the previous one is clock_suspect", "[validator]") {
  PointValidator v(instantFloat());
  CHECK(v.check(1.0, 5000) == quality::kGood);
  CHECK(v.check(1.1, 4000) == quality::kClockSuspect);
  CHECK(v.check(1.2, 6000) == quality::kGood);
}

TEST_CASE("stuck needs enough polls AND enough time of identical non-zero float bits",
          "[validator]") {
  ValidationRules rules;
  rules.stuck_polls = 5;
  rules.stuck_ms = 4000;

  SECTION("frozen float is flagged after both limits, and unflagged when it moves") {
    PointValidator v(instantFloat(), rules);
    for (int i = 0; i < 5; ++i) CHECK(v.check(42.0, 1000 * i) == quality::kGood);  // 4 s only
    CHECK(v.check(42.0, 5000) == quality::kStuck);  // 6 polls over 5 s
    CHECK(v.check(42.0, 6000) == quality::kStuck);
    CHECK(v.check(42.000001, 7000) == quality::kGood);
    CHECK(v.check(42.000001, 8000) == quality::kGood);  // a new run starts
  }
  SECTION("many fast polls are not enough without the time") {
    PointValidator v(instantFloat(), rules);
    for (int i = 0; i < 50; ++i) CHECK(v.check(42.0, 10 * i) == quality::kGood);
  }
  SECTION("zero may stand still forever (machine off, PV at night)") {
    PointValidator v(instantFloat(), rules);
    for (int i = 0; i < 50; ++i) CHECK(v.check(0.0, 1000 * i) == quality::kGood);
  }
  SECTION("integer registers may stand still") {
    RegisterPoint p = instantFloat();
    p.type = DataType::UInt16;
    PointValidator v(p, rules);
    for (int i = 0; i < 50; ++i) CHECK(v.check(23.0, 1000 * i) == quality::kGood);
  }
  SECTION("cumulative registers may stand still (nothing consumed)") {
    RegisterPoint p = cumulative();
    p.type = DataType::Float32;
    PointValidator v(p, rules);
    for (int i = 0; i < 50; ++i) CHECK(v.check(1234.5, 1000 * i) == quality::kGood);
  }
  SECTION("a decode failure breaks the run") {
    PointValidator v(instantFloat(), rules);
    for (int i = 0; i < 5; ++i) v.check(42.0, 1000 * i);
    CHECK(v.check(std::nullopt, 5000) == quality::kNotANumber);
    CHECK(v.check(42.0, 6000) == quality::kGood);
  }
}

TEST_CASE("flags combine", "[validator]") {
  PointValidator v(cumulative());
  CHECK(v.check(10.0, 1000) == quality::kGood);
  CHECK(v.check(-5.0, 2000) == (quality::kRegressed | quality::kOutOfRange));
}
