// Forwarding state in the snapshot (docs/protocol.md, "Snapshot"): optional, round trips, and
// the forward_backlog alarm code keeps its frozen value and name.
#include <catch2/catch.hpp>

#include "greentwin/messages.h"

using namespace gt;
using namespace gt::wire;

TEST_CASE("snapshot forward states round trip and are absent without centres", "[wire]") {
  SnapshotReply s;
  s.t = 1'700'000'000'000;
  s.site = "plant";
  s.forward.push_back(ForwardState{"hq", false, 1234, 605'000, 0, 7});
  s.forward.push_back(ForwardState{"group", true, 0, 0, 98'765, 0});
  const auto back = decodeReply(encode(Reply{s}));
  REQUIRE(back);
  const auto& snap = std::get<SnapshotReply>(*back);
  CHECK(snap.forward == s.forward);

  SnapshotReply none;
  const std::string body = encode(Reply{none});
  CHECK(body.find("forward") == std::string::npos);
  const auto plain = decodeReply(body);
  REQUIRE(plain);
  CHECK(std::get<SnapshotReply>(*plain).forward.empty());
}

TEST_CASE("forward_backlog is alarm code 5 and decodes by name", "[wire]") {
  CHECK(static_cast<int>(AlarmCode::ForwardBacklog) == 5);
  CHECK(std::string(alarmCodeName(AlarmCode::ForwardBacklog)) == "forward_backlog");
  const AlarmEvent a{
      9,    "forward:hq",          "", "site", AlarmCode::ForwardBacklog, AlarmState::Raised,
      1000, "upper centre hq down"};
  const auto back = decodeAlarmEvent(encode(a));
  REQUIRE(back);
  CHECK(back->code == AlarmCode::ForwardBacklog);
  CHECK(back->meter == "forward:hq");
}
