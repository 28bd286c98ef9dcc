// Products' CO2 from the period's accounts (see product_footprint.h). Nothing is recomputed from
// factors: the inventory's lines are split, so the parts add up to its total.
#include "product_footprint.h"

#include <cmath>
#include <map>

#include "accounting/activity_unit.h"
#include "intensity_accounts.h"
#include "report_document.h"

namespace gt::report {
namespace {

using accounting::EmissionCategory;

// CO2 of each area ("" for the unexplained rest) from electricity and heat, by metered use.
void addByUse(const PeriodAccounts& acc, const std::string& carrier, double tco2,
              std::map<std::string, double>& by_area) {
  double site_use = 0;
  for (const AreaLine& a : acc.areas) {
    if (a.carrier == carrier) site_use += a.amount;  // one unit per carrier (bindings check)
  }
  if (site_use <= 0) {
    by_area[""] += tco2;
    return;
  }
  for (const AreaLine& a : acc.areas) {
    if (a.carrier == carrier) by_area[a.area] += tco2 * a.amount / site_use;
  }
}

}  // namespace

ProductFootprints computeProductFootprints(const PeriodAccounts& acc, const PeriodOutput& output,
                                           const AccountingBindings& bindings,
                                           const ProductFootprintSettings& settings) {
  std::map<std::string, double> by_area;
  const auto& inv = acc.carbon;
  addByUse(acc, "electricity",
           inv.totalOf(EmissionCategory::PurchasedElectricity) +
               inv.totalOf(EmissionCategory::ExportedElectricity),
           by_area);
  double heat =
      inv.totalOf(EmissionCategory::PurchasedHeat) + inv.totalOf(EmissionCategory::ExportedHeat);
  bool steam_metered = false;
  for (const AreaLine& a : acc.areas) steam_metered = steam_metered || a.carrier == "steam";
  addByUse(acc, steam_metered ? "steam" : "heat", heat, by_area);
  for (const accounting::EmissionLine& l : inv.lines) {
    if (l.category == EmissionCategory::FuelCombustion || l.category == EmissionCategory::Process) {
      by_area[l.process] += l.tco2;
    }
  }

  ProductFootprints out;
  double direct_total = 0;
  double key_total = 0;
  std::vector<std::optional<double>> keys;
  for (const ProductConfig& p : bindings.products) {
    // Filled in place: a local moved into the vector trips GCC 12's -Wmaybe-uninitialized.
    ProductFootprint& f = out.products.emplace_back();
    f.product = p.id;
    f.unit = p.unit;
    if (!p.area.empty()) {
      const auto it = by_area.find(p.area);
      if (it != by_area.end()) f.direct_tco2 = it->second;
    }
    direct_total += f.direct_tco2;
    const ProductOutput* po = output.find(p.id);
    if (po) f.quantity = po->quantity;
    std::optional<double> key;
    if (settings.shared == SharedAllocation::OutputValue) {
      if (po && po->has_output_value) key = po->output_value;
    } else if (f.quantity) {
      if (const auto to_t = accounting::activityUnitRatio(p.unit, "t")) key = *f.quantity * *to_t;
    }
    if (key) key_total += *key;
    keys.push_back(key);
  }
  out.shared_tco2 = inv.total_tco2 - direct_total;

  const char* key_name =
      settings.shared == SharedAllocation::OutputValue ? "output value" : "output mass";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!keys[i]) {
      out.why_not = "no " + std::string(key_name) + " entered for " + out.products[i].product;
    }
  }
  if (out.why_not.empty() && !(key_total > 0)) {
    out.why_not = "the products' " + std::string(key_name) + " adds up to 0";
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    ProductFootprint& f = out.products[i];
    if (!out.why_not.empty()) {
      f.tco2 = f.direct_tco2;
      continue;
    }
    f.share = *keys[i] / key_total;
    f.shared_tco2 = out.shared_tco2 * f.share;
    f.tco2 = f.direct_tco2 + f.shared_tco2;
    f.formula = fixedText(f.direct_tco2, 4) + " tCO2 own areas + " + significantText(f.share) +
                " x " + fixedText(out.shared_tco2, 4) + " tCO2 shared (by " + key_name +
                ") = " + fixedText(f.tco2, 4) + " tCO2";
    if (f.quantity && *f.quantity > 0) {
      f.tco2_per_unit = f.tco2 / *f.quantity;
      f.formula += "; / " + significantText(*f.quantity) + " " + f.unit + " = " +
                   significantText(*f.tco2_per_unit) + " tCO2/" + f.unit;
    }
    if (settings.carbon_price_yuan_per_tco2) {
      const double price = *settings.carbon_price_yuan_per_tco2;
      f.carbon_cost_yuan = f.tco2 * price;
      if (f.tco2_per_unit) f.carbon_cost_yuan_per_unit = *f.tco2_per_unit * price;
    }
  }
  return out;
}

}  // namespace gt::report
