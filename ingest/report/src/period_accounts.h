// The energy and carbon accounts of one period, computed by the accounting library from the
// consumption the reading store gives for each bound meter point: comprehensive energy per
// carrier (GB/T 2589-2020) in the site's electricity basis, per area, and the CO2 inventory by
// source (GB/T 32150-2015), with own PV generation and its avoided emissions reported beside
// the totals, never subtracted from them. Every figure keeps its points, factors and formula.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounting/carbon_inventory.h"
#include "accounting/comprehensive_energy.h"
#include "accounting/factor_tables.h"
#include "accounting_bindings.h"
#include "period_activity_reader.h"
#include "report_period.h"

namespace gt::report {

struct FactorSet {
  accounting::CoalCoefficientTable coal;
  accounting::EmissionFactorTable emission;
};
// gbt2589-2020.toml and emission-factors.toml from the bindings' factors folder, plus the
// site's override file when it names one. Throws gt::ConfigError.
FactorSet loadFactorSet(const AccountingBindings& bindings);

// One bound point and what the store gave for it.
struct BoundActivity {
  PointBinding binding;
  std::string coefficient;  // resolved gbt2589-2020 key ("" where the carrier has no energy
                            // coefficient, e.g. compressed air)
  PointActivity activity;
};

// A line of comprehensive energy: the library's e_i x p_i term with the points it sums.
struct EnergyLine {
  accounting::EnergyConversionLine line;
  std::string carrier;
  PointRole role = PointRole::Purchased;
  std::vector<std::string> points;  // bound points it adds up
  double signed_tce = 0;            // tce counted in the total: negative for exports
};

// A carrier's energy used in one area; `area` is empty for the part the sub-meters do not
// explain (losses, unmetered loads; negative when the sub-meters add up to more).
struct AreaLine {
  std::string area;
  std::string carrier;
  std::string name_zh, name_en;  // of the carrier's coefficient: "电力", "electricity"
  double amount = 0;             // in unit; may be negative only for the unexplained part
  std::string unit;
  double tce = 0;  // same sign as amount
  std::string formula;
  std::vector<std::string> points;
};

struct PeriodAccounts {
  ReportPeriod period;
  accounting::ConversionBasis basis = accounting::ConversionBasis::EquivalentValue;
  int factor_year = 0;                  // the year of the grid factor and equal values used
  bool factor_year_configured = false;  // set in accounting.toml rather than the period's
  std::string grid_calibre;
  std::vector<BoundActivity> points;
  std::vector<EnergyLine> energy;            // purchased (+) and exported (-) per carrier
  double total_tce = 0;                      // comprehensive energy: sum of signed_tce
  std::optional<EnergyLine> own_generation;  // clean energy made on site: shown, not in total
  std::vector<AreaLine> areas;
  accounting::CarbonInventory carbon;
  bool has_data = false;  // at least one usable reading of a bound point in the period
};

// Computes the accounts. Throws accounting::AccountingError for factors the period needs and
// the tables lack (the grid factor of the year, an equal value) and ReportError for a binding
// the factor tables cannot account (an unknown coefficient or fuel key).
PeriodAccounts computePeriodAccounts(const SiteConfig& site, const AccountingBindings& bindings,
                                     const FactorSet& factors, const PeriodActivityReader& reader,
                                     const ReportPeriod& period);

}  // namespace gt::report
