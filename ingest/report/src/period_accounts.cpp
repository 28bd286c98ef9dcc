// From bound points' period consumption to the accounting library's inputs, and back to lines
// that keep their points. No formula is computed here: e_i x p_i and the emission formulas are
// the library's (ingest/accounting); this file only adds up meters and attributes them.
#include "period_accounts.h"

#include <cmath>
#include <sstream>

#include "accounting/accounting_error.h"
#include "accounting/activity_unit.h"
#include "accounting/factor_loader.h"
#include "report_error.h"

namespace gt::report {
namespace {

using accounting::ComprehensiveEnergy;
using accounting::EnergyConversionLine;
using accounting::EnergyQuantity;

std::optional<EnergyType> energyTypeOf(std::string_view carrier) {
  for (EnergyType t :
       {EnergyType::Electricity, EnergyType::NaturalGas, EnergyType::Water, EnergyType::Steam,
        EnergyType::CompressedAir, EnergyType::Heat, EnergyType::Environment}) {
    if (energyTypeName(t) == carrier) return t;
  }
  return std::nullopt;
}

std::string resolveCoefficient(const PointBinding& b,
                               const accounting::CoalCoefficientTable& coal) {
  if (!b.coefficient.empty()) {
    if (!coal.find(b.coefficient)) {
      throw ReportError(b.defined_at + ": point '" + b.point + "': coefficient '" + b.coefficient +
                        "' is not in " + coal.document + " (assets/factors/gbt2589-2020.toml)");
    }
    return b.coefficient;
  }
  if (const auto type = energyTypeOf(b.carrier)) return coal.keyForEnergyType(*type).value_or("");
  if (coal.find(b.carrier)) return b.carrier;
  throw ReportError(b.defined_at + ": point '" + b.point + "': carrier '" + b.carrier +
                    "' has no standard-coal coefficient; add coefficient = \"<key of "
                    "gbt2589-2020.toml>\"");
}

// Water is metered in m3 and its coefficient (GB/T 2589-2020 Annex B) is per tonne: 1 m3 of
// water is taken as 1 t.
EnergyQuantity quantityOf(const std::string& key, double amount, const std::string& unit,
                          const accounting::CoalCoefficientTable& coal) {
  const accounting::CoalCoefficient* c = coal.find(key);
  if (c && c->kind == accounting::CoalCoefficientKind::Medium && unit == "m3" && c->unit == "t") {
    return {key, amount, "t"};
  }
  return {key, amount, unit};
}

EnergyConversionLine convert(const EnergyQuantity& q, const FactorSet& factors,
                             accounting::ConversionBasis basis, int year) {
  const ComprehensiveEnergy e =
      accounting::computeComprehensiveEnergy({q}, factors.coal, basis, year);
  return e.lines.at(0);
}

// Adds `a` into the group of lines with the same coefficient and unit, keeping first-seen order.
struct Group {
  std::string key, unit, carrier, area;
  PointRole role = PointRole::Purchased;
  double amount = 0;
  std::vector<std::string> points;
};
void addTo(std::vector<Group>& groups, const BoundActivity& a, const std::string& area) {
  for (Group& g : groups) {
    if (g.key == a.coefficient && g.unit == a.binding.unit && g.role == a.binding.role &&
        g.area == area && g.carrier == a.binding.carrier) {
      g.amount += a.activity.amount;
      g.points.push_back(a.binding.point);
      return;
    }
  }
  groups.push_back({a.coefficient,
                    a.binding.unit,
                    a.binding.carrier,
                    area,
                    a.binding.role,
                    a.activity.amount,
                    {a.binding.point}});
}

double toUnit(double amount, const std::string& from, std::string_view to,
              const std::string& where) {
  const auto ratio = accounting::activityUnitRatio(from, to);
  if (!ratio) {
    throw ReportError(where + ": a quantity in '" + from + "' cannot be converted to " +
                      std::string(to));
  }
  return amount * *ratio;
}

}  // namespace

FactorSet loadFactorSet(const AccountingBindings& bindings) {
  FactorSet f;
  f.coal = accounting::loadCoalCoefficients(bindings.factors_dir / "gbt2589-2020.toml");
  f.emission = accounting::loadEmissionFactors(bindings.factors_dir / "emission-factors.toml");
  if (!bindings.factor_overrides.empty()) {
    accounting::applyFactorOverrides(bindings.factor_overrides, f.coal, f.emission);
  }
  return f;
}

PeriodAccounts computePeriodAccounts(const SiteConfig& site, const AccountingBindings& bindings,
                                     const FactorSet& factors, const PeriodActivityReader& reader,
                                     const ReportPeriod& period) {
  PeriodAccounts acc;
  acc.period = period;
  acc.basis = bindings.electricity_basis;
  acc.factor_year = bindings.factor_year.value_or(period.year);
  acc.factor_year_configured = bindings.factor_year.has_value();
  acc.grid_calibre = bindings.grid_calibre;

  for (const PointBinding& b : bindings.points) {
    BoundActivity a;
    a.binding = b;
    a.coefficient = resolveCoefficient(b, factors.coal);
    a.activity = reader.consumption(b.point, period.start, period.end);
    if (a.activity.stored && !a.activity.unit.empty() && a.activity.unit != b.unit) {
      throw ReportError(b.point + ": stored in '" + a.activity.unit + "' but " +
                        site.file.filename().string() + " now says '" + b.unit +
                        "'; the unit changed, so the period cannot be totalled in one unit");
    }
    if (a.activity.usable > 0) acc.has_data = true;
    acc.points.push_back(std::move(a));
  }

  // Comprehensive energy at the site boundary: purchased minus exported, per coefficient.
  std::vector<Group> boundary, generated, by_area;
  for (const BoundActivity& a : acc.points) {
    if (a.coefficient.empty()) continue;
    switch (a.binding.role) {
      case PointRole::Purchased:
      case PointRole::Exported:
        addTo(boundary, a, "");
        break;
      case PointRole::OwnGeneration:
        addTo(generated, a, "");
        break;
      case PointRole::SubMeter:
        break;
    }
    // Areas show where energy was used: generation and export are not uses.
    const bool use =
        a.binding.role == PointRole::Purchased || a.binding.role == PointRole::SubMeter;
    if (use && !a.binding.area.empty()) addTo(by_area, a, a.binding.area);
  }
  for (const Group& g : boundary) {
    EnergyLine line;
    line.line = convert(quantityOf(g.key, g.amount, g.unit, factors.coal), factors, acc.basis,
                        acc.factor_year);
    line.carrier = g.carrier;
    line.role = g.role;
    line.points = g.points;
    line.signed_tce = g.role == PointRole::Exported ? -line.line.tce : line.line.tce;
    acc.total_tce += line.signed_tce;
    acc.energy.push_back(std::move(line));
  }
  double generated_kwh = 0;
  for (const Group& g : generated) {
    EnergyLine line;
    line.line = convert(quantityOf(g.key, g.amount, g.unit, factors.coal), factors, acc.basis,
                        acc.factor_year);
    line.carrier = g.carrier;
    line.role = g.role;
    line.points = g.points;
    if (g.carrier == "electricity") {
      generated_kwh += toUnit(g.amount, g.unit, "kWh", g.points.front());
    }
    if (!acc.own_generation) {
      acc.own_generation = std::move(line);
    } else {
      // More than one generating carrier is unusual; keep the electricity one in front.
      acc.own_generation->points.insert(acc.own_generation->points.end(), line.points.begin(),
                                        line.points.end());
    }
  }

  // Per area: each area's metered use, then per carrier what the area meters do not explain.
  // A carrier's site use is purchased - exported + generated on site.
  for (const Group& g : by_area) {
    const EnergyConversionLine line = convert(quantityOf(g.key, g.amount, g.unit, factors.coal),
                                              factors, acc.basis, acc.factor_year);
    acc.areas.push_back({g.area, g.carrier, line.name_zh, line.name_en, g.amount, g.unit, line.tce,
                         line.formula, g.points});
  }
  std::vector<std::pair<std::string, std::string>> carriers;  // (carrier, key) with area meters
  for (const Group& g : by_area) {
    bool known = false;
    for (const auto& c : carriers) known = known || c.first == g.carrier;
    if (!known) carriers.emplace_back(g.carrier, g.key);
  }
  for (const auto& [carrier, key] : carriers) {
    double site_use = 0, in_areas = 0;
    std::string unit;
    for (const Group& g : boundary) {
      if (g.carrier != carrier) continue;
      site_use += g.role == PointRole::Exported ? -g.amount : g.amount;
      unit = g.unit;
    }
    for (const Group& g : generated) {
      if (g.carrier == carrier) site_use += g.amount;
    }
    for (const AreaLine& l : acc.areas) {
      if (l.carrier == carrier) {
        in_areas += l.amount;
        unit = l.unit;
      }
    }
    const double rest = site_use - in_areas;
    // Below a millionth of the use the difference is rounding of the registers, not a load.
    if (std::abs(rest) <= 1e-6 * std::max(1.0, std::abs(site_use))) continue;
    const EnergyConversionLine line = convert(quantityOf(key, std::abs(rest), unit, factors.coal),
                                              factors, acc.basis, acc.factor_year);
    acc.areas.push_back({"",
                         carrier,
                         line.name_zh,
                         line.name_en,
                         rest,
                         unit,
                         rest < 0 ? -line.tce : line.tce,
                         line.formula,
                         {}});
  }

  // CO2 by source (GB/T 32150-2015). The activity of one calendar year's factors.
  accounting::CarbonActivity carbon;
  carbon.year = acc.factor_year;
  carbon.grid_calibre = acc.grid_calibre;
  for (const BoundActivity& a : acc.points) {
    const PointBinding& b = a.binding;
    const double amount = a.activity.amount;
    const bool boundary_role = b.role == PointRole::Purchased || b.role == PointRole::Exported;
    if (b.carrier == "electricity") {
      const double kwh = toUnit(amount, b.unit, "kWh", b.defined_at);
      if (b.role == PointRole::Purchased) carbon.purchased_electricity_kwh += kwh;
      if (b.role == PointRole::Exported) carbon.exported_electricity_kwh += kwh;
      if (b.role == PointRole::OwnGeneration) carbon.own_renewable_generation_kwh += kwh;
    } else if (boundary_role && (b.carrier == "heat" || b.carrier == "steam")) {
      double gj = 0;
      if (b.gj_per_unit) {
        gj = amount * *b.gj_per_unit;
      } else if (accounting::activityUnitRatio(b.unit, "GJ")) {
        gj = toUnit(amount, b.unit, "GJ", b.defined_at);
      } else {
        throw ReportError(b.defined_at + ": point '" + b.point + "' measures " + b.carrier +
                          " in " + b.unit + "; give gj_per_unit (heat per " + b.unit +
                          ", from the supplier's bill) so its emissions can be counted");
      }
      if (b.role == PointRole::Purchased) carbon.purchased_heat_gj += gj;
      if (b.role == PointRole::Exported) carbon.exported_heat_gj += gj;
    } else if (b.role == PointRole::Purchased) {
      const std::string fuel =
          !b.fuel.empty() ? b.fuel : (factors.emission.findFuel(b.carrier) ? b.carrier : "");
      if (fuel.empty()) continue;  // water and other media: no direct emissions
      if (!factors.emission.findFuel(fuel)) {
        throw ReportError(b.defined_at + ": point '" + b.point + "': fuel '" + fuel +
                          "' is not in " + factors.emission.document +
                          " (assets/factors/emission-factors.toml)");
      }
      std::string process;
      if (const Area* area = site.findArea(b.area)) process = area->id;
      carbon.fuels.push_back({fuel, amount, b.unit, process});
    }
  }
  acc.carbon = accounting::computeCarbonInventory(carbon, factors.emission);
  return acc;
}

}  // namespace gt::report
