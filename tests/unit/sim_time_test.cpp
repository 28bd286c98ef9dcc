// greentwin-sim's calendar and clock: local Shanghai time, --start parsing, simulated time.
#include <catch2/catch.hpp>

#include "load_profile.h"
#include "simulated_clock.h"
#include "site_time.h"

TEST_CASE("start time (--start) accepts ISO 8601 in site time, UTC or an offset, and epoch ms",
          "[sim][time]") {
  using gt::sim::parseTimePoint;
  const gt::TimeMs utc = 1'780'394'400'000;  // 2026-06-02T10:00:00Z
  CHECK(parseTimePoint("2026-06-02T10:00:00Z") == utc);
  CHECK(parseTimePoint("2026-06-02T18:00:00+08:00") == utc);
  CHECK(parseTimePoint("2026-06-02T18:00") == utc);  // no zone: the site's clock
  CHECK(parseTimePoint("2026-06-02 18:00:00.250") == utc + 250);
  CHECK(parseTimePoint("2026-06-02T05:30-04:30") == utc);
  CHECK(parseTimePoint("1780394400000") == utc);
  CHECK(parseTimePoint("2026-06-02") == utc - 18 * gt::sim::kHourMs);
  std::string why;
  CHECK_FALSE(parseTimePoint("2026-13-02T10:00", &why));
  CHECK(why.find("out of range") != std::string::npos);
  CHECK_FALSE(parseTimePoint("yesterday", &why));
  CHECK(why.find("yesterday") != std::string::npos);
  CHECK_FALSE(parseTimePoint("2026-06-02T10:00+08", &why));
}

TEST_CASE("local time is UTC+8 all year", "[sim][time]") {
  const gt::TimeMs t = gt::sim::parseTimePoint("2026-06-01T23:30:00Z").value();
  const gt::sim::LocalTime lt = gt::sim::localTimeOf(t);
  CHECK(lt.hour == Approx(7.5));
  CHECK(lt.weekday == 1);  // Tuesday 2 June 2026 in Shanghai
  CHECK(lt.day_of_year == 152);
  CHECK(gt::sim::formatLocalTime(t) == "2026-06-02T07:30:00+08:00");
  CHECK(gt::sim::localMidnightOf(lt.day) == gt::sim::parseTimePoint("2026-06-02T00:00").value());
}

TEST_CASE("simulated time runs at the requested speed", "[sim][time]") {
  CHECK(gt::sim::simulatedTime(1000, 2000, 1.0) == 3000);
  CHECK(gt::sim::simulatedTime(1000, 2000, 60.0) == 121'000);
  CHECK(gt::sim::simulatedTime(1000, 3, 0.5) == 1002);
}

TEST_CASE("production follows the shifts", "[sim][time]") {
  const auto activity = [](const char* local) {
    return gt::sim::productionActivity(gt::sim::parseTimePoint(local).value());
  };
  CHECK(activity("2026-06-02T03:00") == 0.0);
  CHECK(activity("2026-06-02T10:00") == 1.0);
  CHECK(activity("2026-06-02T12:30") == Approx(0.25));  // lunch
  CHECK(activity("2026-06-02T22:00") == Approx(0.6));   // evening shift
  CHECK(activity("2026-06-06T10:00") < 0.2);            // Saturday
  CHECK(activity("2026-06-07T03:00") == 0.0);
}
