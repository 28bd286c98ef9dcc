// The factor files of assets/factors/ load with the vetted values and their sources
// (shared/docs/reference-factors.md), mistakes are reported as file:line:col, and a site
// override replaces a value and marks it as the site's.
#include <catch2/catch.hpp>

#include <string>

#include "accounting/factor_loader.h"
#include "greentwin/site_config.h"

using namespace gt;
using namespace gt::accounting;
using Catch::Matchers::Contains;

namespace {

const std::string kFactors = std::string(GREENTWIN_SOURCE_DIR) + "/assets/factors/";

CoalCoefficientTable shippedCoal() {
  return loadCoalCoefficients(kFactors + "gbt2589-2020.toml");
}
EmissionFactorTable shippedEmission() {
  return loadEmissionFactors(kFactors + "emission-factors.toml");
}

// The message of the ConfigError `f` throws ("" when it throws none).
template <typename F>
std::string configError(F&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("GB/T 2589-2020 coefficients load with the vetted values and sources") {
  const CoalCoefficientTable t = shippedCoal();
  CHECK(t.document == "GB/T 2589-2020");
  CHECK(t.coefficients.size() == 19);

  // reference-factors.md, GB/T 2589-2020 Annex A, kgce per unit.
  struct Expected {
    const char* key;
    const char* unit;
    double kgce;
  };
  const Expected annex_a[] = {
      {"raw_coal", "kg", 0.7143},
      {"washed_coal", "kg", 0.9000},
      {"coke", "kg", 0.9714},
      {"crude_oil", "kg", 1.4286},
      {"fuel_oil", "kg", 1.4286},
      {"gasoline", "kg", 1.4714},
      {"kerosene", "kg", 1.4714},
      {"diesel", "kg", 1.4571},
      {"lpg", "kg", 1.7143},
      {"refinery_dry_gas", "kg", 1.5714},
      {"natural_gas_oil_field", "m3", 1.3300},
      {"natural_gas_gas_field", "m3", 1.2143},
      {"electricity", "kWh", 0.1229},
      {"heat", "MJ", 0.03412},
      {"steam_low_pressure", "kg", 0.1286},
  };
  for (const Expected& e : annex_a) {
    INFO(e.key);
    const CoalCoefficient* c = t.find(e.key);
    REQUIRE(c);
    CHECK(c->unit == e.unit);
    REQUIRE(c->kgce_per_unit);
    CHECK(c->kgce_per_unit->value == e.kgce);
    CHECK_THAT(c->kgce_per_unit->source, Contains("GB/T 2589-2020 Annex A"));
    CHECK_THAT(c->kgce_per_unit->defined_at, Contains("gbt2589-2020.toml:"));
    CHECK_FALSE(c->kgce_per_unit->site_override);
  }
  // Annex B equal values of energy-carrying media, kgce/t.
  CHECK(t.find("new_water")->kgce_per_unit->value == 0.0857);
  CHECK(t.find("softened_water")->kgce_per_unit->value == 0.4857);
  CHECK(t.find("deaerated_water")->kgce_per_unit->value == 0.9714);
  CHECK(t.find("new_water")->kind == CoalCoefficientKind::Medium);
  CHECK_THAT(t.find("new_water")->kgce_per_unit->source, Contains("Annex B"));

  // NCVs where published, kJ/unit.
  CHECK(t.find("raw_coal")->ncv_kj_per_unit->value == 20908);
  CHECK(t.find("electricity")->ncv_kj_per_unit->value == 3600);
  CHECK_FALSE(t.find("heat")->ncv_kj_per_unit);

  // Coke-oven gas is a range, not a value; electricity's equal value is not shipped.
  const CoalCoefficient* cog = t.find("coke_oven_gas");
  CHECK_FALSE(cog->kgce_per_unit);
  CHECK(*cog->range_min == 0.5714);
  CHECK(*cog->range_max == 0.6143);
  CHECK(t.equal_values.empty());

  CHECK(t.keyForEnergyType(EnergyType::Electricity) == "electricity");
  CHECK(t.keyForEnergyType(EnergyType::Water) == "new_water");
  CHECK_FALSE(t.keyForEnergyType(EnergyType::CompressedAir));
  CHECK_FALSE(t.keyForEnergyType(EnergyType::Environment));
}

TEST_CASE("emission factors load: fuels, heat and grid factors per calibre and year") {
  const EmissionFactorTable t = shippedEmission();
  const FuelEmissionFactor* gas = t.findFuel("natural_gas");
  REQUIRE(gas);
  CHECK(gas->unit == "10^4 Nm3");
  CHECK(gas->ncv_gj_per_unit->value == 389.31);
  CHECK(gas->cc_tc_per_gj->value == 0.0153);
  CHECK(gas->oxidation_rate->value == 0.99);
  CHECK(t.findFuel("bituminous_coal")->oxidation_rate->value == 0.93);
  CHECK(t.fuels.size() == 9);
  CHECK(t.findHeat("heat")->tco2_per_gj.value == 0.11);

  CHECK(t.findGrid("national_average", 2021)->tco2_per_mwh.value == 0.5568);
  CHECK(t.findGrid("national_average", 2022)->tco2_per_mwh.value == 0.5366);
  CHECK(t.findGrid("national_average", 2023)->tco2_per_mwh.value == 0.5306);
  CHECK(t.findGrid("carbon_market_reporting", 2023)->tco2_per_mwh.value == 0.5703);
  CHECK_THAT(t.findGrid("carbon_market_reporting", 2023)->tco2_per_mwh.source,
             Contains("carbon-market"));
  CHECK(t.findGrid("regional_east", 2023)->tco2_per_mwh.value == 0.5500);
  CHECK_FALSE(t.findGrid("national_average", 2024));
  CHECK_FALSE(t.findGrid("carbon_market_reporting", 2022));
}

TEST_CASE("factor-file mistakes name file:line:col") {
  // Line 3, column 17 is the value of kgce_per_unit.
  const std::string negative =
      "[[coefficient]]\n"
      "key = \"x\"\n"
      "kgce_per_unit = -1.0\n"
      "kind = \"fuel\"\nunit = \"kg\"\nsource = \"s\"\n";
  CHECK_THAT(configError([&] { parseCoalCoefficients(negative, "f.toml"); }),
             Contains("f.toml:3:17: coefficient 'x': 'kgce_per_unit' is -1"));

  const std::string bad_unit =
      "[[coefficient]]\nkey = \"x\"\nkind = \"fuel\"\nunit = \"lb\"\n"
      "kgce_per_unit = 1.0\nsource = \"s\"\n";
  CHECK_THAT(configError([&] { parseCoalCoefficients(bad_unit, "f.toml"); }),
             Contains("f.toml:4:8: coefficient 'x': unknown unit 'lb'"));

  CHECK_THAT(configError([&] { parseCoalCoefficients("[[coefficient]\n", "f.toml"); }),
             Contains("f.toml:1:"));

  const std::string typo =
      "[[grid]]\ncalibre = \"national_average\"\nyear = 2023\ntco2_per_mwh = 0.5306\n"
      "source = \"s\"\nsoruce = \"t\"\n";
  CHECK_THAT(configError([&] { parseEmissionFactors(typo, "e.toml"); }), Contains("e.toml:6:"));
  CHECK_THAT(configError([&] { parseEmissionFactors(typo, "e.toml"); }),
             Contains("unknown key 'soruce'"));

  const std::string twice =
      "[[grid]]\ncalibre = \"a\"\nyear = 2023\ntco2_per_mwh = 0.5\nsource = \"s\"\n"
      "[[grid]]\ncalibre = \"a\"\nyear = 2023\ntco2_per_mwh = 0.6\nsource = \"s\"\n";
  CHECK_THAT(configError([&] { parseEmissionFactors(twice, "e.toml"); }),
             Contains("e.toml:6:1: grid factor 'a' 2023: defined twice"));

  const std::string incomplete_fuel =
      "[[fuel]]\nkey = \"gas\"\nunit = \"t\"\nncv_gj_per_unit = 40.0\nsource = \"s\"\n";
  CHECK_THAT(configError([&] { parseEmissionFactors(incomplete_fuel, "e.toml"); }),
             Contains("e.toml:1:1: fuel 'gas': needs ncv_gj_per_unit, cc_tc_per_gj"));

  CHECK_THAT(configError([] { loadCoalCoefficients("/nonexistent/factors.toml"); }),
             Contains("/nonexistent/factors.toml: cannot open"));
}

TEST_CASE("a site override replaces one value, marked as the site's with its own source") {
  CoalCoefficientTable coal = shippedCoal();
  EmissionFactorTable emission = shippedEmission();
  const std::string overrides =
      "[[fuel]]\n"
      "key = \"natural_gas\"\n"
      "ncv_gj_per_unit = 360.0\n"
      "source = \"gas supplier certificate 2023-Q4, measured NCV\"\n"
      "[[coefficient]]\n"
      "key = \"coke_oven_gas\"\n"
      "kgce_per_unit = 0.6\n"
      "source = \"site lab, 2023 average\"\n"
      "[site_energy_type]\n"
      "natural_gas = \"natural_gas_gas_field\"\n";
  parseFactorOverrides(overrides, "site-factors.toml", coal, emission);

  const FuelEmissionFactor* gas = emission.findFuel("natural_gas");
  CHECK(gas->ncv_gj_per_unit->value == 360.0);
  CHECK(gas->ncv_gj_per_unit->site_override);
  CHECK(gas->ncv_gj_per_unit->source == "gas supplier certificate 2023-Q4, measured NCV");
  CHECK(gas->ncv_gj_per_unit->defined_at == "site-factors.toml:3:19");
  // The carbon content the site did not measure keeps the standard's value and source.
  CHECK(gas->cc_tc_per_gj->value == 0.0153);
  CHECK_FALSE(gas->cc_tc_per_gj->site_override);
  CHECK_THAT(gas->cc_tc_per_gj->source, Contains("GB/T 32151"));

  CHECK(coal.find("coke_oven_gas")->kgce_per_unit->value == 0.6);
  CHECK(coal.find("coke_oven_gas")->kgce_per_unit->site_override);
  CHECK(coal.keyForEnergyType(EnergyType::NaturalGas) == "natural_gas_gas_field");
}

TEST_CASE("a site override is checked like the factor files") {
  CoalCoefficientTable coal = shippedCoal();
  EmissionFactorTable emission = shippedEmission();

  // Coke-oven gas outside the standard's published range 0.5714-0.6143.
  const std::string out_of_range =
      "[[coefficient]]\nkey = \"coke_oven_gas\"\nkgce_per_unit = 0.7\nsource = \"s\"\n";
  CHECK_THAT(configError([&] { parseFactorOverrides(out_of_range, "o.toml", coal, emission); }),
             Contains("o.toml:3:17: coefficient 'coke_oven_gas': kgce_per_unit is outside"));

  const std::string no_source = "[[fuel]]\nkey = \"diesel\"\nncv_gj_per_unit = 43.0\n";
  CHECK_THAT(configError([&] { parseFactorOverrides(no_source, "o.toml", coal, emission); }),
             Contains("o.toml:1:1: fuel 'diesel' has no 'source'"));

  const std::string fuel_equal_value =
      "[[equal_value]]\nkey = \"raw_coal\"\nyear = 2023\nunit = \"kg\"\n"
      "kgce_per_unit = 0.7\nsource = \"s\"\n";
  CHECK_THAT(configError([&] { parseFactorOverrides(fuel_equal_value, "o.toml", coal, emission); }),
             Contains("o.toml:2:7: equal value of 'raw_coal' for 2023: only secondary energy"));

  const std::string unknown_type = "[site_energy_type]\nsteem = \"steam_low_pressure\"\n";
  CHECK_THAT(configError([&] { parseFactorOverrides(unknown_type, "o.toml", coal, emission); }),
             Contains("o.toml:2:9: [site_energy_type] has an unknown key 'steem'"));

  // A failed override leaves the tables as they were.
  CHECK_FALSE(coal.find("coke_oven_gas")->kgce_per_unit);
}
