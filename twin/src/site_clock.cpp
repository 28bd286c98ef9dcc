// Fixed-offset zones, and the civil date and time through <chrono>'s year_month_day.
#include "site_clock.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace gt::twin {
namespace {

struct Zone {
  std::string_view name;
  int offset_minutes;
};

constexpr std::array<Zone, 12> kFixedZones{{
    {"Asia/Shanghai", 480},
    {"Asia/Chongqing", 480},
    {"Asia/Harbin", 480},
    {"Asia/Urumqi", 360},
    {"Asia/Hong_Kong", 480},
    {"Asia/Macau", 480},
    {"Asia/Taipei", 480},
    {"Asia/Singapore", 480},
    {"Asia/Tokyo", 540},
    {"Asia/Seoul", 540},
    {"Asia/Kolkata", 330},
    {"UTC", 0},
}};

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

std::optional<int> fixedUtcOffsetMinutes(std::string_view timezone) {
  for (const Zone& zone : kFixedZones) {
    if (zone.name == timezone) return zone.offset_minutes;
  }
  return std::nullopt;
}

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
