// The optional "resolution" of history requests and the "buckets" of aggregated replies
// (docs/protocol.md, 2026-11-23): a raw request or reply encodes exactly as before.
#include <catch2/catch.hpp>

#include <cmath>

#include "greentwin/messages.h"

using namespace gt::wire;

TEST_CASE("history resolution: raw bodies are unchanged, aggregated ones round-trip",
          "[messages]") {
  const std::string raw = encode(Request{HistoryRequest{"M-02.p", 10, 20, 5}});
  CHECK(raw.find("resolution") == std::string::npos);
  auto req = decodeRequest(raw);
  REQUIRE(req);
  CHECK(std::get<HistoryRequest>(*req).resolution == "raw");

  HistoryRequest day{"M-02.ep_imp", 10, 20, 5};
  day.resolution = "day";
  req = decodeRequest(encode(Request{day}));
  REQUIRE(req);
  CHECK(std::get<HistoryRequest>(*req).resolution == "day");

  HistoryReply plain{"M-01.p", "kW", {{1, 2.0, 0}}, false};
  CHECK(encode(Reply{plain}).find("buckets") == std::string::npos);

  HistoryReply h{"M-01.ep_imp", "kWh", {{100, 4.5, 0}}, false};
  h.resolution = "hour";
  h.buckets.push_back({100, 12, 1, 1.0, 2.0, 1.5, 100.0, 104.5, 4.5});
  h.buckets.push_back({200, 0, 3, NAN, NAN, NAN, NAN, NAN, NAN});
  const auto back = decodeReply(encode(Reply{h}));
  REQUIRE(back);
  const auto& r = std::get<HistoryReply>(*back);
  CHECK(r.resolution == "hour");
  REQUIRE(r.buckets.size() == 2);
  CHECK(r.buckets[0].count == 12);
  CHECK(r.buckets[0].bad_count == 1);
  CHECK(r.buckets[0].delta == 4.5);
  CHECK(std::isnan(r.buckets[1].mean));  // nil on the wire
  CHECK(r.buckets[1].bad_count == 3);
}
