// The site's local time for the panel ("2025-06-01 14:03:22"). Pure: time is a parameter.
// Chinese plants have one time zone without daylight saving (Asia/Shanghai, UTC+8), so a
// short table of fixed-offset zones is enough and needs no tz database at run time; a zone
// outside the table is shown in UTC and says so.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"

namespace gt::twin {

// Minutes east of UTC for a zone without daylight saving; nullopt when not in the table.
std::optional<int> fixedUtcOffsetMinutes(std::string_view timezone);

// "UTC+8", "UTC+5:30", "UTC".
std::string utcOffsetName(int offset_minutes);

// "YYYY-MM-DD HH:MM:SS" in the zone (UTC for unknown zones).
std::string formatSiteDateTime(TimeMs utc_ms, std::string_view timezone);
// "HH:MM:SS" in the zone (UTC for unknown zones).
std::string formatSiteTimeOfDay(TimeMs utc_ms, std::string_view timezone);

}  // namespace gt::twin
