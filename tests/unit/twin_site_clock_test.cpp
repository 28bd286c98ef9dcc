// The site's local time: fixed offsets (Asia/Shanghai is UTC+8) and unknown zones in UTC.
#include <catch2/catch.hpp>

#include "site_clock.h"

using namespace gt::twin;

TEST_CASE("Asia/Shanghai is eight hours ahead of UTC") {
  // 2024-12-31 20:30:05 UTC is 2025-01-01 04:30:05 in Shanghai.
  const gt::TimeMs t = 1735677005000;
  CHECK(formatSiteDateTime(t, "Asia/Shanghai") == "2025-01-01 04:30:05");
  CHECK(formatSiteTimeOfDay(t, "Asia/Shanghai") == "04:30:05");
  CHECK(formatSiteDateTime(t, "UTC") == "2024-12-31 20:30:05");
  CHECK(fixedUtcOffsetMinutes("Asia/Shanghai") == 480);
}

TEST_CASE("offset names and unknown zones") {
  CHECK(utcOffsetName(480) == "UTC+8");
  CHECK(utcOffsetName(330) == "UTC+5:30");
  CHECK(utcOffsetName(0) == "UTC");
  CHECK_FALSE(fixedUtcOffsetMinutes("Europe/Berlin"));
  CHECK(formatSiteDateTime(0, "Europe/Berlin") == "1970-01-01 00:00:00");
}
