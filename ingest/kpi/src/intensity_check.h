// The month-to-date intensities greentwin-ingest judges against the limit value (限定值) of each
// [[benchmark]] that has one, for the intensity_above_limit alarm (kpi_alarms.h). The accounts
// are month_to_date_accounts.h's (energy and output over the same span); without output for
// that span there is nothing to judge, and the ratio is NaN.
#pragma once

#include <filesystem>
#include <vector>

#include "kpi_alarms.h"
#include "month_to_date_accounts.h"
#include "period_accounts.h"

namespace gt::kpi {

// Whether any benchmark has a limit value: without one there is nothing to check, and the KPI
// thread need not build the month-to-date accounts for it.
bool hasIntensityLimits(const report::AccountingBindings& bindings);

// One item per benchmark with a limit: id "intensity:<indicator>", ratio = intensity / limit
// (> 1: worse than the limit, which the alarm rules raise on), code intensity_above_limit. Pure.
std::vector<KpiCheck::Item> intensityChecks(const report::AccountingBindings& bindings,
                                            const MonthToDate& month_to_date);

// The same with accounts built for this one call (tools and tests; the KPI thread keeps a
// MonthToDateAccounts). Throws report::ReportError (database) or accounting::AccountingError
// (missing factors).
std::vector<KpiCheck::Item> intensityChecks(const SiteConfig& site,
                                            const report::AccountingBindings& bindings,
                                            const report::FactorSet& factors,
                                            const report::PeriodActivityReader& reader,
                                            const std::filesystem::path& database, TimeMs now,
                                            int utc_offset_minutes);

}  // namespace gt::kpi
