// GB/T 32150-2015 CO2 inventory against hand-worked numbers: the natural-gas factor from its
// NCV and carbon content, purchased electricity with that year's grid factor, exports
// subtracted, and own PV generation reported as avoided without being subtracted again
// (seed 003, explanation of §4.5.9).
#include <catch2/catch.hpp>

#include <string>

#include "accounting/accounting_error.h"
#include "accounting/carbon_inventory.h"
#include "accounting/factor_loader.h"
#include "accounting_test_support.h"

using namespace gt::accounting;
using Catch::Matchers::Contains;
using gt::accounting::testing::accountingError;

namespace {

const std::string kFactors = std::string(GREENTWIN_SOURCE_DIR) + "/assets/factors/";

EmissionFactorTable shippedEmission() {
  return loadEmissionFactors(kFactors + "emission-factors.toml");
}

Approx exactly(double v) {
  return Approx(v).epsilon(1e-12);
}

CarbonActivity electricityOnly(int year, double purchased_kwh) {
  CarbonActivity a;
  a.year = year;
  a.purchased_electricity_kwh = purchased_kwh;
  return a;
}

}  // namespace

TEST_CASE("natural-gas emission factor from NCV, carbon content and oxidation rate") {
  const EmissionFactorTable t = shippedEmission();
  // GB/T 32150-2015: EF = NCV x CC x OF x 44/12, defaults per GB/T 32151 Annex C.
  //   389.31 GJ/10^4 Nm3 x 0.0153 tC/GJ:
  //     389.31 x 0.01   = 3.8931
  //     389.31 x 0.005  = 1.94655
  //     389.31 x 0.0003 = 0.116793
  //     sum             = 5.956443 tC/10^4 Nm3
  //   x 0.99: 5.956443 - 0.05956443 = 5.89687857 tC oxidised per 10^4 Nm3
  //   x 44/12: 5.89687857 x 44 = 259.46265708; / 12 = 21.62188809 tCO2/10^4 Nm3
  CHECK(fuelEmissionFactor(*t.findFuel("natural_gas")) == exactly(21.62188809));

  // Diesel: 42.652 GJ/t x 0.0202 tC/GJ = 0.8615704; x 0.98 = 0.844338992;
  // x 44/12 = 37.150915648 / 12 = 3.095909637(3) tCO2/t
  CHECK(fuelEmissionFactor(*t.findFuel("diesel")) == exactly(37.150915648 / 12));
}

