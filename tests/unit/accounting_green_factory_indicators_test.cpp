// DB 64/T 1930-2023 Annex B indicators against hand-worked numbers.
#include <catch2/catch.hpp>

#include <vector>

#include "accounting/accounting_error.h"
#include "accounting/green_factory_indicators.h"

using namespace gt::accounting;

TEST_CASE("B.1 floor-area ratio counts a storey higher than 8 m twice") {
  // Land 20 000 m2. A machining hall of one 12 m storey, 8 000 m2 (> 8 m: counted twice,
  // 16 000 m2); an office of three 4 m storeys of 1 000 m2 (3 000 m2); a store of one storey
  // exactly 8.0 m high, 500 m2 (not "over 8 m": counted once); structures 400 m2.
  // R = (16 000 + 3 000 + 500 + 400) / 20 000 = 19 900 / 20 000 = 0.995
  const std::vector<BuildingFloor> floors{
      {8'000, 12.0}, {1'000, 4.0}, {1'000, 4.0}, {1'000, 4.0}, {500, 8.0}};
  const auto r = floorAreaRatio(floors, 400, 20'000);
  REQUIRE(r);
  CHECK(*r == Approx(0.995).epsilon(1e-12));
  // Counting the hall once would give (8 000 + 3 000 + 500 + 400) / 20 000 = 0.595, below the
  // 0.7 of Table C.1: the doubling decides the item.
  const std::vector<BuildingFloor> low_hall{
      {8'000, 7.5}, {1'000, 4.0}, {1'000, 4.0}, {1'000, 4.0}, {500, 8.0}};
  CHECK(*floorAreaRatio(low_hall, 400, 20'000) == Approx(0.595).epsilon(1e-12));

  CHECK_FALSE(floorAreaRatio(floors, 400, 0));
  CHECK_THROWS_AS(floorAreaRatio(floors, -1, 20'000), AccountingError);
}

TEST_CASE("B.2 building density, B.3 green-material rate") {
  // (9 500 + 500) / 20 000 x 100 % = 50 %
  CHECK(*buildingDensityPercent(9'500, 500, 20'000) == Approx(50.0).epsilon(1e-12));
  // 300 t / 1 000 t = 0.3 = 30 %
  CHECK(*greenMaterialRatePercent(300, 1'000) == Approx(30.0).epsilon(1e-12));
  CHECK_FALSE(greenMaterialRatePercent(0, 0));
}

TEST_CASE("B.4-B.7, B.10, B.11 per 10 000 yuan of output value") {
  // 282.9285 tce / 5 000 x 10^4 yuan = 0.0565857 tce per 10^4 yuan
  CHECK(*perTenThousandYuan(282.9285, 5'000) == Approx(0.0565857).epsilon(1e-12));
  // 517.48 tCO2 / 5 000 = 0.103496 tCO2 per 10^4 yuan
  CHECK(*perTenThousandYuan(517.48, 5'000) == Approx(0.103496).epsilon(1e-12));
  CHECK_FALSE(perTenThousandYuan(10, 0));  // no output: undefined, not zero
}

TEST_CASE("B.8 solid-waste utilisation and B.9 waste-water reuse") {
  // K_r = 180 / (200 + 25) x 100 % = 80 %
  CHECK(*solidWasteUtilisationPercent(180, 200, 25) == Approx(80.0).epsilon(1e-12));
  // K_r = 170 / (200 + 0) = 85 %
  CHECK(*solidWasteUtilisationPercent(170, 200, 0) == Approx(85.0).epsilon(1e-12));
  // K_w = 300 / (300 + 900) x 100 % = 25 %
  CHECK(*wasteWaterReusePercent(300, 900) == Approx(25.0).epsilon(1e-12));
  CHECK_FALSE(wasteWaterReusePercent(0, 0));
  CHECK_THROWS_AS(wasteWaterReusePercent(-1, 900), AccountingError);
}
