// GB/T 32150-2015 CO2 inventory: one traced line per source, exports subtracted, own
// renewable generation reported as avoided emissions beside the total.
#include "accounting/carbon_inventory.h"

#include <cmath>

#include "accounting/accounting_error.h"
#include "accounting/activity_unit.h"
#include "number_text.h"

namespace gt::accounting {
namespace {

// GB/T 32150-2015: carbon oxidised to CO2, by molar mass 44 g/mol CO2 per 12 g/mol C.
constexpr double kCo2PerCarbon = 44.0 / 12.0;

void requireQuantity(const std::string& what, double value, std::string_view unit) {
  if (!std::isfinite(value) || value < 0) {
    throw AccountingError(what + ": " + numberText(value) + " " + std::string(unit) +
                          " is not a quantity (must be >= 0)");
  }
}

EmissionLine fuelLine(const FuelUse& use, const EmissionFactorTable& factors) {
  const FuelEmissionFactor* f = factors.findFuel(use.fuel);
  if (!f) {
    std::string known;
    for (const FuelEmissionFactor& other : factors.fuels)
      known += (known.empty() ? "" : ", ") + other.key;
    throw AccountingError("no emission factor for fuel '" + use.fuel + "' (known: " + known + ")");
  }
  requireQuantity(f->name_en, use.amount, use.unit);
  const auto ratio = activityUnitRatio(use.unit, f->unit);
  if (!ratio) {
    throw AccountingError(f->name_en + ": activity in '" + use.unit +
                          "' cannot be converted to the factor's unit '" + f->unit + "'");
  }
  const double ad = use.amount * *ratio;  // activity data in the factor's unit

  EmissionLine line;
  line.category = EmissionCategory::FuelCombustion;
  line.name = f->name_en;
  line.process = use.process;
  line.activity = use.amount;
  line.activity_unit = use.unit;
  std::string formula;
  if (use.unit != f->unit) {
    formula =
        numberText(use.amount) + " " + use.unit + " = " + numberText(ad) + " " + f->unit + "; ";
  }
  if (f->tco2_per_unit) {
    line.factors.push_back({"emission factor", "tCO2/" + f->unit, *f->tco2_per_unit});
    line.tco2 = ad * f->tco2_per_unit->value;
    formula += numberText(ad) + " " + f->unit + " x " + numberText(f->tco2_per_unit->value) +
               " tCO2/" + f->unit;
  } else {
    line.factors.push_back({"NCV", "GJ/" + f->unit, *f->ncv_gj_per_unit});
    line.factors.push_back({"CC", "tC/GJ", *f->cc_tc_per_gj});
    line.factors.push_back({"OF", "", *f->oxidation_rate});
    line.tco2 = ad * fuelEmissionFactor(*f);
    formula += numberText(ad) + " " + f->unit + " x " + numberText(f->ncv_gj_per_unit->value) +
               " GJ/" + f->unit + " x " + numberText(f->cc_tc_per_gj->value) + " tC/GJ x " +
               numberText(f->oxidation_rate->value) + " x 44/12";
  }
  line.formula = formula + " = " + numberText(line.tco2) + " tCO2";
  return line;
}

EmissionLine processLine(const ProcessEmissionSource& source) {
  requireQuantity(source.name, source.activity, source.unit);
  EmissionLine line;
  line.category = EmissionCategory::Process;
  line.name = source.name;
  line.process = source.process;
  line.activity = source.activity;
  line.activity_unit = source.unit;
  line.factors.push_back({"emission factor", "tCO2/" + source.unit, source.tco2_per_unit});
  line.tco2 = source.activity * source.tco2_per_unit.value;
  line.formula = numberText(source.activity) + " " + source.unit + " x " +
                 numberText(source.tco2_per_unit.value) + " tCO2/" + source.unit + " = " +
                 numberText(line.tco2) + " tCO2";
  return line;
}

// sign: +1 for purchased, -1 for exported.
EmissionLine electricityLine(EmissionCategory category, const std::string& name, double kwh,
                             const GridEmissionFactor& grid, double sign) {
  EmissionLine line;
  line.category = category;
  line.name = name;
  line.activity = kwh;
  line.activity_unit = "kWh";
  line.factors.push_back({"grid factor (" + grid.calibre + " " + std::to_string(grid.year) + ")",
                          "tCO2/MWh", grid.tco2_per_mwh});
  const double mwh = kwh / 1000.0;
  line.tco2 = sign * mwh * grid.tco2_per_mwh.value;
  line.formula = (sign < 0 ? "-(" : "") + numberText(kwh) + " kWh = " + numberText(mwh) +
                 " MWh x " + numberText(grid.tco2_per_mwh.value) + " tCO2/MWh" +
                 (sign < 0 ? ")" : "") + " = " + numberText(line.tco2) + " tCO2";
  return line;
}

EmissionLine heatLine(EmissionCategory category, const std::string& name, double gj,
                      const HeatEmissionFactor& heat, double sign) {
  EmissionLine line;
  line.category = category;
  line.name = name;
  line.activity = gj;
  line.activity_unit = "GJ";
  line.factors.push_back({"heat factor (" + heat.key + ")", "tCO2/GJ", heat.tco2_per_gj});
  line.tco2 = sign * gj * heat.tco2_per_gj.value;
  line.formula = (sign < 0 ? "-(" : "") + numberText(gj) + " GJ x " +
                 numberText(heat.tco2_per_gj.value) + " tCO2/GJ" + (sign < 0 ? ")" : "") + " = " +
                 numberText(line.tco2) + " tCO2";
  return line;
}

}  // namespace

std::string_view emissionCategoryName(EmissionCategory category) {
  switch (category) {
    case EmissionCategory::FuelCombustion:
      return "fuel combustion";
    case EmissionCategory::Process:
      return "process";
    case EmissionCategory::PurchasedElectricity:
      return "purchased electricity";
    case EmissionCategory::PurchasedHeat:
      return "purchased heat";
    case EmissionCategory::ExportedElectricity:
      return "exported electricity";
    case EmissionCategory::ExportedHeat:
      return "exported heat";
    case EmissionCategory::AvoidedByOwnGeneration:
      return "avoided by own renewable generation";
  }
  return "?";
}

double CarbonInventory::totalOf(EmissionCategory category) const {
  double sum = 0;
  for (const EmissionLine& line : lines)
    if (line.category == category) sum += line.tco2;
  return sum;
}

double fuelEmissionFactor(const FuelEmissionFactor& fuel) {
  if (fuel.tco2_per_unit) return fuel.tco2_per_unit->value;
  // The loader guarantees the three are present when tco2_per_unit is not.
  return fuel.ncv_gj_per_unit->value * fuel.cc_tc_per_gj->value * fuel.oxidation_rate->value *
         kCo2PerCarbon;
}

CarbonInventory computeCarbonInventory(const CarbonActivity& activity,
                                       const EmissionFactorTable& factors) {
  CarbonInventory inventory;
  inventory.year = activity.year;
  inventory.grid_calibre = activity.grid_calibre;

  for (const FuelUse& use : activity.fuels) inventory.lines.push_back(fuelLine(use, factors));
  for (const ProcessEmissionSource& source : activity.process_sources) {
    inventory.lines.push_back(processLine(source));
  }

  requireQuantity("purchased electricity", activity.purchased_electricity_kwh, "kWh");
  requireQuantity("exported electricity", activity.exported_electricity_kwh, "kWh");
  requireQuantity("own renewable generation", activity.own_renewable_generation_kwh, "kWh");
  const bool has_electricity = activity.purchased_electricity_kwh > 0 ||
                               activity.exported_electricity_kwh > 0 ||
                               activity.own_renewable_generation_kwh > 0;
  if (has_electricity) {
    // 003 §4.5.4-4: the factor officially published for the accounting year, never another
    // year's: a missing year is an error, not a fallback.
    const GridEmissionFactor* grid = factors.findGrid(activity.grid_calibre, activity.year);
    if (!grid) {
      throw AccountingError("no grid emission factor '" + activity.grid_calibre + "' for " +
                            std::to_string(activity.year) +
                            ": add a [[grid]] entry (calibre, year, tco2_per_mwh, source) to "
                            "the site's factor-override file once the factor is published");
    }
    if (activity.purchased_electricity_kwh > 0) {
      inventory.lines.push_back(electricityLine(EmissionCategory::PurchasedElectricity,
                                                "purchased electricity",
                                                activity.purchased_electricity_kwh, *grid, 1.0));
    }
    if (activity.exported_electricity_kwh > 0) {
      inventory.lines.push_back(electricityLine(EmissionCategory::ExportedElectricity,
                                                "exported electricity",
                                                activity.exported_electricity_kwh, *grid, -1.0));
    }
    if (activity.own_renewable_generation_kwh > 0) {
      // Seed 003, explanation of §4.5.9: the reduction is computed and shown, but not
      // subtracted from the total again (the grid purchase it replaced is already absent).
      inventory.avoided = electricityLine(EmissionCategory::AvoidedByOwnGeneration,
                                          "own renewable generation (avoided, not deducted)",
                                          activity.own_renewable_generation_kwh, *grid, 1.0);
      inventory.avoided_tco2 = inventory.avoided->tco2;
    }
  }

  requireQuantity("purchased heat", activity.purchased_heat_gj, "GJ");
  requireQuantity("exported heat", activity.exported_heat_gj, "GJ");
  if (activity.purchased_heat_gj > 0 || activity.exported_heat_gj > 0) {
    const HeatEmissionFactor* heat = factors.findHeat(activity.heat_factor);
    if (!heat) throw AccountingError("no heat emission factor '" + activity.heat_factor + "'");
    if (activity.purchased_heat_gj > 0) {
      inventory.lines.push_back(heatLine(EmissionCategory::PurchasedHeat, "purchased heat",
                                         activity.purchased_heat_gj, *heat, 1.0));
    }
    if (activity.exported_heat_gj > 0) {
      inventory.lines.push_back(heatLine(EmissionCategory::ExportedHeat, "exported heat",
                                         activity.exported_heat_gj, *heat, -1.0));
    }
  }

  for (const EmissionLine& line : inventory.lines) inventory.total_tco2 += line.tco2;
  return inventory;
}

}  // namespace gt::accounting