TEST_CASE("fuel combustion line converts the meter's m3 and records every factor") {
  const EmissionFactorTable t = shippedEmission();
  CarbonActivity a;
  a.year = 2023;
  a.fuels.push_back({"natural_gas", 120'000, "m3", "heat treatment"});
  const CarbonInventory inv = computeCarbonInventory(a, t);
  // 120 000 m3 = 12 x 10^4 Nm3; 12 x 21.62188809 = 259.46265708 tCO2
  CHECK(inv.total_tco2 == exactly(259.46265708));
  REQUIRE(inv.lines.size() == 1);
  const EmissionLine& line = inv.lines[0];
  CHECK(line.category == EmissionCategory::FuelCombustion);
  CHECK(line.process == "heat treatment");
  REQUIRE(line.factors.size() == 3);
  CHECK(line.factors[0].name == "NCV");
  CHECK(line.factors[0].value.value == 389.31);
  CHECK_THAT(line.factors[0].value.source, Contains("GB/T 32151"));
  CHECK_THAT(line.factors[0].value.defined_at, Contains("emission-factors.toml:"));
  CHECK_THAT(line.formula, Contains("120000 m3 = 12 10^4 Nm3; 12 10^4 Nm3 x 389.31 GJ/10^4 Nm3 "
                                    "x 0.0153 tC/GJ x 0.99 x 44/12 = 259.4626571 tCO2"));
  // No electricity: no grid factor is needed, even for a year that has none.
  a.year = 1999;
  CHECK_NOTHROW(computeCarbonInventory(a, t));
}

TEST_CASE("a measured NCV override changes the factor and is traced as the site's") {
  EmissionFactorTable t = shippedEmission();
  gt::accounting::CoalCoefficientTable unused;
  parseFactorOverrides(
      "[[fuel]]\nkey = \"natural_gas\"\nncv_gj_per_unit = 360\nsource = \"supplier certificate\"\n",
      "site-factors.toml", unused, t);
  // 360 x 0.0153 = 5.508; x 0.99 = 5.45292; x 44/12 = 239.92848 / 12 = 19.99404 tCO2/10^4 Nm3
  CHECK(fuelEmissionFactor(*t.findFuel("natural_gas")) == exactly(19.99404));
  CarbonActivity a;
  a.year = 2023;
  a.fuels.push_back({"natural_gas", 10'000, "m3", ""});
  const CarbonInventory inv = computeCarbonInventory(a, t);
  CHECK(inv.total_tco2 == exactly(19.99404));
  CHECK(inv.lines[0].factors[0].value.site_override);
  CHECK(inv.lines[0].factors[0].value.source == "supplier certificate");
  CHECK_FALSE(inv.lines[0].factors[1].value.site_override);  // carbon content: the default
}

TEST_CASE("purchased electricity uses the grid factor of that year and calibre") {
  const EmissionFactorTable t = shippedEmission();
  // 1 000 000 kWh = 1 000 MWh
  // 2021: 1 000 x 0.5568 = 556.8; 2022: x 0.5366 = 536.6; 2023: x 0.5306 = 530.6 tCO2
  CHECK(computeCarbonInventory(electricityOnly(2021, 1e6), t).total_tco2 == exactly(556.8));
  CHECK(computeCarbonInventory(electricityOnly(2022, 1e6), t).total_tco2 == exactly(536.6));
  const CarbonInventory y2023 = computeCarbonInventory(electricityOnly(2023, 1e6), t);
  CHECK(y2023.total_tco2 == exactly(530.6));
  CHECK(y2023.lines[0].factors[0].name == "grid factor (national_average 2023)");
  CHECK_THAT(y2023.lines[0].formula, Contains("1000000 kWh = 1000 MWh x 0.5306 tCO2/MWh = 530.6"));

  // Carbon-market calibre, 2023: 1 000 x 0.5703 = 570.3 tCO2
  CarbonActivity market = electricityOnly(2023, 1e6);
  market.grid_calibre = "carbon_market_reporting";
  CHECK(computeCarbonInventory(market, t).total_tco2 == exactly(570.3));

  // No factor for 2024 (not yet published): an error, not last year's factor.
  const std::string error =
      accountingError([&] { computeCarbonInventory(electricityOnly(2024, 1e6), t); });
  CHECK_THAT(error, Contains("no grid emission factor 'national_average' for 2024"));
  market.year = 2022;
  CHECK_THAT(accountingError([&] { computeCarbonInventory(market, t); }),
             Contains("'carbon_market_reporting' for 2022"));
}

TEST_CASE("exported electricity and heat are subtracted; purchased heat at 0.11 tCO2/GJ") {
  const EmissionFactorTable t = shippedEmission();
  CarbonActivity a = electricityOnly(2023, 1e6);
  a.exported_electricity_kwh = 200'000;
  a.purchased_heat_gj = 1'000;
  a.exported_heat_gj = 200;
  a.process_sources.push_back({"CO2 shielding gas, welding",
                               5,
                               "t",
                               {1.0, "CO2 released as used, site method note", "", true},
                               "welding"});
  const CarbonInventory inv = computeCarbonInventory(a, t);
  // purchased electricity  1 000 MWh x 0.5306 = 530.6
  // exported electricity    -200 MWh x 0.5306 = -106.12
  // purchased heat          1 000 GJ x 0.11    = 110
  // exported heat            -200 GJ x 0.11    = -22
  // process                   5 t x 1.0        = 5
  // total = 530.6 - 106.12 + 110 - 22 + 5 = 517.48 tCO2
  CHECK(inv.totalOf(EmissionCategory::PurchasedElectricity) == exactly(530.6));
  CHECK(inv.totalOf(EmissionCategory::ExportedElectricity) == exactly(-106.12));
  CHECK(inv.totalOf(EmissionCategory::PurchasedHeat) == exactly(110));
  CHECK(inv.totalOf(EmissionCategory::ExportedHeat) == exactly(-22));
  CHECK(inv.totalOf(EmissionCategory::Process) == exactly(5));
  CHECK(inv.total_tco2 == exactly(517.48));
  for (const EmissionLine& line : inv.lines) {
    INFO(line.name);
    CHECK_FALSE(line.formula.empty());
    REQUIRE_FALSE(line.factors.empty());
    CHECK_FALSE(line.factors[0].value.source.empty());
  }
}

TEST_CASE("own PV generation is reported as avoided, never subtracted a second time") {
  const EmissionFactorTable t = shippedEmission();
  // A plant uses 1 200 000 kWh in 2023. Its roof PV generates 300 000 kWh: 250 000 kWh used on
  // site, 50 000 kWh exported. The grid meter therefore reads 950 000 kWh purchased and
  // 50 000 kWh exported: the PV already shows as electricity NOT bought.
  CarbonActivity a = electricityOnly(2023, 950'000);
  a.exported_electricity_kwh = 50'000;
  a.own_renewable_generation_kwh = 300'000;
  const CarbonInventory inv = computeCarbonInventory(a, t);

  // GB/T 32150: (950 - 50) MWh x 0.5306 = 900 x 0.5306 = 477.54 tCO2
  CHECK(inv.total_tco2 == exactly(477.54));
  // Reported beside it (003 §4.5.10-3, §4.5.9): 300 MWh x 0.5306 = 159.18 tCO2 avoided
  CHECK(inv.avoided_tco2 == exactly(159.18));
  REQUIRE(inv.avoided);
  CHECK(inv.avoided->category == EmissionCategory::AvoidedByOwnGeneration);

  // The naive method subtracts the avoided emissions from the total as well:
  // 477.54 - 159.18 = 318.36 tCO2, counting the PV reduction twice.
  const double naive = inv.total_tco2 - inv.avoided_tco2;
  CHECK(naive == exactly(318.36));
  CHECK(inv.total_tco2 != Approx(naive));
  // Ours: reporting PV changes nothing in the total; the same meters without PV data give
  // the same inventory.
  CarbonActivity without_pv = a;
  without_pv.own_renewable_generation_kwh = 0;
  CHECK(computeCarbonInventory(without_pv, t).total_tco2 == exactly(inv.total_tco2));
  for (const EmissionLine& line : inv.lines) {
    CHECK(line.category != EmissionCategory::AvoidedByOwnGeneration);
  }
}

TEST_CASE("unknown fuels and negative quantities are refused") {
  const EmissionFactorTable t = shippedEmission();
  CarbonActivity a;
  a.year = 2023;
  a.fuels.push_back({"peat", 1, "t", ""});
  CHECK_THAT(accountingError([&] { computeCarbonInventory(a, t); }),
             Contains("no emission factor for fuel 'peat'"));
  a.fuels = {{"diesel", 1, "m3", ""}};
  CHECK_THAT(accountingError([&] { computeCarbonInventory(a, t); }),
             Contains("cannot be converted to the factor's unit 't'"));
  a.fuels.clear();
  a.purchased_electricity_kwh = -1;
  CHECK_THAT(accountingError([&] { computeCarbonInventory(a, t); }), Contains("must be >= 0"));
}
