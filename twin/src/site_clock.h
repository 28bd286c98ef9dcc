// The site's local time for the panel ("2025-06-01 14:03:22"). Pure: time is a parameter.
// Chinese plants have one time zone without daylight saving (Asia/Shanghai, UTC+8), so a
// short table of fixed-offset zones is enough and needs no tz database at run time; a zone
// outside the table is shown in UTC and says so.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"
#include "greentwin/time_zone.h"

namespace gt::twin {

// The zone table is common to the daemon (period boundaries) and the viewer (display).
using gt::fixedUtcOffsetMinutes;

// "UTC+8", "UTC+5:30", "UTC".
std::string utcOffsetName(int offset_minutes);

// "YYYY-MM-DD HH:MM:SS" in the zone (UTC for unknown zones).
std::string formatSiteDateTime(TimeMs utc_ms, std::string_view timezone);
// "HH:MM:SS" in the zone (UTC for unknown zones).
std::string formatSiteTimeOfDay(TimeMs utc_ms, std::string_view timezone);

}  // namespace gt::twin
