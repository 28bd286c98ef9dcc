// The balance message and request (balance_messages.h): a round trip keeps every figure, the
// request matches bytes Python's msgpack.packb wrote, and the decoder refuses bodies that are
// truncated, carry trailing bytes, have another type, or whose balance does not add up.
#include <catch2/catch.hpp>

#include "greentwin/balance_messages.h"
#include "greentwin/messages.h"
#include "wire_bytes_test_support.h"

using namespace gt;
using namespace gt::wire;
using gt::wire::testing::hex;
using gt::wire::testing::unhex;

namespace {

// Electricity: 1000 kWh bought + 200 kWh PV = 700 + 300 kWh in the areas + 50 kWh exported
// + 150 kWh loss (input = consumption + loss + export). 0.1229 kgce/kWh, GB/T 2589-2020
// Annex A (equivalent value): 1200 kWh = 0.14748 tce.
BalanceCarrier electricity() {
  BalanceCarrier c;
  c.carrier = "electricity";
  c.name_zh = "电力";
  c.name_en = "electricity";
  c.unit = "kWh";
  c.tce_per_unit = 0.0001229;
  c.purchased = 1000;
  c.generated = 200;
  c.exported = 50;
  c.loss = 150;
  c.areas = {{"machining", "机加工车间", "Machining hall", 700, 0.08603},
             {"assembly", "装配车间", "Assembly", 300, 0.03687}};
  return c;
}

BalanceUpdate sample() {
  BalanceUpdate u;
  u.t = 1795420800000;
  u.site = "demo-cnc";
  u.day = "2026-11-23";
  BalancePeriod p;
  p.span = std::string(kBalanceToday);
  p.period = "2026-11-23";
  p.from = 1795363200000;
  p.to = 1795420800000;
  p.carriers = {electricity()};
  sumBalanceTotals(p);
  u.periods.push_back(p);
  p.span = std::string(kBalanceMonthToDate);
  p.period = "2026-11";
  u.periods.push_back(p);
  return u;
}

}  // namespace

TEST_CASE("balance messages round-trip with their totals") {
  const BalanceUpdate before = sample();
  // 1200 kWh x 0.0001229 tce/kWh = 0.14748 tce in; 0.1229 tce in the areas; 150 kWh lost.
  CHECK(before.periods[0].input_tce == Approx(0.14748));
  CHECK(before.periods[0].consumption_tce == Approx(0.1229));
  CHECK(before.periods[0].loss_tce == Approx(0.018435));
  CHECK(before.periods[0].exported_tce == Approx(0.006145));
  std::string why;
  const auto u = decodeBalanceUpdate(encode(before), &why);
  INFO(why);
  REQUIRE(u);
  CHECK(u->site == "demo-cnc");
  CHECK(u->day == "2026-11-23");
  REQUIRE(u->periods.size() == 2);
  const BalancePeriod* month = u->find(kBalanceMonthToDate);
  REQUIRE(month);
  CHECK(month->period == "2026-11");
  const BalancePeriod& today = *u->find(kBalanceToday);
  CHECK(today.from == 1795363200000);
  CHECK(today.input_tce == before.periods[0].input_tce);
  REQUIRE(today.carriers.size() == 1);
  const BalanceCarrier& c = today.carriers[0];
  CHECK(c.name_zh == "电力");
  CHECK(c.unit == "kWh");
  CHECK(c.purchased == 1000);
  CHECK(c.generated == 200);
  CHECK(c.exported == 50);
  CHECK(c.loss == 150);
  CHECK_FALSE(c.negative_loss);
  REQUIRE(c.areas.size() == 2);
  CHECK(c.areas[1].name_en == "Assembly");
  CHECK(c.areas[1].tce == 0.03687);
  CHECK(c.consumption() == 1000);
}

TEST_CASE("a negative loss travels flagged") {
  BalanceUpdate u = sample();
  BalanceCarrier& c = u.periods[0].carriers[0];
  c.areas[0].amount = 1000;  // the sub-meters now add up to 1300 kWh of 1200 in
  c.loss = -150;
  c.negative_loss = true;
  const auto back = decodeBalanceUpdate(encode(u));
  REQUIRE(back);
  CHECK(back->periods[0].carriers[0].negative_loss);
  CHECK(back->periods[0].carriers[0].loss == -150);
}

TEST_CASE("the balance decoder refuses broken bodies") {
  const std::string body = encode(sample());
  std::string why;
  CHECK_FALSE(decodeBalanceUpdate(body.substr(0, body.size() - 3), &why));
  CHECK(why == "truncated message");
  CHECK_FALSE(decodeBalanceUpdate(body + "x", &why));
  CHECK(why == "trailing bytes after the message");
  CHECK_FALSE(decodeBalanceUpdate(encode(Reply{ErrorReply{"no"}}), &why));
  CHECK(why.find("expected 'balance'") != std::string::npos);

  BalanceUpdate unbalanced = sample();
  unbalanced.periods[0].carriers[0].loss = 10;  // 1200 != 1000 + 50 + 10
  CHECK_FALSE(decodeBalanceUpdate(encode(unbalanced), &why));
  CHECK(why == "electricity: input is not consumption + loss + export");

  BalanceUpdate flag = sample();
  flag.periods[0].carriers[0].negative_loss = true;  // the loss is +150
  CHECK_FALSE(decodeBalanceUpdate(encode(flag), &why));
  CHECK(why == "electricity: 'negative_loss' disagrees with the loss");

  BalanceUpdate negative = sample();
  negative.periods[0].carriers[0].areas[0].amount = -700;
  negative.periods[0].carriers[0].loss = 1550;
  CHECK_FALSE(decodeBalanceUpdate(encode(negative), &why));
  CHECK(why == "'amount' must be a finite amount >= 0");
}

TEST_CASE("the balance request matches Python's bytes and needs a period") {
  // msgpack.packb({"v": 1, "op": "balance", "period": "2026-11-23"}).hex()
  const std::string golden = "83a17601a26f70a762616c616e6365a6706572696f64aa323032362d31312d3233";
  CHECK(hex(encode(Request{BalanceRequest{"2026-11-23"}})) == golden);
  const auto r = decodeRequest(unhex(golden));
  REQUIRE(r);
  REQUIRE(std::holds_alternative<BalanceRequest>(*r));
  CHECK(std::get<BalanceRequest>(*r).period == "2026-11-23");
  std::string why;
  CHECK_FALSE(decodeRequest(encode(Request{BalanceRequest{""}}), &why));
  CHECK(why == "'period' is empty: give a day or a month");
}
