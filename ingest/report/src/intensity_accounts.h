// Energy and carbon intensities of one period (issue 6): comprehensive energy per unit of
// qualified product (seed 000 §9.7.1.4: 单位产品综合能耗 = the product's comprehensive energy /
// the quantity of qualified product), and energy and CO2 per 10^4 yuan of output value and of
// value added (seed 000 §9.7.1.3.3 notes 5 and 6; DB 64/T 1930-2023 B.10, B.11). The numerators
// are the period's accounts, the denominators the entered output (production_output.h). Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounting_bindings.h"
#include "period_accounts.h"
#include "production_output.h"

namespace gt::report {

struct IntensityLine {
  std::string indicator;  // the [[benchmark]] key: "energy_per_product:profile", ...
  std::string name_zh, name_en;
  std::string unit;             // "tce/t", "tce/10^4 yuan", "tCO2/10^4 yuan"
  std::optional<double> value;  // nullopt: not given; `why_not` says why
  double numerator = 0;         // tce or tCO2
  std::string numerator_what;   // "site comprehensive energy", "area machining"
  std::optional<double> denominator;
  std::string formula;  // "1229.0000 tce / 1200 t = 1.02416667 tce/t (seed 000 §9.7.1.4)"
  std::string why_not_zh, why_not_en;
};

struct Intensities {
  std::vector<IntensityLine> lines;
  // Products whose energy is not given: the site makes several and the product has no area.
  bool unallocated_products = false;
};

// The intensities of `accounts` over `output`. An intensity is given only when the period has
// energy data and the output entered covers the whole period; a zero denominator leaves it
// undefined. With several [[product]]s a product's energy is its area's sub-metered energy when
// accounting.toml binds it to one; otherwise only the per-10^4-yuan figures are given.
Intensities computeIntensities(const PeriodAccounts& accounts, const PeriodOutput& output,
                               const AccountingBindings& bindings);

// "%.*g" with `digits` significant digits: intensities range from 1e-4 to 1e3.
std::string significantText(double value, int digits = 6);

}  // namespace gt::report
