// Wire messages: round trips, golden bytes of a small message (the format is frozen: a change
// here breaks every client), and rejection of truncated, trailing, unknown-version input.
#include <catch2/catch.hpp>

#include <cmath>

#include "greentwin/messages.h"
#include "wire_bytes_test_support.h"

using namespace gt::wire;
using gt::wire::testing::hex;

TEST_CASE("a reading batch survives a round trip, NaN included", "[wire]") {
  ReadingBatch b{"M-02",
                 "CNC-01",
                 "machining",
                 {{"M-02.p", "kW", 1763000000123, 18.4, 0},
                  {"M-02.ep_imp", "kWh", 1763000000123, std::nan(""), gt::quality::kNotANumber}}};
  auto back = decodeReadingBatch(encode(b));
  REQUIRE(back);
  CHECK(back->meter == "M-02");
  CHECK(back->area == "machining");
  REQUIRE(back->values.size() == 2);
  CHECK(back->values[0].value == 18.4);
  CHECK(back->values[0].t == 1763000000123);
  CHECK(std::isnan(back->values[1].value));
  CHECK(back->values[1].quality == gt::quality::kNotANumber);
}

TEST_CASE("golden bytes of a heartbeat", "[wire]") {
  // {"v":1,"type":"heartbeat","t":1000,"started":500,"site":"s"} in MessagePack:
  // 85 (map of 5), a1 76 ("v") 01, a4 74797065 ("type") a9 6865617274626561 74 ("heartbeat"),
  // a1 74 ("t") cf 00000000000003e8 (uint64 1000 after pack_int64 of a positive value),
  // a7 73746172746564 ("started") cf 00000000000001f4, a4 73697465 ("site") a1 73 ("s").
  // msgpack-c packs a non-negative int64 in its smallest unsigned form: cd 03e8, cd 01f4.
  const std::string body = encode(Heartbeat{1000, 500, "s"});
  CHECK(hex(body) ==
        "85a17601a474797065a9686561727462656174a174cd03e8a773746172746564cd01f4a473697465a173");
}

TEST_CASE("alarms and requests round trip", "[wire]") {
  AlarmEvent a{7,
               "M-03",
               "CNC-02",
               "machining",
               gt::AlarmCode::MeterFault,
               gt::AlarmState::Raised,
               42,
               "cumulative register went backwards"};
  auto back = decodeAlarmEvent(encode(a));
  REQUIRE(back);
  CHECK(back->code == gt::AlarmCode::MeterFault);
  CHECK(back->state == gt::AlarmState::Raised);
  CHECK(back->text == a.text);

  auto req = decodeRequest(encode(Request{HistoryRequest{"M-02.p", 10, 20, 5}}));
  REQUIRE(req);
  REQUIRE(std::holds_alternative<HistoryRequest>(*req));
  CHECK(std::get<HistoryRequest>(*req).limit == 5);
  CHECK(
      std::holds_alternative<SnapshotRequest>(*decodeRequest(encode(Request{SnapshotRequest{}}))));
}

TEST_CASE("replies round trip", "[wire]") {
  SnapshotReply s;
  s.t = 5;
  s.started = 1;
  s.site = "demo";
  s.latest.push_back(ReadingBatch{"M-01", "TR-01", "substation", {{"M-01.p", "kW", 4, 512.5, 0}}});
  s.meters.push_back(MeterState{"M-01", true, 4});
  s.alarms.push_back(AlarmEvent{1, "M-09", "PNT-01", "paint", gt::AlarmCode::CommunicationFault,
                                gt::AlarmState::Raised, 3, "no answer"});
  auto back = decodeReply(encode(Reply{s}));
  REQUIRE(back);
  const auto& snap = std::get<SnapshotReply>(*back);
  CHECK(snap.latest.at(0).values.at(0).value == 512.5);
  CHECK(snap.meters.at(0).online);
  CHECK(snap.alarms.at(0).code == gt::AlarmCode::CommunicationFault);

  HistoryReply h{"M-01.p", "kW", {{1, 2.0, 0}, {2, std::nan(""), 16}}, true};
  auto hb = decodeReply(encode(Reply{h}));
  REQUIRE(hb);
  CHECK(std::get<HistoryReply>(*hb).samples.size() == 2);
  CHECK(std::get<HistoryReply>(*hb).truncated);
  CHECK(std::get<ErrorReply>(*decodeReply(encode(Reply{ErrorReply{"bad"}}))).error == "bad");
}

TEST_CASE("snapshot meter counters are optional and round trip", "[wire]") {
  SnapshotReply s;
  s.site = "demo";
  s.meters.push_back(MeterState{"M-01", true, 4});  // as an older daemon sends it
  s.meters.push_back(MeterState{"M-02", false, 0, PollCounters{7, 3, 1, 2, 1, 1}});
  auto back = decodeReply(encode(Reply{s}));
  REQUIRE(back);
  const auto& snap = std::get<SnapshotReply>(*back);
  CHECK_FALSE(snap.meters.at(0).counters);
  REQUIRE(snap.meters.at(1).counters);
  CHECK(*snap.meters.at(1).counters == PollCounters{7, 3, 1, 2, 1, 1});
}

TEST_CASE("malformed bodies are rejected with a reason", "[wire]") {
  const std::string good = encode(Heartbeat{1000, 500, "s"});
  std::string why;
  CHECK_FALSE(decodeHeartbeat(good.substr(0, good.size() - 3), &why));
  CHECK(why == "truncated message");
  CHECK_FALSE(decodeHeartbeat(good + "x", &why));
  CHECK(why == "trailing bytes after the message");
  std::string v2 = good;
  v2[3] = 2;  // the "v" value
  CHECK_FALSE(decodeHeartbeat(v2, &why));
  CHECK(why == "unknown version 2");
  CHECK_FALSE(decodeReadingBatch(good, &why));
  CHECK(why == "type is 'heartbeat', expected 'readings'");
  CHECK_FALSE(decodeRequest(std::string("\xc1", 1), &why));
  CHECK_FALSE(decodeRequest("", &why));
}

TEST_CASE("topics let subscribers filter by area and meter", "[wire]") {
  CHECK(readingTopic("machining", "M-02") == "reading/machining/M-02");
  CHECK(alarmTopic("paint", "M-09") == "alarm/paint/M-09");
}

TEST_CASE("read requests and their readings replies round trip", "[wire]") {
  const std::string body = encode(Request{ReadRequest{"M-03"}});
  auto request = decodeRequest(body);
  REQUIRE(request);
  REQUIRE(std::holds_alternative<ReadRequest>(*request));
  CHECK(std::get<ReadRequest>(*request).meter == "M-03");
  std::string why;
  CHECK_FALSE(decodeRequest(std::string("\x82\xa1v\x01\xa2op\xa4read", 12), &why));
  CHECK(why == "missing 'meter'");

  const ReadingBatch b{"M-03", "CNC-02", "machining", {{"M-03.p", "kW", 1763000000123, 4.5, 0}}};
  const std::string reply = encode(Reply{b});
  // Byte for byte the PUB body: a client decodes both with the same code.
  CHECK(reply == encode(b));
  auto back = decodeReply(reply);
  REQUIRE(back);
  REQUIRE(std::holds_alternative<ReadingBatch>(*back));
  CHECK(std::get<ReadingBatch>(*back).values.at(0).value == 4.5);
  CHECK(std::get<ReadingBatch>(*back).values.at(0).unit == "kW");
}
