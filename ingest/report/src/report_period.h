// The accounting period of a report: a local hour, day, ISO week, month, quarter or year of the
// site, or a custom range of local dates, as the half-open UTC interval [start, end) the store
// is queried with. Boundaries are the site's local time (Asia/Shanghai: 2026-10-01 00:00 =
// 2026-09-30T16:00Z).
// Pure: time zones come from greentwin/time_zone.h's fixed-offset table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"

namespace gt::report {

enum class PeriodKind { Day, Month, Year, Custom, Hour, Week, Quarter };

struct ReportPeriod {
  PeriodKind kind = PeriodKind::Month;
  std::string label;             // as given: "2026-10-05T14", "2026-10-05", "2026-W41", "2026-10",
                                 // "2026-Q4", "2026", "2026-10-01..2026-10-15"
  TimeMs start = 0, end = 0;     // UTC ms, [start, end)
  int year = 0;                  // calendar year of the start (selects yearly factors)
  int utc_offset_minutes = 480;  // of the site's zone
};

// Parses, in a zone `utc_offset_minutes` east of UTC:
//   "YYYY-MM-DDTHH"  an hour (HH 00-23, local clock);
//   "YYYY-MM-DD"     a day;
//   "YYYY-Www"       an ISO 8601 week: Monday to Monday, week 01 being the one holding
//                    4 January, so 2026-W01 starts on Monday 2025-12-29 (W53 only in the years
//                    that have one);
//   "YYYY-MM"        a month;
//   "YYYY-Qn"        a calendar quarter, n 1-4 (Q1: January to March);
//   "YYYY"           a year;
//   "YYYY-MM-DD..YYYY-MM-DD"  custom: from the first date's midnight to the second date's
//                    midnight, end exclusive.
// Returns nullopt with the reason in `why`.
std::optional<ReportPeriod> parseReportPeriod(std::string_view text, int utc_offset_minutes,
                                              std::string* why = nullptr);

// "2026-10-01 00:00" in the zone.
std::string formatLocalMinute(TimeMs t, int utc_offset_minutes);
// "2026-10-01 00:00:00" in the zone.
std::string formatLocalSecond(TimeMs t, int utc_offset_minutes);
// "UTC+8", "UTC+5:30".
std::string utcOffsetText(int utc_offset_minutes);

}  // namespace gt::report
