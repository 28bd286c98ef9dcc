// Period parsing and local-time formatting through <chrono>'s civil calendar (sys_days).
#include "report_period.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace gt::report {
namespace {

using namespace std::chrono;

constexpr const char* kExpected =
    ": expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD or YYYY-MM-DDTHH";

// Digits only, exactly `width` of them.
std::optional<int> fixedNumber(std::string_view text, std::size_t width) {
  if (text.size() != width) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Appending rather than chaining operator+ on a temporary: GCC 12 reports a false -Wrestrict
// on "'" + std::string(...) + "..." at -O3.
std::string quoted(std::string_view text, std::string_view rest) {
  std::string s;
  s += '\'';
  s += text;
  s += '\'';
  s += rest;
  return s;
}

struct CivilDate {
  int year = 0;
  unsigned month = 0, day = 0;  // 0 where the text did not give them
};

std::optional<CivilDate> parseCivil(std::string_view text, std::string* why) {
  CivilDate date;
  const auto y = fixedNumber(text.substr(0, 4), 4);
  if (!y || *y < 1970 || *y > 9999) {
    if (why) *why = quoted(text, kExpected);
    return std::nullopt;
  }
  date.year = *y;
  if (text.size() == 4) return date;
  const auto m =
      text.size() >= 7 && text[4] == '-' ? fixedNumber(text.substr(5, 2), 2) : std::optional<int>{};
  if (!m || *m < 1 || *m > 12 || (text.size() != 7 && text.size() != 10)) {
    if (why) *why = quoted(text, kExpected);
    return std::nullopt;
  }
  date.month = static_cast<unsigned>(*m);
  if (text.size() == 7) return date;
  const auto d = text[7] == '-' ? fixedNumber(text.substr(8, 2), 2) : std::optional<int>{};
  if (!d || !year_month_day{year{date.year}, month{date.month}, day{unsigned(*d)}}.ok()) {
    if (why) *why = quoted(text, " is not a date of the calendar");
    return std::nullopt;
  }
  date.day = static_cast<unsigned>(*d);
  return date;
}

TimeMs localMidnightUtc(const year_month_day& ymd, int offset_minutes) {
  const sys_days d{ymd};
  return duration_cast<milliseconds>(d.time_since_epoch()).count() -
         int64_t{offset_minutes} * 60'000;
}

// Monday of ISO 8601 week 1 of `y`: the week holding 4 January.
sys_days isoWeekOne(year y) {
  const sys_days jan4{y / January / 4};
  return jan4 - (weekday{jan4} - Monday);
}

// "YYYY-Www", "YYYY-Qn" and "YYYY-MM-DDTHH"; nullopt (and `why` untouched) for other shapes.
std::optional<std::optional<ReportPeriod>> parseExtended(std::string_view text, ReportPeriod p,
                                                         std::string* why) {
  const int off = p.utc_offset_minutes;
  auto fail = [&](const std::string& reason) {
    if (why) *why = quoted(text, reason);
    return std::optional<std::optional<ReportPeriod>>(std::optional<ReportPeriod>{});
  };
  const auto y = fixedNumber(text.substr(0, 4), 4);
  if (text.size() == 8 && text[4] == '-' && text[5] == 'W') {
    const auto w = fixedNumber(text.substr(6, 2), 2);
    if (!y || *y < 1970 || *y > 9999 || !w || *w < 1) return fail(kExpected);
    const sys_days monday = isoWeekOne(year{*y}) + days{7 * (*w - 1)};
    // A week belongs to the year of its Thursday: week 53 exists only where that is still y.
    if (year_month_day{monday + days{3}}.year() != year{*y}) {
      return fail(" is not a week of that ISO year (it has " +
                  std::to_string((isoWeekOne(year{*y + 1}) - isoWeekOne(year{*y})).count() / 7) +
                  " weeks)");
    }
    p.kind = PeriodKind::Week;
    p.start = localMidnightUtc(year_month_day{monday}, off);
    p.end = localMidnightUtc(year_month_day{monday + days{7}}, off);
    p.year = int(year_month_day{monday}.year());
    return std::optional(std::optional(p));
  }
  if (text.size() == 7 && text[4] == '-' && text[5] == 'Q') {
    const auto q = fixedNumber(text.substr(6, 1), 1);
    if (!y || *y < 1970 || *y > 9999 || !q || *q < 1 || *q > 4) {
      return fail(": a quarter is YYYY-Q1 to YYYY-Q4");
    }
    const year_month first = year{*y} / month{unsigned(3 * (*q - 1) + 1)};
    p.kind = PeriodKind::Quarter;
    p.start = localMidnightUtc(first / 1, off);
    p.end = localMidnightUtc((first + months{3}) / 1, off);
    p.year = *y;
    return std::optional(std::optional(p));
  }
  if (text.size() == 13 && text[10] == 'T') {
    const auto h = fixedNumber(text.substr(11, 2), 2);
    std::string date_why;
    const auto date = parseCivil(text.substr(0, 10), &date_why);
    if (!date || date->day == 0) {
      if (why) *why = date_why.empty() ? quoted(text, kExpected) : date_why;
      return std::optional(std::optional<ReportPeriod>{});
    }
    if (!h || *h > 23) return fail(": the hour is 00 to 23 (local clock)");
    p.kind = PeriodKind::Hour;
    p.start = localMidnightUtc(year{date->year} / month{date->month} / day{date->day}, off) +
              int64_t{*h} * 3'600'000;
    p.end = p.start + 3'600'000;
    p.year = date->year;
    return std::optional(std::optional(p));
  }
  return std::nullopt;
}

}  // namespace

std::optional<ReportPeriod> parseReportPeriod(std::string_view text, int utc_offset_minutes,
                                              std::string* why) {
  ReportPeriod period;
  period.label = std::string(text);
  period.utc_offset_minutes = utc_offset_minutes;

  if (const std::size_t dots = text.find(".."); dots != std::string_view::npos) {
    const auto from = parseCivil(text.substr(0, dots), why);
    if (!from) return std::nullopt;
    const auto to = parseCivil(text.substr(dots + 2), why);
    if (!to) return std::nullopt;
    if (from->day == 0 || to->day == 0) {
      if (why) *why = "a custom period is two dates, YYYY-MM-DD..YYYY-MM-DD (end exclusive)";
      return std::nullopt;
    }
    period.kind = PeriodKind::Custom;
    period.start = localMidnightUtc(
        year_month_day{year{from->year}, month{from->month}, day{from->day}}, utc_offset_minutes);
    period.end = localMidnightUtc(year_month_day{year{to->year}, month{to->month}, day{to->day}},
                                  utc_offset_minutes);
    if (period.end <= period.start) {
      if (why) *why = "the custom period's end date must come after its start date";
      return std::nullopt;
    }
    period.year = from->year;
    return period;
  }

  if (auto extended = parseExtended(text, period, why)) return *extended;
  const auto date = parseCivil(text, why);
  if (!date) return std::nullopt;
  period.year = date->year;
  const year y{date->year};
  if (date->month == 0) {
    period.kind = PeriodKind::Year;
    period.start = localMidnightUtc(y / January / 1, utc_offset_minutes);
    period.end = localMidnightUtc((y + years{1}) / January / 1, utc_offset_minutes);
  } else if (date->day == 0) {
    period.kind = PeriodKind::Month;
    const year_month ym = y / month{date->month};
    period.start = localMidnightUtc(ym / 1, utc_offset_minutes);
    period.end = localMidnightUtc((ym + months{1}) / 1, utc_offset_minutes);
  } else {
    period.kind = PeriodKind::Day;
    const year_month_day ymd = y / month{date->month} / day{date->day};
    period.start = localMidnightUtc(ymd, utc_offset_minutes);
    period.end = localMidnightUtc(year_month_day{sys_days{ymd} + days{1}}, utc_offset_minutes);
  }
  return period;
}

std::string formatLocalSecond(TimeMs t, int utc_offset_minutes) {
  const sys_time<milliseconds> local{milliseconds{t + int64_t{utc_offset_minutes} * 60'000}};
  const sys_days d = floor<days>(local);
  const year_month_day ymd{d};
  const hh_mm_ss<milliseconds> hms{local - d};
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return text;
}

std::string formatLocalMinute(TimeMs t, int utc_offset_minutes) {
  return formatLocalSecond(t, utc_offset_minutes).substr(0, 16);
}

std::string utcOffsetText(int utc_offset_minutes) {
  if (utc_offset_minutes == 0) return "UTC";
  const int magnitude = std::abs(utc_offset_minutes);
  char text[32];
  if (magnitude % 60 == 0) {
    std::snprintf(text, sizeof text, "UTC%c%d", utc_offset_minutes < 0 ? '-' : '+', magnitude / 60);
  } else {
    std::snprintf(text, sizeof text, "UTC%c%d:%02d", utc_offset_minutes < 0 ? '-' : '+',
                  magnitude / 60, magnitude % 60);
  }
  return text;
}

}  // namespace gt::report
