// The month-to-date intensities greentwin-ingest judges against the limit value (限定值) of each
// [[benchmark]] that has one, for the intensity_above_limit alarm (kpi_alarms.h). Month to date
// means from the local month's first midnight to the end of the last entered output period
// inside the month and not after today (daily entries; a whole-month entry only counts once the
// month is over): energy and output then cover the same span. Without output for that span
// there is nothing to judge, and the ratio is NaN.
#pragma once

#include <filesystem>
#include <vector>

#include "kpi_alarms.h"
#include "period_accounts.h"

namespace gt::kpi {

// One item per benchmark with a limit: id "intensity:<indicator>", ratio = intensity / limit
// (> 1: worse than the limit, which the alarm rules raise on), code intensity_above_limit.
// Throws report::ReportError (database) or accounting::AccountingError (missing factors).
std::vector<KpiCheck::Item> intensityChecks(const SiteConfig& site,
                                            const report::AccountingBindings& bindings,
                                            const report::FactorSet& factors,
                                            const report::PeriodActivityReader& reader,
                                            const std::filesystem::path& database, TimeMs now,
                                            int utc_offset_minutes);

}  // namespace gt::kpi
