// Gate-to-gate, energy-related CO2 of each product of a site that makes several (issue 6:
// product carbon footprint and carbon cost). A product's CO2 is that of the areas (lines) bound
// to it ([[product]] area), plus a share of everything else the site emitted (utilities, areas
// bound to no product, the part the sub-meters do not explain), split by an allocation key:
// the products' output value or output mass in the period. The products' figures add up to the
// site's GB/T 32150-2015 total. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounting_bindings.h"
#include "period_accounts.h"
#include "production_output.h"

namespace gt::report {

struct ProductFootprint {
  std::string product;
  double direct_tco2 = 0;  // of its own areas
  double share = 0;        // of the shared CO2, 0..1
  double shared_tco2 = 0;
  double tco2 = 0;  // direct + shared
  std::optional<double> quantity;
  std::string unit;
  std::optional<double> tco2_per_unit;
  std::optional<double> carbon_cost_yuan, carbon_cost_yuan_per_unit;
  std::string formula;  // the computation with its numbers
};

struct ProductFootprints {
  std::vector<ProductFootprint> products;  // in [[product]] order
  double shared_tco2 = 0;                  // before allocation
  std::string why_not;  // non-empty: the shared CO2 could not be allocated (a key missing)
};

// Electricity and heat CO2 go to areas in proportion to each area's metered use of the carrier
// (AreaLine, the unexplained rest included); fuel CO2 to the area it was burnt in (its
// process). With OutputMass every product's unit must be a mass (t, kg).
ProductFootprints computeProductFootprints(const PeriodAccounts& accounts,
                                           const PeriodOutput& output,
                                           const AccountingBindings& bindings,
                                           const ProductFootprintSettings& settings);

}  // namespace gt::report
