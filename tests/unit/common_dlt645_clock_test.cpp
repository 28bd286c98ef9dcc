// The DL/T 645-2007 meter clock identifiers (04000101 date and weekday YYMMDDWW, 04000102 time
// hhmmss): local time to the numbers the meter's BCD digits make and back, through real frames.
#include <catch2/catch.hpp>

#include "greentwin/dlt645.h"

namespace d = gt::dlt645;

namespace {
// 2026-11-23 14:35:07 local (a Monday): days from 1970-01-01 to 2026-01-01 are
// 56 * 365 + 14 leap days = 20454, then 326 days to 23 November: 20780 days, times 86 400 000,
// plus 14:35:07 = 52 507 000 ms.
constexpr int64_t kMonday = 20780LL * 86'400'000 + 52'507'000;
}  // namespace

TEST_CASE("local time gives the meter's date, weekday and time digits", "[dlt645][clock]") {
  const auto [date, time] = d::clockValues(kMonday + 999);  // the meter shows whole seconds
  CHECK(date == 26112301);
  CHECK(time == 143507);
  // 2027-01-03 is a Sunday: weekday 00.
  CHECK(d::clockValues((20780LL + 41) * 86'400'000).first == 27010300);
}

TEST_CASE("the meter's digits give back the local time", "[dlt645][clock]") {
  const auto back = d::clockLocalMs(26112301, 143507);
  REQUIRE(back.ok());
  CHECK(back.value() == kMonday);
  // A wrong weekday (set by hand on the meter) does not matter.
  CHECK(d::clockLocalMs(26112305, 143507).value() == kMonday);
  CHECK_FALSE(d::clockLocalMs(26023001, 0).ok());       // 30 February
  CHECK_FALSE(d::clockLocalMs(26112301, 246000).ok());  // 24:60:00
  CHECK_FALSE(d::clockLocalMs(26112301, 0.5).ok());
}

TEST_CASE("clock values travel through read replies unchanged", "[dlt645][clock]") {
  const auto [date, time] = d::clockValues(kMonday);
  for (const auto& [di, value] : {std::pair{d::kDiDateWeek, date}, std::pair{d::kDiTime, time}}) {
    const auto frame = d::encodeReadReply("000000000001", di, value);
    REQUIRE(frame.ok());
    const auto decoded = d::decodeFrame(frame.value());
    REQUIRE(decoded.ok());
    // DATA: 4 DI bytes then the BCD digits, least significant byte first (WW DD MM YY).
    if (di == d::kDiDateWeek) {
      CHECK(std::vector<uint8_t>(decoded.value().data.begin() + 4, decoded.value().data.end()) ==
            std::vector<uint8_t>{0x01, 0x23, 0x11, 0x26});
    }
    const auto read = d::decodeReadReply(decoded.value(), di);
    REQUIRE(read.ok());
    CHECK(read.value() == value);
  }
}
