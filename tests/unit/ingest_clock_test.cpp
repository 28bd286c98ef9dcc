// Time as the daemon reports it: its own clock's state from the kernel's NTP discipline
// (daemon_clock.h, states fed through the KernelClockReader as adjtimex(2) would report them,
// and this machine's real one), a DL/T 645 meter clock's offset (meter_clock.h), and both in
// the snapshot reply on the wire.
#include <catch2/catch.hpp>

#include <sys/timex.h>

#include <optional>

#include "daemon_clock.h"
#include "greentwin/messages.h"
#include "meter_clock.h"

using namespace gt;
using namespace gt::ingest;

namespace {

// What adjtimex reports on a machine that chronyd keeps in step: PLL mode, 0.25 ms offset.
KernelClock synced() {
  return KernelClock{TIME_OK, STA_PLL, 250, 40'000, 1'200};
}

}  // namespace

TEST_CASE("the kernel's units become milliseconds", "[clock]") {
  const wire::ClockState s = clockStateFrom(synced());
  CHECK(s.synchronized);
  CHECK(s.offset_ms == Approx(0.25));
  CHECK(s.max_error_ms == Approx(40));
  CHECK(s.est_error_ms == Approx(1.2));
  // STA_NANO: the offset is in nanoseconds (the error bounds stay in microseconds).
  KernelClock nano = synced();
  nano.status |= STA_NANO;
  nano.offset = -1'500'000;
  CHECK(clockStateFrom(nano).offset_ms == Approx(-1.5));
  // No discipline at all: STA_UNSYNC, and adjtimex answers TIME_ERROR.
  CHECK_FALSE(
      clockStateFrom(KernelClock{TIME_ERROR, STA_UNSYNC, 0, 16'000'000, 16'000'000}).synchronized);
  // TIME_ERROR alone (e.g. a leap second pending wrongly) is not trusted either.
  CHECK_FALSE(clockStateFrom(KernelClock{TIME_ERROR, STA_PLL, 0, 1'000, 1'000}).synchronized);
}

TEST_CASE("the log says when the clock cannot be trusted, once per change", "[clock]") {
  std::optional<KernelClock> kernel = synced();
  DaemonClockWatch watch([&] { return kernel; }, 500);

  auto c = watch.check();
  REQUIRE(c.state);
  CHECK(c.level == LogLevel::Info);
  CHECK(c.message == "system clock synchronised: offset 0.250 ms, error bound 40 ms");
  CHECK(watch.check().message.empty());  // nothing changed: nothing to log

  kernel = KernelClock{TIME_ERROR, STA_UNSYNC, 0, 16'000'000, 16'000'000};
  c = watch.check();
  CHECK(c.level == LogLevel::Warn);
  CHECK(c.message.starts_with("system clock is not synchronised"));
  CHECK(c.message.find("16000 ms") != std::string::npos);
  REQUIRE(c.state);
  CHECK_FALSE(c.state->synchronized);
  CHECK(watch.check().message.empty());

  // Synchronised, but the error bound has grown beyond the limit.
  kernel = KernelClock{TIME_OK, STA_PLL, 0, 750'000, 1'000};
  c = watch.check();
  CHECK(c.level == LogLevel::Warn);
  CHECK(c.message ==
        "system clock error bound is 750 ms (above 500 ms): sample times may be "
        "off by that much");

  kernel = synced();
  c = watch.check();
  CHECK(c.level == LogLevel::Info);
  CHECK(c.message == "system clock synchronised again: offset 0.250 ms, error bound 40 ms");

  kernel = std::nullopt;
  c = watch.check();
  CHECK_FALSE(c.state);
  CHECK(c.level == LogLevel::Warn);
  CHECK(c.message.starts_with("cannot read the system clock's synchronisation state"));
}

TEST_CASE("this machine's kernel clock can be read without privileges", "[clock]") {
  const std::optional<KernelClock> k = systemKernelClock()();
  REQUIRE(k);
  CHECK(k->max_error_us >= 0);
  CHECK(k->state >= TIME_OK);
  CHECK(k->state <= TIME_ERROR);
}

TEST_CASE("a meter clock's offset is its local time less the zone, less the daemon's UTC",
          "[clock][dlt645]") {
  // The meter shows 2026-11-23 14:35:07 in Asia/Shanghai (UTC+8), which is 06:35:07 UTC;
  // the daemon read it at 06:25:07.400 UTC: the meter is 599.6 s ahead.
  // 2026-11-23 is day 20780 since 1970-01-01 (see common_dlt645_clock_test.cpp).
  const TimeMs daemon = 20780LL * 86'400'000 + (6 * 3600 + 25 * 60 + 7) * 1000LL + 400;
  const auto ahead = meterClockOffsetS(26112301, 143507, daemon, 8 * 60);
  REQUIRE(ahead.ok());
  CHECK(ahead.value() == Approx(599.6));
  // The same digits in a UTC site are eight hours further ahead.
  CHECK(meterClockOffsetS(26112301, 143507, daemon, 0).value() == Approx(599.6 + 8 * 3600));
  CHECK_FALSE(meterClockOffsetS(26113101, 143507, daemon, 480).ok());  // 31 November
}

TEST_CASE("the snapshot carries the daemon's clock and each meter's clock offset", "[clock]") {
  wire::SnapshotReply s;
  s.t = 1'763'870'400'000;
  s.site = "demo";
  s.clock = wire::ClockState{true, 0.25, 40, 1.2};
  s.meters.push_back(wire::MeterState{"D-01", true, s.t, std::nullopt, 600.5});
  s.meters.push_back(wire::MeterState{"M-01", true, s.t});
  const auto back = wire::decodeReply(wire::encode(wire::Reply{s}));
  REQUIRE(back);
  const auto& r = std::get<wire::SnapshotReply>(*back);
  REQUIRE(r.clock);
  CHECK(*r.clock == *s.clock);
  CHECK(r.meters[0].clock_offset_s == 600.5);
  CHECK_FALSE(r.meters[1].clock_offset_s);
  // A daemon that does not know its clock (older ones) sends no "clock" key.
  s.clock.reset();
  const auto without = wire::decodeReply(wire::encode(wire::Reply{s}));
  REQUIRE(without);
  CHECK_FALSE(std::get<wire::SnapshotReply>(*without).clock);
}
