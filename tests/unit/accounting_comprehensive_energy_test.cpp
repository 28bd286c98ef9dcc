// GB/T 2589-2020 comprehensive energy consumption, E = sum(e_i * p_i), checked against sums
// worked by hand from the Annex A and Annex B coefficients (values as in
// shared/docs/reference-factors.md).
#include <catch2/catch.hpp>

#include <string>

#include "accounting/accounting_error.h"
#include "accounting/comprehensive_energy.h"
#include "accounting/factor_loader.h"
#include "accounting_test_support.h"

using namespace gt::accounting;
using Catch::Matchers::Contains;
using gt::accounting::testing::accountingError;

namespace {

const std::string kFactors = std::string(GREENTWIN_SOURCE_DIR) + "/assets/factors/";

CoalCoefficientTable shippedCoal() {
  return loadCoalCoefficients(kFactors + "gbt2589-2020.toml");
}

double tceOf(const CoalCoefficientTable& t, const std::string& key, double amount,
             const std::string& unit) {
  return computeComprehensiveEnergy({{key, amount, unit}}, t, ConversionBasis::EquivalentValue,
                                    2023)
      .total_tce;
}

}  // namespace

TEST_CASE("each coefficient of the factor file converts by hand-worked numbers") {
  const CoalCoefficientTable t = shippedCoal();
  const auto approx = [](double v) { return Approx(v).epsilon(1e-12); };
  // Solid and liquid fuels are published per kg; activity arrives in t (1 t = 1000 kg).
  // 10 t = 10 000 kg x 0.7143 kgce/kg = 7 143 kgce = 7.143 tce
  CHECK(tceOf(t, "raw_coal", 10, "t") == approx(7.143));
  // 10 000 kg x 0.9000 = 9 000 kgce = 9.000 tce
  CHECK(tceOf(t, "washed_coal", 10, "t") == approx(9.0));
  // 10 000 kg x 0.9714 = 9 714 kgce = 9.714 tce
  CHECK(tceOf(t, "coke", 10, "t") == approx(9.714));
  // 10 000 kg x 1.4286 = 14 286 kgce = 14.286 tce (crude oil and fuel oil alike)
  CHECK(tceOf(t, "crude_oil", 10, "t") == approx(14.286));
  CHECK(tceOf(t, "fuel_oil", 10, "t") == approx(14.286));
  // 10 000 kg x 1.4714 = 14 714 kgce = 14.714 tce (gasoline and kerosene alike)
  CHECK(tceOf(t, "gasoline", 10, "t") == approx(14.714));
  CHECK(tceOf(t, "kerosene", 10, "t") == approx(14.714));
  // 10 000 kg x 1.4571 = 14 571 kgce = 14.571 tce
  CHECK(tceOf(t, "diesel", 10, "t") == approx(14.571));
  // 10 000 kg x 1.7143 = 17 143 kgce = 17.143 tce
  CHECK(tceOf(t, "lpg", 10, "t") == approx(17.143));
  // 10 000 kg x 1.5714 = 15 714 kgce = 15.714 tce
  CHECK(tceOf(t, "refinery_dry_gas", 10, "t") == approx(15.714));
  // 10 000 m3 x 1.3300 kgce/m3 = 13 300 kgce = 13.3 tce
  CHECK(tceOf(t, "natural_gas_oil_field", 10000, "m3") == approx(13.3));
  // 10 000 m3 x 1.2143 kgce/m3 = 12 143 kgce = 12.143 tce
  CHECK(tceOf(t, "natural_gas_gas_field", 10000, "m3") == approx(12.143));
  // 10 000 kWh x 0.1229 kgce/kWh = 1 229 kgce = 1.229 tce
  CHECK(tceOf(t, "electricity", 10000, "kWh") == approx(1.229));
  // The same 10 MWh: 10 MWh = 10 000 kWh -> 1.229 tce
  CHECK(tceOf(t, "electricity", 10, "MWh") == approx(1.229));
  // Heat is published per MJ: 1 000 GJ = 1 000 000 MJ x 0.03412 = 34 120 kgce = 34.12 tce
  CHECK(tceOf(t, "heat", 1000, "GJ") == approx(34.12));
  // 10 t = 10 000 kg x 0.1286 = 1 286 kgce = 1.286 tce
  CHECK(tceOf(t, "steam_low_pressure", 10, "t") == approx(1.286));
  // Annex B, per t: 1 000 t x 0.0857 = 85.7 kgce = 0.0857 tce
  CHECK(tceOf(t, "new_water", 1000, "t") == approx(0.0857));
  // 1 000 t x 0.4857 = 485.7 kgce = 0.4857 tce
  CHECK(tceOf(t, "softened_water", 1000, "t") == approx(0.4857));
  // 1 000 t x 0.9714 = 971.4 kgce = 0.9714 tce
  CHECK(tceOf(t, "deaerated_water", 1000, "t") == approx(0.9714));
}

