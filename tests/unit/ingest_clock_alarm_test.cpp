// Alarm meter_clock_off (alarm_tracker.h): raised by one clock read beyond the meter's
// clock_alarm_s, cleared only after clock_clear_after reads in a row within half of it; its
// frozen code and name; and the clock read counters of the snapshot on the wire.
#include <catch2/catch.hpp>

#include "alarm_tracker.h"
#include "greentwin/messages.h"

using namespace gt;
using namespace gt::ingest;

namespace {
// M-01 with the default 300 s limit, K-02 with 60 s; clock alarms clear after 2 good reads.
AlarmTracker tracker() {
  return AlarmTracker({{"M-01", "CNC-01", "hall", 300}, {"K-02", "CNC-02", "hall", 60}},
                      AlarmRules{3, 2, 5, 2}, 40);
}
}  // namespace

TEST_CASE("meter_clock_off is alarm code 6 and decodes by name", "[alarm][clock]") {
  CHECK(static_cast<int>(AlarmCode::MeterClockOff) == 6);
  CHECK(std::string(alarmCodeName(AlarmCode::MeterClockOff)) == "meter_clock_off");
  const wire::AlarmEvent e{7,
                           "K-01",
                           "CNC-01",
                           "hall",
                           AlarmCode::MeterClockOff,
                           AlarmState::Raised,
                           1'000,
                           "K-01 clock is ahead"};
  const auto back = wire::decodeAlarmEvent(wire::encode(e));
  REQUIRE(back);
  CHECK(back->code == AlarmCode::MeterClockOff);
}

TEST_CASE("a clock beyond its limit raises meter_clock_off at the first read", "[alarm][clock]") {
  auto t = tracker();
  CHECK(t.clockRead(0, 1'000, 299.0).empty());   // within 300 s
  CHECK(t.clockRead(0, 2'000, -300.0).empty());  // on the limit is within it
  const auto raised = t.clockRead(0, 3'000, -301.0);
  REQUIRE(raised.size() == 1);
  CHECK(raised[0].id == 40);
  CHECK(raised[0].code == AlarmCode::MeterClockOff);
  CHECK(raised[0].state == AlarmState::Raised);
  CHECK(raised[0].meter == "M-01");
  CHECK(raised[0].equipment == "CNC-01");
  CHECK(raised[0].t == 3'000);
  CHECK(raised[0].text ==
        "M-01 clock is behind the daemon's by 301 s (limit 300 s): set the "
        "meter's clock");
  CHECK(t.clockRead(0, 4'000, 900.0).empty());  // already raised: not again
  REQUIRE(t.active().size() == 1);
  CHECK(t.active()[0].code == AlarmCode::MeterClockOff);
  // Each meter has its own limit: 61 s is beyond K-02's 60 s, not M-01's.
  const auto k02 = t.clockRead(1, 4'000, 61.0);
  REQUIRE(k02.size() == 1);
  CHECK(k02[0].meter == "K-02");
  CHECK(k02[0].id == 41);
}

TEST_CASE("meter_clock_off clears after 2 reads in a row within half the limit", "[alarm][clock]") {
  auto t = tracker();
  REQUIRE(t.clockRead(0, 1'000, 600.0).size() == 1);
  CHECK(t.clockRead(0, 2'000, 10.0).empty());  // one good read is not enough
  // Between half the limit and the limit: neither raises nor counts toward the clear.
  CHECK(t.clockRead(0, 3'000, 200.0).empty());
  CHECK(t.clockRead(0, 4'000, 150.0).empty());  // 150 s is half of 300: within
  const auto cleared = t.clockRead(0, 5'000, -5.0);
  REQUIRE(cleared.size() == 1);
  CHECK(cleared[0].id == 40);  // the raise's id
  CHECK(cleared[0].state == AlarmState::Cleared);
  CHECK(cleared[0].code == AlarmCode::MeterClockOff);
  CHECK(cleared[0].t == 5'000);
  CHECK(t.active().empty());
  // A fresh drift beyond the limit is a new alarm with a new id.
  const auto again = t.clockRead(0, 6'000, 301.0);
  REQUIRE(again.size() == 1);
  CHECK(again[0].id == 41);
}

TEST_CASE("polls neither raise nor clear meter_clock_off, nor it them", "[alarm][clock]") {
  auto t = tracker();
  REQUIRE(t.clockRead(0, 1'000, 600.0).size() == 1);
  for (int i = 0; i < 10; ++i) CHECK(t.pollSucceeded(0, 2'000 + i, 0, "").empty());
  REQUIRE(t.active().size() == 1);
  // A communication fault comes on top with its own id; the clock alarm stays raised.
  t.pollFailed(0, 3'000, "timeout");
  t.pollFailed(0, 4'000, "timeout");
  const auto comm = t.pollFailed(0, 5'000, "timeout");
  REQUIRE(comm.size() == 1);
  CHECK(comm[0].code == AlarmCode::CommunicationFault);
  CHECK(comm[0].id == 41);
  CHECK(t.active().size() == 2);
}

TEST_CASE("snapshot clock read counters round trip and are absent for meters without a clock",
          "[wire][clock]") {
  wire::SnapshotReply s;
  s.t = 1'763'870'400'000;
  s.site = "demo";
  s.meters.push_back(wire::MeterState{"K-01", true, s.t, std::nullopt, 600.5,
                                      wire::ClockReads{3, 1, s.t - 2'000}});
  s.meters.push_back(wire::MeterState{"K-02", true, s.t, std::nullopt, std::nullopt,
                                      wire::ClockReads{0, 2, 0}});  // never read yet
  s.meters.push_back(wire::MeterState{"M-01", true, s.t});
  const auto back = wire::decodeReply(wire::encode(wire::Reply{s}));
  REQUIRE(back);
  const auto& r = std::get<wire::SnapshotReply>(*back);
  REQUIRE(r.meters.size() == 3);
  REQUIRE(r.meters[0].clock_reads);
  CHECK(*r.meters[0].clock_reads == wire::ClockReads{3, 1, s.t - 2'000});
  CHECK(r.meters[0].clock_offset_s == 600.5);
  REQUIRE(r.meters[1].clock_reads);
  CHECK(*r.meters[1].clock_reads == wire::ClockReads{0, 2, 0});
  CHECK_FALSE(r.meters[1].clock_offset_s);
  CHECK_FALSE(r.meters[2].clock_reads);
}
