// GB/T 2589-2020 comprehensive energy consumption: picks each energy's coefficient for the
// requested basis and year, converts the activity data to the coefficient's unit, and sums.
#include "accounting/comprehensive_energy.h"

#include <cmath>

#include "accounting/accounting_error.h"
#include "accounting/activity_unit.h"
#include "number_text.h"

namespace gt::accounting {
namespace {

struct ChosenCoefficient {
  ConversionBasis basis;
  FactorValue value;
  std::string unit;
};

std::string knownKeys(const CoalCoefficientTable& table) {
  std::string keys;
  for (const CoalCoefficient& c : table.coefficients) {
    if (!keys.empty()) keys += ", ";
    keys += c.key;
  }
  return keys;
}

ChosenCoefficient chooseCoefficient(const CoalCoefficient& c, const CoalCoefficientTable& table,
                                    ConversionBasis basis, int year) {
  // Secondary energy at equal value: the year's published coal use per unit supplied.
  if (c.kind == CoalCoefficientKind::Secondary && basis == ConversionBasis::EqualValue) {
    const EqualValueCoefficient* e = table.findEqualValue(c.key, year);
    if (!e) {
      throw AccountingError("no equal value (等价值) of " + c.name_en + " (" + c.key + ") for " +
                            std::to_string(year) +
                            ": GreenTwin ships none because no published figure was "
                            "verified; add [[equal_value]] key = \"" +
                            c.key + "\", year = " + std::to_string(year) +
                            ", unit, kgce_per_unit and source to the site's "
                            "factor-override file, or report at equivalent value (当量值)");
    }
    return {ConversionBasis::EqualValue, e->kgce_per_unit, e->unit};
  }
  if (!c.kgce_per_unit) {
    std::string range;
    if (c.range_min) {
      range = " (the standard gives only the range " + numberText(*c.range_min) + "-" +
              numberText(*c.range_max) + " kgce/" + c.unit + ")";
    }
    throw AccountingError("no standard-coal coefficient for " + c.name_en + " (" + c.key + ")" +
                          range + ": set the site's value as kgce_per_unit in its " +
                          "factor-override file");
  }
  // GB/T 2589-2020 Annex B: energy-carrying media have only an equal value.
  const ConversionBasis used =
      c.kind == CoalCoefficientKind::Medium ? ConversionBasis::EqualValue : basis;
  return {used, *c.kgce_per_unit, c.unit};
}

EnergyConversionLine convert(const EnergyQuantity& q, const CoalCoefficientTable& table,
                             ConversionBasis basis, int year) {
  const CoalCoefficient* c = table.find(q.key);
  if (!c) {
    throw AccountingError("no standard-coal coefficient '" + q.key +
                          "' (known: " + knownKeys(table) + ")");
  }
  if (!std::isfinite(q.amount) || q.amount < 0) {
    throw AccountingError(c->name_en + ": the amount " + numberText(q.amount) + " " + q.unit +
                          " is not a quantity of energy consumed (must be >= 0)");
  }
  ChosenCoefficient chosen = chooseCoefficient(*c, table, basis, year);
  const auto ratio = activityUnitRatio(q.unit, chosen.unit);
  if (!ratio) {
    throw AccountingError(c->name_en + ": activity in '" + q.unit +
                          "' cannot be converted to the coefficient's unit '" + chosen.unit +
                          "' (known units: " + knownActivityUnits() + ")");
  }

  EnergyConversionLine line;
  line.key = c->key;
  line.name_zh = c->name_zh;
  line.name_en = c->name_en;
  line.amount = q.amount;
  line.unit = q.unit;
  line.basis = chosen.basis;
  line.coefficient = chosen.value;
  line.coefficient_unit = chosen.unit;
  const double in_coefficient_unit = q.amount * *ratio;
  line.kgce = in_coefficient_unit * chosen.value.value;
  line.tce = line.kgce / 1000.0;  // 1 tce = 1000 kgce

  std::string formula;
  if (q.unit != chosen.unit) {
    formula = numberText(q.amount) + " " + q.unit + " = " + numberText(in_coefficient_unit) + " " +
              chosen.unit + "; ";
  }
  formula += numberText(in_coefficient_unit) + " " + chosen.unit + " x " +
             numberText(chosen.value.value) + " kgce/" + chosen.unit + " = " +
             numberText(line.kgce) + " kgce = " + numberText(line.tce) + " tce (" +
             std::string(conversionBasisName(chosen.basis)) + ", " + chosen.value.source + ")";
  line.formula = std::move(formula);
  return line;
}

}  // namespace

ComprehensiveEnergy computeComprehensiveEnergy(const std::vector<EnergyQuantity>& quantities,
                                               const CoalCoefficientTable& coefficients,
                                               ConversionBasis basis, int year) {
  ComprehensiveEnergy result;
  result.basis = basis;
  result.year = year;
  for (const EnergyQuantity& q : quantities) {
    result.lines.push_back(convert(q, coefficients, basis, year));
    result.total_tce += result.lines.back().tce;
  }
  return result;
}

}  // namespace gt::accounting
