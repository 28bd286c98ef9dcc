// BucketCalendar: where the aggregate buckets of the reading database begin and end. 15-minute
// and hourly buckets, days, months and years are all cut in the site's local time (a day is
// the plant's day, local midnight to local midnight), and each bucket is named by the UTC ms
// of its start. Pure: no clock, no I/O; the zone is a fixed offset (greentwin/time_zone.h).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "greentwin/clock.h"

namespace gt::ingest {

// Aggregate sizes, finest first. The numbers are stored in table aggregate (column span):
// FROZEN, add new ones at the end.
enum class Span : int { Quarter = 0, Hour = 1, Day = 2, Month = 3, Year = 4 };
inline constexpr std::array<Span, 5> kSpans{Span::Quarter, Span::Hour, Span::Day, Span::Month,
                                            Span::Year};

// "15min", "hour", "day", "month", "year" (the names on the wire, docs/protocol.md).
std::string_view spanName(Span span);
std::optional<Span> parseSpan(std::string_view name);

class BucketCalendar {
 public:
  // `utc_offset_minutes`: the site's zone, minutes east of UTC (Asia/Shanghai: 480).
  explicit BucketCalendar(int utc_offset_minutes) : offset_ms_(utc_offset_minutes * 60'000LL) {}

  // UTC ms of the start of the bucket of size `span` that holds `t`.
  TimeMs start(Span span, TimeMs t) const;
  // UTC ms of the start of the next bucket after the one starting at `bucket_start`.
  TimeMs next(Span span, TimeMs bucket_start) const;

 private:
  TimeMs offset_ms_;
};

}  // namespace gt::ingest
