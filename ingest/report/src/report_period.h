// The accounting period of a report: a local day, month or year of the site, or a custom range
// of local dates, as the half-open UTC interval [start, end) the store is queried with. Day
// boundaries are the site's local midnight (Asia/Shanghai: 2026-10-01 00:00 = 2026-09-30T16:00Z).
// Pure: time zones come from greentwin/time_zone.h's fixed-offset table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"

namespace gt::report {

enum class PeriodKind { Day, Month, Year, Custom };

struct ReportPeriod {
  PeriodKind kind = PeriodKind::Month;
  std::string label;          // as given: "2026-10-05", "2026-10", "2026", "2026-10-01..2026-10-15"
  TimeMs start = 0, end = 0;  // UTC ms, [start, end)
  int year = 0;               // calendar year of the start (selects yearly factors)
  int utc_offset_minutes = 480;  // of the site's zone
};

// Parses "YYYY-MM-DD" (a day), "YYYY-MM" (a month), "YYYY" (a year) or "YYYY-MM-DD..YYYY-MM-DD"
// (custom: from the first date's midnight to the second date's midnight, end exclusive) in a
// zone `utc_offset_minutes` east of UTC. Returns nullopt with the reason in `why`.
std::optional<ReportPeriod> parseReportPeriod(std::string_view text, int utc_offset_minutes,
                                              std::string* why = nullptr);

// "2026-10-01 00:00" in the zone.
std::string formatLocalMinute(TimeMs t, int utc_offset_minutes);
// "2026-10-01 00:00:00" in the zone.
std::string formatLocalSecond(TimeMs t, int utc_offset_minutes);
// "UTC+8", "UTC+5:30".
std::string utcOffsetText(int utc_offset_minutes);

}  // namespace gt::report
