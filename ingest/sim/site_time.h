// The site's local calendar (Asia/Shanghai: UTC+8 all year, China has no daylight saving time),
// and the text forms of a time the simulator accepts and prints. Pure: no clocks here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"

namespace gt::sim {

inline constexpr TimeMs kHourMs = 3'600'000;
inline constexpr TimeMs kDayMs = 24 * kHourMs;
inline constexpr TimeMs kSiteUtcOffsetMs = 8 * kHourMs;  // Asia/Shanghai, no DST since 1991

// A moment as the plant sees it.
struct LocalTime {
  int64_t day = 0;      // local days since 1970-01-01 (local); day boundaries at local midnight
  int weekday = 0;      // 0 Monday ... 6 Sunday
  int day_of_year = 0;  // 0 = 1 January
  double hour = 0;      // 0 <= hour < 24, fractional
};

LocalTime localTimeOf(TimeMs t);
TimeMs localMidnightOf(int64_t local_day);  // UTC ms of the start of that local day

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t daysFromCivil(int year, unsigned month, unsigned day);

// Parses "--start": integer milliseconds since the Unix epoch, or ISO 8601
// "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z", "+HH:MM" or nothing (then site local time).
// A space may replace the "T". Returns nullopt with the reason in `why`.
std::optional<TimeMs> parseTimePoint(std::string_view text, std::string* why = nullptr);

// "2026-06-02T10:15:00+08:00": local site time, to the second.
std::string formatLocalTime(TimeMs t);

}  // namespace gt::sim
