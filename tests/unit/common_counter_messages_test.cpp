// The "replaced" request and reply (counter_messages.h): round trips, and the decoder rejects
// readings no meter shows and a reply of another type.
#include <catch2/catch.hpp>

#include "greentwin/messages.h"

using namespace gt;
using namespace gt::wire;

TEST_CASE("replaced requests and replies round trip", "[wire]") {
  const ReplacedRequest r{"M-04.ep_imp", 1'790'000'000'000, 123456.7, 0.5, "zhang", "WO-17"};
  const auto back = decodeRequest(encode(Request{r}));
  REQUIRE(back);
  const auto& got = std::get<ReplacedRequest>(*back);
  CHECK(got.point == r.point);
  CHECK(got.t == r.t);
  CHECK(got.old_last == r.old_last);
  CHECK(got.new_first == r.new_first);
  CHECK(got.by == r.by);
  CHECK(got.why == r.why);

  const auto reply = decodeReplacedReply(encode(ReplacedReply{"M-04.ep_imp", r.t}));
  REQUIRE(reply);
  CHECK(reply->point == "M-04.ep_imp");
  CHECK(reply->t == r.t);
}

TEST_CASE("replaced requests with negative readings and other replies are rejected", "[wire]") {
  std::string why;
  const ReplacedRequest negative{"M-04.ep_imp", 1, -1.0, 0, "zhang", "typo"};
  CHECK_FALSE(decodeRequest(encode(Request{negative}), &why));
  CHECK(why.find("old_last") != std::string::npos);
  CHECK_FALSE(decodeReplacedReply(encode(Reply{ErrorReply{"no"}})));
}