TEST_CASE("a plant's total is the sum of its lines, each traced to its coefficient") {
  const CoalCoefficientTable t = shippedCoal();
  // 1 000 000 kWh x 0.1229 = 122 900 kgce = 122.9 tce
  // 120 000 m3 x 1.3300 = 159 600 kgce = 159.6 tce
  // 5 000 t x 0.0857 = 428.5 kgce = 0.4285 tce
  // E = 122.9 + 159.6 + 0.4285 = 282.9285 tce
  const ComprehensiveEnergy e =
      computeComprehensiveEnergy({{"electricity", 1'000'000, "kWh"},
                                  {"natural_gas_oil_field", 120'000, "m3"},
                                  {"new_water", 5'000, "t"}},
                                 t, ConversionBasis::EquivalentValue, 2023);
  CHECK(e.total_tce == Approx(282.9285).epsilon(1e-12));
  REQUIRE(e.lines.size() == 3);
  CHECK(e.lines[0].tce == Approx(122.9));
  CHECK(e.lines[0].coefficient.value == 0.1229);
  CHECK_THAT(e.lines[0].coefficient.source, Contains("GB/T 2589-2020 Annex A"));
  CHECK(e.lines[0].basis == ConversionBasis::EquivalentValue);
  CHECK_THAT(e.lines[0].formula,
             Contains("1000000 kWh x 0.1229 kgce/kWh = 122900 kgce = 122.9 tce"));
  CHECK(e.lines[2].basis == ConversionBasis::EqualValue);  // media: Annex B equal value only

  const ComprehensiveEnergy coal = computeComprehensiveEnergy(
      {{"raw_coal", 12, "t"}}, t, ConversionBasis::EquivalentValue, 2023);
  // 12 t = 12 000 kg; 12 000 kg x 0.7143 kgce/kg = 8 571.6 kgce = 8.5716 tce
  CHECK_THAT(coal.lines[0].formula,
             Contains("12 t = 12000 kg; 12000 kg x 0.7143 kgce/kg = 8571.6 kgce = 8.5716 tce"));

  CHECK(computeComprehensiveEnergy({}, t, ConversionBasis::EquivalentValue, 2023).total_tce == 0);
}

TEST_CASE("equal value needs the year's configured factor; equivalent value does not") {
  CoalCoefficientTable t = shippedCoal();
  const std::vector<EnergyQuantity> plant{
      {"electricity", 10'000, "kWh"}, {"diesel", 1, "t"}, {"new_water", 1'000, "t"}};

  // No equal value of electricity is shipped (reference-factors.md: not verified).
  const std::string error = accountingError(
      [&] { computeComprehensiveEnergy(plant, t, ConversionBasis::EqualValue, 2023); });
  CHECK_THAT(error, Contains("no equal value (等价值) of electricity (electricity) for 2023"));
  CHECK_THAT(error, Contains("[[equal_value]]"));

  // A site-configured equal value. The number is a test fixture, not a published figure.
  EmissionFactorTable unused;
  gt::accounting::parseFactorOverrides(
      "[[equal_value]]\nkey = \"electricity\"\nyear = 2023\nunit = \"kWh\"\n"
      "kgce_per_unit = 0.3\nsource = \"test fixture, not a published figure\"\n",
      "site-factors.toml", t, unused);

  // Equivalent value: 10 000 kWh x 0.1229 = 1.229 tce; 1 t = 1 000 kg x 1.4571 = 1.4571 tce;
  // 1 000 t x 0.0857 = 0.0857 tce. E = 1.229 + 1.4571 + 0.0857 = 2.7718 tce.
  const ComprehensiveEnergy equivalent =
      computeComprehensiveEnergy(plant, t, ConversionBasis::EquivalentValue, 2023);
  CHECK(equivalent.total_tce == Approx(2.7718).epsilon(1e-12));

  // Equal value: 10 000 kWh x 0.3 = 3 000 kgce = 3 tce; diesel and water unchanged (a fuel has
  // one coefficient; water only an equal value). E = 3 + 1.4571 + 0.0857 = 4.5428 tce.
  const ComprehensiveEnergy equal =
      computeComprehensiveEnergy(plant, t, ConversionBasis::EqualValue, 2023);
  CHECK(equal.total_tce == Approx(4.5428).epsilon(1e-12));
  CHECK(equal.lines[0].basis == ConversionBasis::EqualValue);
  CHECK(equal.lines[0].coefficient.site_override);
  CHECK(equal.lines[0].coefficient.source == "test fixture, not a published figure");
  CHECK(equal.lines[1].tce == equivalent.lines[1].tce);
  CHECK(equal.lines[2].tce == equivalent.lines[2].tce);

  // The 2023 factor is not used for 2022.
  CHECK_THAT(accountingError(
                 [&] { computeComprehensiveEnergy(plant, t, ConversionBasis::EqualValue, 2022); }),
             Contains("for 2022"));
}

TEST_CASE("activity data that does not fit its coefficient is refused with a reason") {
  const CoalCoefficientTable t = shippedCoal();
  const auto run = [&](EnergyQuantity q) {
    return accountingError(
        [&] { computeComprehensiveEnergy({q}, t, ConversionBasis::EquivalentValue, 2023); });
  };
  CHECK_THAT(run({"raw_coal", 1, "kWh"}), Contains("activity in 'kWh' cannot be converted"));
  CHECK_THAT(run({"electricity", 1, "GJ"}),
             Contains("cannot be converted to the coefficient's unit 'kWh'"));
  CHECK_THAT(run({"raw_coal", -1, "t"}), Contains("must be >= 0"));
  CHECK_THAT(run({"peat", 1, "t"}), Contains("no standard-coal coefficient 'peat'"));
  CHECK_THAT(run({"coke_oven_gas", 1000, "m3"}), Contains("range 0.5714-0.6143 kgce/m3"));
}
