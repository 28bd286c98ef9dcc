// The table of fixed-offset zones (see time_zone.h). twin/src/site_clock.cpp keeps the same
// table for the viewer's clock; it can move here when the viewer next changes.
#include "greentwin/time_zone.h"

#include <array>

namespace gt {
namespace {

struct Zone {
  std::string_view name;
  int offset_minutes;
};

// Zones without daylight saving time in the years a plant's history covers.
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

}  // namespace

std::optional<int> fixedUtcOffsetMinutes(std::string_view timezone) {
  for (const Zone& zone : kFixedZones) {
    if (zone.name == timezone) return zone.offset_minutes;
  }
  return std::nullopt;
}

std::string knownFixedZones() {
  std::string names;
  for (const Zone& zone : kFixedZones) {
    if (!names.empty()) names += ", ";
    names += zone.name;
  }
  return names;
}

}  // namespace gt
