// Link health and snapshot scheduling: connecting, live, lost after 3 s of silence; a snapshot
// is asked at start, after a daemon restart and when heartbeats return.
#include <catch2/catch.hpp>

#include "connection_watch.h"

using gt::twin::ConnectionState;
using gt::twin::connectionState;
using gt::twin::SnapshotScheduler;

TEST_CASE("connection state from heartbeat times") {
  CHECK(connectionState(1000, 0, 1000) == ConnectionState::Connecting);
  CHECK(connectionState(1000, 0, 3999) == ConnectionState::Connecting);
  CHECK(connectionState(1000, 0, 4000) == ConnectionState::Lost);
  CHECK(connectionState(1000, 5000, 5100) == ConnectionState::Live);
  CHECK(connectionState(1000, 5000, 7999) == ConnectionState::Live);
  CHECK(connectionState(1000, 5000, 8000) == ConnectionState::Lost);
}

TEST_CASE("a snapshot is asked at start and not again once answered") {
  SnapshotScheduler s(1000);
  REQUIRE(s.shouldRequest(1000));
  s.onRequestSent(1000);
  CHECK_FALSE(s.shouldRequest(1001));
  s.onHeartbeat(77, 1500);
  s.onSnapshotReply(77);
  s.onHeartbeat(77, 2500);
  CHECK_FALSE(s.shouldRequest(10000));
}

TEST_CASE("an unanswered request is repeated only while the daemon is live") {
  SnapshotScheduler s(0);
  s.onRequestSent(0);
  CHECK_FALSE(s.shouldRequest(5000));  // no daemon: no pile of queued requests
  s.onHeartbeat(77, 5000);
  CHECK(s.shouldRequest(5000));  // it is live and the request is 5 s old
  s.onRequestSent(5000);
  s.onHeartbeat(77, 6000);
  CHECK_FALSE(s.shouldRequest(6000));
  CHECK(s.shouldRequest(7000));
}

TEST_CASE("a new `started` in a heartbeat asks for a new snapshot at once") {
  SnapshotScheduler s(0);
  s.onRequestSent(0);
  s.onHeartbeat(77, 100);
  s.onSnapshotReply(77);
  s.onHeartbeat(77, 1100);
  CHECK_FALSE(s.shouldRequest(1100));
  s.onHeartbeat(99, 2100);  // the daemon restarted
  CHECK(s.shouldRequest(2100));
}

TEST_CASE("heartbeats returning after a silence ask for a new snapshot") {
  SnapshotScheduler s(0);
  s.onRequestSent(0);
  s.onHeartbeat(77, 100);
  s.onSnapshotReply(77);
  s.onHeartbeat(77, 1100);
  CHECK_FALSE(s.shouldRequest(9000));
  s.onHeartbeat(77, 9000);  // 7.9 s of silence: we may have missed alarms
  CHECK(s.shouldRequest(9000));
}
