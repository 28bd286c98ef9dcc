// The periods a report compares with (issue 6): month-on-month (环比), the previous period of
// the same length, and year-on-year (同比), the same period a year earlier, both as periods of
// the site's local calendar like the report's own. Pure.
#pragma once

#include <optional>
#include <string>

#include "report_period.h"

namespace gt::report {

// Hour, day, ISO week, month, quarter, year -> the one before (2026-W01 -> 2025-W52,
// 2026-Q1 -> 2025-Q4); custom -> the same number of days ending where it starts.
ReportPeriod previousPeriod(const ReportPeriod& period);
// The same dates one calendar year earlier; 29 February becomes 28 February. An hour: the same
// clock hour of that date; a quarter: the same quarter; an ISO week: the same week number of the
// ISO year before (the week numbers, not the dates, are what a weekly report compares; week 53
// becomes week 52 in a year that has no week 53).
ReportPeriod samePeriodLastYear(const ReportPeriod& period);

// Change from `base` to `current` in % of base; nullopt when the base is 0, not finite or
// missing (no data in the base period): a ratio to nothing is undefined, not infinite.
std::optional<double> changePercent(std::optional<double> current, std::optional<double> base);

}  // namespace gt::report
