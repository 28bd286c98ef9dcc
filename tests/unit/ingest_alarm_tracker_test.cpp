// AlarmTracker: raise and clear of both alarm kinds, with their hysteresis and stable ids.
#include <catch2/catch.hpp>

#include "alarm_tracker.h"

using namespace gt;
using namespace gt::ingest;

namespace {
AlarmTracker tracker(int64_t first_id = 100) {
  return AlarmTracker({{"M-01", "CNC-01", "hall"}, {"M-02", "CNC-02", "hall"}}, AlarmRules{3, 2, 5},
                      first_id);
}
}  // namespace

TEST_CASE("a meter is offline until it first answers", "[alarm]") {
  auto t = tracker();
  CHECK_FALSE(t.online(0));
  CHECK(t.pollSucceeded(0, 1000, 0, "").empty());
  CHECK(t.online(0));
  CHECK(t.lastOk(0) == 1000);
  CHECK(t.lastOk(1) == 0);
}

TEST_CASE("communication fault: raised on the Nth failure in a row, cleared after 2 good",
          "[alarm]") {
  auto t = tracker(100);
  t.pollSucceeded(0, 1000, 0, "");
  CHECK(t.pollFailed(0, 2000, "timeout").empty());
  CHECK(t.pollFailed(0, 3000, "timeout").empty());
  CHECK(t.online(0));  // two failures: still online (one lost frame is not an outage)
  const auto raised = t.pollFailed(0, 4000, "timeout");
  REQUIRE(raised.size() == 1);
  CHECK(raised[0].id == 100);
  CHECK(raised[0].code == AlarmCode::CommunicationFault);
  CHECK(raised[0].state == AlarmState::Raised);
  CHECK(raised[0].meter == "M-01");
  CHECK(raised[0].equipment == "CNC-01");
  CHECK(raised[0].area == "hall");
  CHECK(raised[0].t == 4000);
  CHECK_FALSE(t.online(0));
  CHECK(t.pollFailed(0, 5000, "timeout").empty());  // raised once, not per poll
  REQUIRE(t.active().size() == 1);

  CHECK(t.pollSucceeded(0, 6000, 0, "").empty());  // one good poll is not enough
  CHECK_FALSE(t.online(0));
  const auto cleared = t.pollSucceeded(0, 7000, 0, "");
  REQUIRE(cleared.size() == 1);
  CHECK(cleared[0].id == 100);  // the same id as its raise
  CHECK(cleared[0].state == AlarmState::Cleared);
  CHECK(cleared[0].t == 7000);
  CHECK(t.online(0));
  CHECK(t.active().empty());
}

TEST_CASE("a failure between good polls restarts the clear count", "[alarm]") {
  auto t = tracker();
  for (int i = 0; i < 3; ++i) t.pollFailed(0, i, "x");
  CHECK(t.pollSucceeded(0, 10, 0, "").empty());
  CHECK(t.pollFailed(0, 11, "x").empty());
  CHECK(t.pollSucceeded(0, 12, 0, "").empty());
  CHECK(t.pollSucceeded(0, 13, 0, "").size() == 1);
}

TEST_CASE("failures that never reach the limit raise nothing", "[alarm]") {
  auto t = tracker();
  for (int i = 0; i < 10; ++i) {
    CHECK(t.pollFailed(0, 3 * i, "x").empty());
    CHECK(t.pollFailed(0, 3 * i + 1, "x").empty());
    CHECK(t.pollSucceeded(0, 3 * i + 2, 0, "").empty());
  }
}

TEST_CASE("meter fault: raised by the first flagged poll, cleared after 5 clean polls", "[alarm]") {
  for (uint32_t flag :
       {quality::kRegressed, quality::kOutOfRange, quality::kNotANumber, quality::kStuck}) {
    auto t = tracker(7);
    t.pollSucceeded(1, 1000, 0, "");
    const auto raised = t.pollSucceeded(1, 2000, flag, "e regressed");
    REQUIRE(raised.size() == 1);
    CHECK(raised[0].code == AlarmCode::MeterFault);
    CHECK(raised[0].state == AlarmState::Raised);
    CHECK(raised[0].id == 7);
    CHECK(raised[0].text.find("e regressed") != std::string::npos);
    CHECK(t.pollSucceeded(1, 3000, flag, "").empty());  // still bad: no second raise
    for (int i = 0; i < 4; ++i) CHECK(t.pollSucceeded(1, 4000 + i, 0, "").empty());
    CHECK(t.pollSucceeded(1, 5000, flag, "").empty());  // bad again: count restarts
    for (int i = 0; i < 4; ++i) CHECK(t.pollSucceeded(1, 6000 + i, 0, "").empty());
    const auto cleared = t.pollSucceeded(1, 7000, 0, "");
    REQUIRE(cleared.size() == 1);
    CHECK(cleared[0].id == 7);
    CHECK(cleared[0].state == AlarmState::Cleared);
    CHECK(t.online(1));  // a meter fault does not make a meter offline
  }
}

TEST_CASE("spike, clock_suspect and other flags are not meter faults", "[alarm]") {
  auto t = tracker();
  CHECK(t.pollSucceeded(0, 1, quality::kSpike | quality::kClockSuspect | quality::kEstimated, "")
            .empty());
}

TEST_CASE("failed polls neither raise nor clear a meter fault", "[alarm]") {
  auto t = tracker();
  t.pollSucceeded(0, 1, quality::kOutOfRange, "p out_of_range");
  for (int i = 0; i < 10; ++i) t.pollFailed(0, 10 + i, "x");  // raises comm fault only
  CHECK(t.active().size() == 2);
  t.pollSucceeded(0, 30, 0, "");
  const auto events = t.pollSucceeded(0, 31, 0, "");  // clears comm fault, meter fault stays
  REQUIRE(events.size() == 1);
  CHECK(events[0].code == AlarmCode::CommunicationFault);
}

TEST_CASE("alarm ids are unique across meters and kinds", "[alarm]") {
  auto t = tracker(1);
  for (int i = 0; i < 3; ++i) t.pollFailed(0, i, "x");
  for (int i = 0; i < 3; ++i) t.pollFailed(1, i, "x");
  const auto active = t.active();
  REQUIRE(active.size() == 2);
  CHECK(active[0].id != active[1].id);
}
