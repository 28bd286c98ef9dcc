// The enter request and its reply (entry_messages.h, docs/protocol.md "enter"): golden bytes
// that Python's msgpack produces from the documented maps, round trips, and the decoders'
// refusals.
#include <catch2/catch.hpp>

#include <cmath>

#include "greentwin/entry_messages.h"
#include "greentwin/messages.h"
#include "wire_bytes_test_support.h"

using namespace gt;
using namespace gt::wire;
using gt::wire::testing::hex;
using gt::wire::testing::unhex;

namespace {

// msgpack.packb({'v':1,'op':'enter','kind':'manual','by':'ZW','why':'display',
//   'estimated':False,'dry_run':True,'rows':[['M-04.ep_imp',1791158400000,123.5,'cli']]})
constexpr const char* kGoldenRequest =
    "88a17601a26f70a5656e746572a46b696e64a66d616e75616ca26279a25a57a3776879a7646973706c6179a965"
    "7374696d61746564c2a76472795f72756ec3a4726f77739194ab4d2d30342e65705f696d70cf000001a1095c34"
    "00cb405ee00000000000a3636c69";
// msgpack.packb({'v':1,'type':'entered','results':[['stored',34,'below'],
//   ['rejected',0,'no value']]})
constexpr const char* kGoldenReply =
    "83a17601a474797065a7656e7465726564a7726573756c74739293a673746f72656422a562656c6f7793a872656a"
    "656374656400a86e6f2076616c7565";

EnterRequest sampleRequest() {
  EnterRequest r;
  r.kind = "manual";
  r.by = "ZW";
  r.why = "display";
  r.dry_run = true;
  r.rows.push_back({"M-04.ep_imp", 1791158400000, 123.5, "cli"});
  return r;
}

}  // namespace

TEST_CASE("enter request and reply: golden bytes and round trips", "[entry]") {
  CHECK(hex(encode(Request{sampleRequest()})) == kGoldenRequest);
  const auto decoded = decodeRequest(unhex(kGoldenRequest));
  REQUIRE(decoded);
  REQUIRE(std::holds_alternative<EnterRequest>(*decoded));
  const EnterRequest& r = std::get<EnterRequest>(*decoded);
  CHECK(r.kind == "manual");
  CHECK(r.by == "ZW");
  CHECK(r.dry_run);
  CHECK_FALSE(r.estimated);
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].point == "M-04.ep_imp");
  CHECK(r.rows[0].t == 1791158400000);
  CHECK(r.rows[0].value == 123.5);
  CHECK(r.rows[0].source == "cli");

  const EnterReply reply{{{"stored", 34, "below"}, {"rejected", 0, "no value"}}};
  CHECK(hex(encode(reply)) == kGoldenReply);
  const auto back = decodeEnterReply(unhex(kGoldenReply));
  REQUIRE(back);
  REQUIRE(back->results.size() == 2);
  CHECK(back->results[0].quality == 34);
  CHECK(back->results[1].why == "no value");

  // A NaN value travels as nil and comes back as NaN (the daemon rejects it: nothing to store).
  EnterRequest nan = sampleRequest();
  nan.rows[0].value = std::nan("");
  const auto nan_back = decodeRequest(encode(Request{nan}));
  REQUIRE(nan_back);
  CHECK(std::isnan(std::get<EnterRequest>(*nan_back).rows[0].value));
}

TEST_CASE("enter decoders refuse broken bodies", "[entry]") {
  const std::string body = unhex(kGoldenRequest);
  std::string why;
  CHECK_FALSE(decodeRequest(body.substr(0, body.size() - 2), &why));
  CHECK(why == "truncated message");
  CHECK_FALSE(decodeRequest(body + "x", &why));
  EnterRequest other = sampleRequest();
  other.kind = "guess";
  CHECK_FALSE(decodeRequest(encode(Request{other}), &why));
  CHECK(why.find("'kind' must be") != std::string::npos);
  // A row of three fields instead of four.
  std::string short_row = body;
  short_row[short_row.find('\x94')] = '\x93';
  CHECK_FALSE(decodeRequest(short_row.substr(0, short_row.size() - 4), &why));
  CHECK(why == "an enter row must be [point, t, value, source]");
  const std::string reply = unhex(kGoldenReply);
  CHECK_FALSE(decodeEnterReply(reply.substr(0, 10), &why));
  // The error body is not an entered body.
  CHECK_FALSE(decodeEnterReply(encode(Reply{ErrorReply{"no"}}), &why));
}
