// Comparison periods through <chrono>'s civil calendar, written back as period labels and parsed
// by parseReportPeriod, so their bounds follow exactly the report's own rules.
#include "comparison_period.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <utility>

namespace gt::report {
namespace {

using namespace std::chrono;

year_month_day localDate(TimeMs t, int offset_minutes) {
  const sys_time<milliseconds> local{milliseconds{t + int64_t{offset_minutes} * 60'000}};
  return year_month_day{floor<days>(local)};
}

std::string dateText(const year_month_day& d) {
  char s[16];
  std::snprintf(s, sizeof s, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return s;
}

std::string monthText(const year_month& m) {
  char s[16];
  std::snprintf(s, sizeof s, "%04d-%02u", int(m.year()), unsigned(m.month()));
  return s;
}

ReportPeriod parsed(const std::string& label, int offset_minutes) {
  // Labels built here are always valid; a failure is a programming error.
  return parseReportPeriod(label, offset_minutes).value();
}

year_month_day yearEarlier(const year_month_day& d) {
  const year_month_day e = d - years{1};
  return e.ok() ? e : year_month_day{e.year() / e.month() / last};
}

std::string hourText(TimeMs start, int offset_minutes) {
  return formatLocalMinute(start, offset_minutes).substr(0, 10) + "T" +
         formatLocalMinute(start, offset_minutes).substr(11, 2);
}

std::string weekText(int iso_year, int week) {
  char s[32];
  std::snprintf(s, sizeof s, "%04d-W%02d", iso_year, week);
  return s;
}

// The ISO year and week of the Monday `monday` (the year of the week's Thursday).
std::pair<int, int> isoWeekOf(sys_days monday) {
  const year y = year_month_day{monday + days{3}}.year();
  const sys_days jan4{y / January / 4};
  const sys_days week_one = jan4 - (weekday{jan4} - Monday);
  return {int(y), int((monday - week_one).count() / 7) + 1};
}

std::string quarterText(const year_month_day& first) {
  char s[32];
  std::snprintf(s, sizeof s, "%04d-Q%u", int(first.year()), (unsigned(first.month()) - 1) / 3 + 1);
  return s;
}

}  // namespace

ReportPeriod previousPeriod(const ReportPeriod& p) {
  const int off = p.utc_offset_minutes;
  const year_month_day first = localDate(p.start, off);
  switch (p.kind) {
    case PeriodKind::Day:
      return parsed(dateText(year_month_day{sys_days{first} - days{1}}), off);
    case PeriodKind::Month:
      return parsed(monthText(first.year() / first.month() - months{1}), off);
    case PeriodKind::Year:
      return parsed(std::to_string(int(first.year()) - 1), off);
    case PeriodKind::Hour:
      return parsed(hourText(p.start - 3'600'000, off), off);
    case PeriodKind::Week: {
      const auto [y, w] = isoWeekOf(sys_days{first} - days{7});
      return parsed(weekText(y, w), off);
    }
    case PeriodKind::Quarter: {
      const year_month before = first.year() / first.month() - months{3};
      return parsed(quarterText(before / 1), off);
    }
    case PeriodKind::Custom: {
      const days length{(p.end - p.start) / 86'400'000};
      return parsed(dateText(year_month_day{sys_days{first} - length}) + ".." + dateText(first),
                    off);
    }
  }
  return p;
}

ReportPeriod samePeriodLastYear(const ReportPeriod& p) {
  const int off = p.utc_offset_minutes;
  const year_month_day first = localDate(p.start, off);
  switch (p.kind) {
    case PeriodKind::Day:
      return parsed(dateText(yearEarlier(first)), off);
    case PeriodKind::Month:
      return parsed(monthText(first.year() / first.month() - years{1}), off);
    case PeriodKind::Year:
      return parsed(std::to_string(int(first.year()) - 1), off);
    case PeriodKind::Hour: {
      const TimeMs into_day = p.start - parsed(dateText(first), off).start;
      return parsed(hourText(parsed(dateText(yearEarlier(first)), off).start + into_day, off), off);
    }
    case PeriodKind::Week: {
      // The same ISO week number a year earlier; week 53 becomes 52 in a year without one.
      const auto [y, w] = isoWeekOf(sys_days{first});
      std::string why;
      if (auto same = parseReportPeriod(weekText(y - 1, w), off, &why)) return *same;
      return parsed(weekText(y - 1, 52), off);
    }
    case PeriodKind::Quarter:
      return parsed(quarterText(first - years{1}), off);
    case PeriodKind::Custom: {
      const year_month_day from = yearEarlier(first);
      year_month_day to = yearEarlier(localDate(p.end, off));
      // 2024-02-28..2024-02-29 would become an empty 2023-02-28..2023-02-28.
      if (sys_days{to} <= sys_days{from}) to = year_month_day{sys_days{from} + days{1}};
      return parsed(dateText(from) + ".." + dateText(to), off);
    }
  }
  return p;
}

std::optional<double> changePercent(std::optional<double> current, std::optional<double> base) {
  if (!current || !base || !std::isfinite(*base) || *base == 0) return std::nullopt;
  return (*current - *base) / *base * 100.0;
}

}  // namespace gt::report
