// Unit conversion to canonical units.
#include <catch2/catch.hpp>

#include "greentwin/units.h"

TEST_CASE("meter units convert to canonical units", "[units]") {
  auto wh = gt::lookupUnit("Wh");
  REQUIRE(wh);
  CHECK(wh->canonical == "kWh");
  CHECK(wh->toCanonical(1500) == Approx(1.5));
  CHECK(gt::lookupUnit("W")->toCanonical(18400) == Approx(18.4));
  CHECK(gt::lookupUnit("m3/min")->toCanonical(2) == Approx(120));  // m3/h
  CHECK(gt::lookupUnit("MPa")->toCanonical(0.65) == Approx(650));  // kPa
  CHECK(gt::lookupUnit("kg")->toCanonical(2500) == Approx(2.5));   // t
  CHECK(gt::lookupUnit("K")->toCanonical(293.15) == Approx(20.0));
  CHECK(gt::lookupUnit("K")->fromCanonical(20.0) == Approx(293.15));
  CHECK(gt::lookupUnit("")->canonical.empty());
  CHECK_FALSE(gt::lookupUnit("kwh"));  // case matters: kWh, not kwh
}
