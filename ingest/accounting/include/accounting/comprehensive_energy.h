// Comprehensive energy consumption (综合能耗) of GB/T 2589-2020: E = sum(e_i * p_i), in tonnes
// of standard coal equivalent (tce), for a set of energy quantities, with electricity, heat and
// steam taken at their equivalent value (当量值) or equal value (等价值). Each line keeps the
// coefficient it used and its source, so a report can show where every tce came from. Pure.
#pragma once

#include <string>
#include <vector>

#include "accounting/factor_tables.h"

namespace gt::accounting {

// Activity data of one energy over the accounting period.
struct EnergyQuantity {
  std::string key;    // a coefficient key of gbt2589-2020.toml: "electricity", "raw_coal"
  double amount = 0;  // >= 0, in `unit`
  std::string unit;   // an activity unit of the coefficient's dimension: "kWh", "t", "m3", "GJ"
};

// One e_i * p_i term.
struct EnergyConversionLine {
  std::string key, name_zh, name_en;
  double amount = 0;  // as given, in `unit`
  std::string unit;
  ConversionBasis basis = ConversionBasis::EquivalentValue;  // of the coefficient used
  FactorValue coefficient;  // kgce per `coefficient_unit`, with its source and location
  std::string coefficient_unit;
  double kgce = 0;      // amount converted to coefficient_unit, times the coefficient
  double tce = 0;       // kgce / 1000
  std::string formula;  // the computation written out with its numbers
};

struct ComprehensiveEnergy {
  ConversionBasis basis = ConversionBasis::EquivalentValue;  // requested for secondary energy
  int year = 0;                                              // selects yearly equal values
  std::vector<EnergyConversionLine> lines;                   // one per quantity, in order
  double total_tce = 0;                                      // sum of the lines' tce
};

// E = sum(e_i * p_i) (GB/T 2589-2020; formula as in seed 000 §9.7.1.3.3 note 2).
//   basis: for secondary energy (electricity, heat, steam). Fuels have one coefficient for
//          both; energy-carrying media (water) have only an equal value (Annex B) and use it
//          under either basis.
//   year:  the accounting year; EqualValue takes that year's [[equal_value]] entry.
// An empty list gives 0 tce. Throws AccountingError for an unknown key, a negative or
// non-finite amount, a unit of another dimension than the coefficient's, a coefficient the
// site must supply (coke-oven gas), or an equal value missing for the key and year: the
// message says which entry to add to the site's factor-override file.
ComprehensiveEnergy computeComprehensiveEnergy(const std::vector<EnergyQuantity>& quantities,
                                               const CoalCoefficientTable& coefficients,
                                               ConversionBasis basis, int year);

}  // namespace gt::accounting
