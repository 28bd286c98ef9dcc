// The periods a report compares with (issue 6): month-on-month (环比), the previous period of
// the same length, and year-on-year (同比), the same period a year earlier, both as periods of
// the site's local calendar like the report's own. Pure.
#pragma once

#include <optional>
#include <string>

#include "report_period.h"

namespace gt::report {

// Day -> the day before; month -> the month before; year -> the year before; custom -> the same
// number of days ending where it starts.
ReportPeriod previousPeriod(const ReportPeriod& period);
// The same dates one calendar year earlier; 29 February becomes 28 February.
ReportPeriod samePeriodLastYear(const ReportPeriod& period);

// Change from `base` to `current` in % of base; nullopt when the base is 0, not finite or
// missing (no data in the base period): a ratio to nothing is undefined, not infinite.
std::optional<double> changePercent(std::optional<double> current, std::optional<double> base);

}  // namespace gt::report
