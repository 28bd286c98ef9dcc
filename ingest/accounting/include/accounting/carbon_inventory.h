// The CO2 inventory of an industrial enterprise for one year, GB/T 32150-2015: fuel combustion,
// process emissions, purchased electricity and heat, minus exported electricity and heat.
// Own renewable generation (PV, wind) is reported beside the total as avoided emissions and is
// NOT subtracted from it: the purchased electricity it displaced is already missing from the
// inventory (seed 003, explanation of §4.5.9: no double reduction). Every line records its
// activity data, the factors with their sources, and the formula with its numbers. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounting/factor_tables.h"

namespace gt::accounting {

enum class EmissionCategory {
  FuelCombustion,          // 燃料燃烧排放
  Process,                 // 工业生产过程排放
  PurchasedElectricity,    // 购入电力
  PurchasedHeat,           // 购入热力
  ExportedElectricity,     // 输出电力 (negative)
  ExportedHeat,            // 输出热力 (negative)
  AvoidedByOwnGeneration,  // information only, never in the total
};
std::string_view emissionCategoryName(EmissionCategory category);  // "fuel combustion", ...

struct FuelUse {
  std::string fuel;     // a [[fuel]] key of emission-factors.toml: "natural_gas", "diesel"
  double amount = 0;    // >= 0, in `unit`
  std::string unit;     // activity unit of the fuel's dimension: "m3", "t"
  std::string process;  // where it was burnt (for per-process totals); may be empty
};

// A process source the site configures with its own factor (GB/T 32150 leaves process
// emission factors to the sector guides): tCO2 = activity x factor.
struct ProcessEmissionSource {
  std::string name;           // "CO2 shielding gas, welding line 2"
  double activity = 0;        // >= 0, in `unit`
  std::string unit;           // free text: "t", "m3"
  FactorValue tco2_per_unit;  // with the site's source text
  std::string process;
};

// Activity data of one calendar year.
struct CarbonActivity {
  int year = 0;                                   // selects the grid factor of that year
  std::string grid_calibre = "national_average";  // a [[grid]] calibre; never mixed in a report
  std::vector<FuelUse> fuels;
  std::vector<ProcessEmissionSource> process_sources;
  double purchased_electricity_kwh = 0;     // from the grid, >= 0
  double exported_electricity_kwh = 0;      // to the grid, >= 0
  double purchased_heat_gj = 0;             // >= 0
  double exported_heat_gj = 0;              // >= 0
  std::string heat_factor = "heat";         // a [[heat]] key
  double own_renewable_generation_kwh = 0;  // PV/wind generated on site, >= 0
};

// One factor as used in a line.
struct FactorUse {
  std::string name;  // "NCV", "CC", "OF", "grid factor (national_average 2023)"
  std::string unit;  // "GJ/10^4 Nm3", "tC/GJ", "tCO2/MWh"
  FactorValue value;
};

struct EmissionLine {
  EmissionCategory category = EmissionCategory::FuelCombustion;
  std::string name;     // "natural gas", "purchased electricity"
  std::string process;  // empty where not per process
  double activity = 0;  // as given
  std::string activity_unit;
  std::vector<FactorUse> factors;
  std::string formula;  // the computation with its numbers
  double tco2 = 0;      // negative for exports
};

struct CarbonInventory {
  int year = 0;
  std::string grid_calibre;
  std::vector<EmissionLine> lines;      // fuel, process, purchased, exported: these make the total
  double total_tco2 = 0;                // sum of `lines`; may be negative for a net exporter
  std::optional<EmissionLine> avoided;  // own generation x grid factor, when there is any
  double avoided_tco2 = 0;              // reported beside the total, never subtracted from it

  double totalOf(EmissionCategory category) const;
};

// The combustion factor of `fuel`, tCO2 per its `unit`: NCV x CC x OF x 44/12
// (GB/T 32150-2015; 44/12 is the CO2/C mass ratio), or its configured tco2_per_unit.
double fuelEmissionFactor(const FuelEmissionFactor& fuel);

// The inventory of `activity`. Throws AccountingError for an unknown fuel or heat key, a
// negative or non-finite quantity, a fuel unit of another dimension, or no grid factor of
// the calibre for the year (when there is electricity to account).
CarbonInventory computeCarbonInventory(const CarbonActivity& activity,
                                       const EmissionFactorTable& factors);

}  // namespace gt::accounting
