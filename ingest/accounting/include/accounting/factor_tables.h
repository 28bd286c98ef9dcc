// The factor tables accounting computes with, as loaded from assets/factors/*.toml plus the
// site's overrides (factor_loader.h). Every value carries where it came from, so each figure
// in a report can be traced to a document and clause, or to the site's own measurement.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/site_config.h"

namespace gt::accounting {

// One number from a factor file, with its provenance.
struct FactorValue {
  double value = 0.0;
  std::string source;      // document and clause ("GB/T 2589-2020 Annex A"), or the override's text
  std::string defined_at;  // "assets/factors/gbt2589-2020.toml:120:17"
  bool site_override = false;  // replaced or added by the site's factor-override file
};

// GB/T 2589-2020 distinguishes how secondary energy is converted to standard coal.
enum class ConversionBasis {
  EquivalentValue,  // 当量值: the energy's own heat content (electricity 0.1229 kgce/kWh)
  EqualValue,       // 等价值: the primary energy spent to supply one unit (published yearly)
};
std::string_view conversionBasisName(ConversionBasis basis);  // "equivalent value (当量值)"

enum class CoalCoefficientKind {
  Fuel,       // primary energy: the same coefficient for both bases
  Secondary,  // electricity, heat, steam: Annex A is the equivalent value; equal value per year
  Medium,     // energy-carrying medium (耗能工质): only an equal value exists (Annex B)
};

// A standard-coal coefficient (折标准煤系数), kgce per `unit`.
struct CoalCoefficient {
  std::string key;  // "raw_coal", "electricity", "new_water"
  std::string name_zh, name_en;
  CoalCoefficientKind kind = CoalCoefficientKind::Fuel;
  std::string unit;                            // the unit the value is published per: "kg"
  std::optional<FactorValue> kgce_per_unit;    // absent where the standard gives only a range
  std::optional<double> range_min, range_max;  // published range, kgce/unit (coke-oven gas)
  std::optional<FactorValue> ncv_kj_per_unit;  // net calorific value behind it, where published
  std::string source;                          // the entry's document and clause
};

// A secondary energy's equal value (等价值) for one year: kgce per `unit`.
struct EqualValueCoefficient {
  std::string key;  // a CoalCoefficient key of kind Secondary
  int year = 0;
  std::string unit;
  FactorValue kgce_per_unit;
};

struct CoalCoefficientTable {
  std::string document;  // "GB/T 2589-2020"
  std::vector<CoalCoefficient> coefficients;
  std::vector<EqualValueCoefficient> equal_values;
  std::map<std::string, std::string> site_energy_type;  // energyTypeName() -> coefficient key

  const CoalCoefficient* find(std::string_view key) const;
  const EqualValueCoefficient* findEqualValue(std::string_view key, int year) const;
  // The coefficient a site.toml energy type is accounted with; nullopt for types that are not
  // counted (compressed air is made from electricity already counted; environment is no energy).
  std::optional<std::string> keyForEnergyType(EnergyType type) const;
};

// Combustion emission factor of one fuel (GB/T 32150-2015): per `unit` of fuel,
// tCO2 = NCV x CC x OF x 44/12, unless a configured tco2_per_unit replaces the product.
struct FuelEmissionFactor {
  std::string key;  // "natural_gas", "diesel"
  std::string name_zh, name_en;
  std::string unit;                            // "t", "10^4 Nm3"
  std::optional<FactorValue> ncv_gj_per_unit;  // net calorific value, GJ/unit
  std::optional<FactorValue> cc_tc_per_gj;     // carbon content per unit heat, tC/GJ
  std::optional<FactorValue> oxidation_rate;   // 0..1
  std::optional<FactorValue> tco2_per_unit;    // a configured emission factor, tCO2/unit
};

struct HeatEmissionFactor {
  std::string key;  // "heat"
  std::string name_zh, name_en;
  FactorValue tco2_per_gj;
};

// Grid electricity factor of one calibre and year, tCO2/MWh (= kgCO2/kWh).
struct GridEmissionFactor {
  std::string calibre;  // "national_average", "carbon_market_reporting", "regional_east", ...
  int year = 0;
  FactorValue tco2_per_mwh;
};

struct EmissionFactorTable {
  std::string document;  // "GB/T 32150-2015"
  std::vector<FuelEmissionFactor> fuels;
  std::vector<HeatEmissionFactor> heat;
  std::vector<GridEmissionFactor> grid;

  const FuelEmissionFactor* findFuel(std::string_view key) const;
  const HeatEmissionFactor* findHeat(std::string_view key) const;
  const GridEmissionFactor* findGrid(std::string_view calibre, int year) const;
};

}  // namespace gt::accounting
