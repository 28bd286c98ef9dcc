// The forward_backlog alarm's rules (forward_alarm.h): raised after alarm_after_s without an
// acknowledgement or with a backlog that old, cleared only below half of it, one id per alarm.
#include <catch2/catch.hpp>

#include "forward_alarm.h"

using namespace gt;
using namespace gt::ingest;

namespace {
ForwardTarget target() {
  ForwardTarget t;
  t.id = "hq";
  t.endpoint = "tcp://hq:5560";
  t.alarm_after_s = 60;
  return t;
}
ForwarderStats down(int64_t waiting, TimeMs oldest) {
  ForwarderStats s;
  s.waiting_rows = waiting;
  s.oldest_waiting_t = oldest;
  s.reachable = false;
  return s;
}
ForwarderStats up(int64_t waiting, TimeMs oldest) {
  ForwarderStats s = down(waiting, oldest);
  s.reachable = true;
  return s;
}
}  // namespace

TEST_CASE("an unreachable centre with readings waiting raises after alarm_after_s") {
  ForwardAlarm alarm(target());
  int64_t next = 40;
  const auto id = [&] { return next++; };
  // Readings stored from t = 100 s, every check sees them waiting; nothing acknowledges.
  CHECK_FALSE(alarm.update(down(10, 100'000), 100'000, id));
  CHECK_FALSE(alarm.update(down(500, 100'000), 159'000, id));
  const auto raised = alarm.update(down(600, 100'000), 160'000, id);
  REQUIRE(raised);
  CHECK(raised->code == AlarmCode::ForwardBacklog);
  CHECK(raised->state == AlarmState::Raised);
  CHECK(raised->id == 40);
  CHECK(raised->meter == "forward:hq");
  CHECK(raised->area == "site");
  CHECK(raised->text.find("600 readings waiting") != std::string::npos);
  CHECK_FALSE(alarm.update(down(700, 100'000), 170'000, id));  // raised once
  CHECK(alarm.raised());
}

TEST_CASE("a reachable centre too far behind raises; clearing needs half the age") {
  ForwardAlarm alarm(target());
  int64_t next = 1;
  const auto id = [&] { return next++; };
  CHECK_FALSE(alarm.update(up(5000, 1'000), 60'999, id));  // 59.999 s old
  REQUIRE(alarm.update(up(5000, 1'000), 61'000, id));      // 60 s old
  // Catching up, but the oldest waiting reading is still 45 s old: between the thresholds.
  CHECK_FALSE(alarm.update(up(100, 100'000), 145'000, id));
  // An outage of the link while catching up does not clear it either.
  CHECK_FALSE(alarm.update(down(100, 140'000), 150'000, id));
  const auto cleared = alarm.update(up(20, 140'000), 169'000, id);  // 29 s old
  REQUIRE(cleared);
  CHECK(cleared->state == AlarmState::Cleared);
  CHECK(cleared->id == 1);  // the raise's id
  CHECK(cleared->t == 169'000);
  CHECK_FALSE(alarm.raised());
}

TEST_CASE("an idle centre with nothing waiting never raises") {
  ForwardAlarm alarm(target());
  const auto id = [] { return int64_t{1}; };
  // Nothing was ever sent, so the forwarder has not seen an acknowledgement: not a fault.
  for (TimeMs t = 0; t <= 3'600'000; t += 60'000) CHECK_FALSE(alarm.update(down(0, 0), t, id));
}
