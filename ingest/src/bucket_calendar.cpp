// Bucket boundaries in local time through <chrono>'s civil calendar (see bucket_calendar.h).
#include "bucket_calendar.h"

#include <chrono>

namespace gt::ingest {
namespace {

using namespace std::chrono;

constexpr TimeMs kQuarterMs = 15 * 60'000;
constexpr TimeMs kHourMs = 60 * 60'000;
constexpr TimeMs kDayMs = 24 * kHourMs;

// Floor division: buckets before 1970 (negative ms) must round down too.
TimeMs floorTo(TimeMs t, TimeMs step) {
  const TimeMs q = t / step;
  return (q * step > t ? q - 1 : q) * step;
}

// Local ms since the epoch -> local midnight of the first day of its month / year.
TimeMs monthStartLocal(TimeMs local) {
  const year_month_day ymd{floor<days>(sys_time<milliseconds>{milliseconds{local}})};
  const sys_days first{ymd.year() / ymd.month() / day{1}};
  return duration_cast<milliseconds>(first.time_since_epoch()).count();
}

TimeMs yearStartLocal(TimeMs local) {
  const year_month_day ymd{floor<days>(sys_time<milliseconds>{milliseconds{local}})};
  const sys_days first{ymd.year() / January / day{1}};
  return duration_cast<milliseconds>(first.time_since_epoch()).count();
}

TimeMs addMonthsLocal(TimeMs local_month_start, int months) {
  const year_month_day ymd{floor<days>(sys_time<milliseconds>{milliseconds{local_month_start}})};
  const year_month_day next = ymd + std::chrono::months{months};
  return duration_cast<milliseconds>(sys_days{next}.time_since_epoch()).count();
}

}  // namespace

std::string_view spanName(Span span) {
  switch (span) {
    case Span::Quarter:
      return "15min";
    case Span::Hour:
      return "hour";
    case Span::Day:
      return "day";
    case Span::Month:
      return "month";
    case Span::Year:
      return "year";
  }
  return "?";
}

std::optional<Span> parseSpan(std::string_view name) {
  for (Span s : kSpans) {
    if (spanName(s) == name) return s;
  }
  return std::nullopt;
}

TimeMs BucketCalendar::start(Span span, TimeMs t) const {
  const TimeMs local = t + offset_ms_;
  switch (span) {
    case Span::Quarter:
      return floorTo(local, kQuarterMs) - offset_ms_;
    case Span::Hour:
      return floorTo(local, kHourMs) - offset_ms_;
    case Span::Day:
      return floorTo(local, kDayMs) - offset_ms_;
    case Span::Month:
      return monthStartLocal(local) - offset_ms_;
    case Span::Year:
      return yearStartLocal(local) - offset_ms_;
  }
  return t;
}

TimeMs BucketCalendar::next(Span span, TimeMs bucket_start) const {
  switch (span) {
    case Span::Quarter:
      return bucket_start + kQuarterMs;
    case Span::Hour:
      return bucket_start + kHourMs;
    case Span::Day:
      return bucket_start + kDayMs;
    case Span::Month:
      return addMonthsLocal(bucket_start + offset_ms_, 1) - offset_ms_;
    case Span::Year:
      return addMonthsLocal(bucket_start + offset_ms_, 12) - offset_ms_;
  }
  return bucket_start;
}

}  // namespace gt::ingest
