// The hour, ISO week and quarter periods of greentwin-report (report_period.h) and their
// comparison periods (comparison_period.h): bounds worked out by hand in the site's zone.
// Asia/Shanghai (UTC+8) has no daylight saving; the zone table (greentwin/time_zone.h) holds
// only fixed-offset zones, so a half-hour zone (Asia/Kolkata, UTC+5:30) is the other case.
#include <catch2/catch.hpp>

#include "comparison_period.h"
#include "greentwin/time_zone.h"
#include "report_period.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using gt::report::testing::local;

namespace {

ReportPeriod period(const std::string& text, int offset = 480) {
  std::string why;
  const auto p = parseReportPeriod(text, offset, &why);
  INFO(why);
  REQUIRE(p);
  return *p;
}

std::string refused(const std::string& text) {
  std::string why;
  CHECK_FALSE(parseReportPeriod(text, 480, &why));
  return why;
}

}  // namespace

TEST_CASE("an hour is cut at the site's local clock hour", "[report]") {
  // 2026-10-05 14:00 UTC+8 = 06:00Z.
  const ReportPeriod h = period("2026-10-05T14");
  CHECK(h.kind == PeriodKind::Hour);
  CHECK(h.start == local(2026, 10, 5, 14));
  CHECK(h.end - h.start == 3'600'000);
  CHECK(formatLocalMinute(h.start, 480) == "2026-10-05 14:00");
  // Asia/Kolkata, UTC+5:30: 14:00 local = 08:30Z, half an hour off the UTC hours.
  const int kolkata = *fixedUtcOffsetMinutes("Asia/Kolkata");
  const ReportPeriod k = period("2026-10-05T14", kolkata);
  CHECK(k.start == local(2026, 10, 5, 16, 30));  // 08:30Z written as UTC+8 local time
  CHECK(formatLocalMinute(k.start, kolkata) == "2026-10-05 14:00");

  CHECK(refused("2026-10-05T24") == "'2026-10-05T24': the hour is 00 to 23 (local clock)");
  CHECK(refused("2026-02-30T10") == "'2026-02-30' is not a date of the calendar");
}

TEST_CASE("an ISO week runs Monday to Monday, week 1 holding 4 January", "[report]") {
  // ISO 8601: 4 January 2026 is a Sunday, so week 1 starts on Monday 29 December 2025.
  const ReportPeriod w1 = period("2026-W01");
  CHECK(w1.kind == PeriodKind::Week);
  CHECK(w1.start == local(2025, 12, 29));
  CHECK(w1.end == local(2026, 1, 5));
  CHECK(w1.year == 2025);  // the calendar year of its first day selects the factors
  // Week 41: 29 December 2025 + 40 x 7 days = Monday 5 October 2026.
  CHECK(period("2026-W41").start == local(2026, 10, 5));
  // 2026 starts on a Thursday: it has a week 53 (28 December 2026 - 4 January 2027); 2025
  // starts on a Wednesday and is not a leap year: 52 weeks.
  CHECK(period("2026-W53").start == local(2026, 12, 28));
  CHECK(period("2026-W53").end == local(2027, 1, 4));
  CHECK(refused("2025-W53") == "'2025-W53' is not a week of that ISO year (it has 52 weeks)");
  CHECK_FALSE(parseReportPeriod("2026-W00", 480));
}

TEST_CASE("a quarter is three calendar months from local midnight", "[report]") {
  const ReportPeriod q4 = period("2026-Q4");
  CHECK(q4.kind == PeriodKind::Quarter);
  CHECK(q4.start == local(2026, 10, 1));  // 2026-09-30T16:00Z
  CHECK(q4.end == local(2027, 1, 1));
  CHECK(q4.year == 2026);
  // Q1 2028 (a leap year): 31 + 29 + 31 = 91 days.
  const ReportPeriod q1 = period("2028-Q1");
  CHECK(q1.end - q1.start == 91 * 86'400'000LL);
  CHECK(refused("2026-Q5") == "'2026-Q5': a quarter is YYYY-Q1 to YYYY-Q4");
}

TEST_CASE("hours, weeks and quarters compare with the one before and a year earlier", "[report]") {
  auto label = [](const std::string& text, bool year) {
    const ReportPeriod p = period(text);
    const ReportPeriod c = year ? samePeriodLastYear(p) : previousPeriod(p);
    CHECK(c.kind == p.kind);
    return c.label;
  };
  CHECK(label("2026-10-05T14", false) == "2026-10-05T13");
  CHECK(label("2026-01-01T00", false) == "2025-12-31T23");
  CHECK(label("2026-10-05T14", true) == "2025-10-05T14");
  CHECK(label("2028-02-29T10", true) == "2027-02-28T10");  // no 29 February in 2027

  CHECK(label("2026-W41", false) == "2026-W40");
  CHECK(label("2026-W01", false) == "2025-W52");
  CHECK(label("2026-W41", true) == "2025-W41");
  CHECK(period("2025-W41").start == local(2025, 10, 6));  // a Monday, like 5 October 2026
  CHECK(label("2026-W53", true) == "2025-W52");           // 2025 has no week 53

  CHECK(label("2026-Q3", false) == "2026-Q2");
  CHECK(label("2026-Q1", false) == "2025-Q4");
  CHECK(label("2026-Q4", true) == "2025-Q4");
}
