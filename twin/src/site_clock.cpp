// The civil date and time through <chrono>'s year_month_day, at the site's fixed offset
// (greentwin/time_zone.h).
#include "site_clock.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace gt::twin {
namespace {

struct CivilTime {
  int year, month, day, hour, minute, second;
};

CivilTime civil(TimeMs utc_ms, std::string_view timezone) {
  using namespace std::chrono;
  const int offset = fixedUtcOffsetMinutes(timezone).value_or(0);
  const sys_time<milliseconds> t{milliseconds{utc_ms + int64_t{offset} * 60'000}};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{t - day};
  return {static_cast<int>(ymd.year()),
          static_cast<int>(unsigned(ymd.month())),
          static_cast<int>(unsigned(ymd.day())),
          static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count()),
          static_cast<int>(hms.seconds().count())};
}

}  // namespace

std::string utcOffsetName(int offset_minutes) {
  if (offset_minutes == 0) return "UTC";
  const int magnitude = std::abs(offset_minutes);
  char text[64];
  if (magnitude % 60 == 0) {
    std::snprintf(text, sizeof text, "UTC%c%d", offset_minutes < 0 ? '-' : '+', magnitude / 60);
  } else {
    std::snprintf(text, sizeof text, "UTC%c%d:%02d", offset_minutes < 0 ? '-' : '+', magnitude / 60,
                  magnitude % 60);
  }
  return text;
}

std::string formatSiteDateTime(TimeMs utc_ms, std::string_view timezone) {
  const CivilTime c = civil(utc_ms, timezone);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return text;
}

std::string formatSiteTimeOfDay(TimeMs utc_ms, std::string_view timezone) {
  const CivilTime c = civil(utc_ms, timezone);
  char text[64];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", c.hour, c.minute, c.second);
  return text;
}

}  // namespace gt::twin
