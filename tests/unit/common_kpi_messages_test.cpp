// The kpi message and the explain request and reply (kpi_messages.h): round trips with nil for
// missing values, and the decoders' refusals (truncated, trailing bytes, other version, wrong
// type), as for the other wire messages.
#include <catch2/catch.hpp>

#include <cmath>

#include "greentwin/kpi_messages.h"
#include "greentwin/messages.h"

using namespace gt;
using namespace gt::wire;

namespace {

KpiUpdate sampleUpdate() {
  KpiUpdate u;
  u.t = 1795420800000;
  u.site = "demo-cnc";
  u.day = "2026-11-23";
  const double none = std::nan("");
  u.figures.push_back(
      {"energy_day", "tce", "2026-11-23", 100, 200, 4.916, 10, 5, 0.4916, "ok", 0.98});
  u.figures.push_back(
      {"energy_month", "tce", "2026-11", 50, 300, 8.603, none, none, none, "none", none});
  u.quota = KpiQuota{2026,   400,    37.142, 362.858, 343.5635,          134.04,
                     553.08, 0.8589, "warn", 2,       "YTD 37.142 + ..."};
  return u;
}

}  // namespace

TEST_CASE("kpi messages round-trip; missing values travel as nil") {
  const std::string body = encode(sampleUpdate());
  std::string why;
  const auto u = decodeKpiUpdate(body, &why);
  INFO(why);
  REQUIRE(u);
  CHECK(u->site == "demo-cnc");
  CHECK(u->day == "2026-11-23");
  REQUIRE(u->figures.size() == 2);
  CHECK(u->figures[0].id == "energy_day");
  CHECK(u->figures[0].value == 4.916);
  CHECK(u->figures[0].budget == 10);
  CHECK(u->figures[0].status == "ok");
  CHECK(u->figures[0].from == 100);
  CHECK(std::isnan(u->figures[1].budget));
  CHECK(std::isnan(u->figures[1].coverage));
  REQUIRE(u->quota);
  CHECK(u->quota->forecast == 343.5635);
  CHECK(u->quota->status == "warn");
  CHECK(u->quota->days == 2);

  KpiUpdate no_quota = sampleUpdate();
  no_quota.quota.reset();
  CHECK_FALSE(decodeKpiUpdate(encode(no_quota))->quota);
}

TEST_CASE("kpi and explain decoders refuse broken bodies") {
  const std::string body = encode(sampleUpdate());
  std::string why;
  CHECK_FALSE(decodeKpiUpdate(body.substr(0, body.size() - 3), &why));
  CHECK(why == "truncated message");
  CHECK_FALSE(decodeKpiUpdate(body + "x", &why));
  CHECK(why == "trailing bytes after the message");
  std::string v2 = body;
  // The map starts with "v": 1; fixint 1 is the byte after the fixstr "v".
  const std::size_t at = v2.find(std::string("\xa1v", 2));
  REQUIRE(at != std::string::npos);
  v2[at + 2] = 2;
  CHECK_FALSE(decodeKpiUpdate(v2, &why));
  CHECK(why == "unknown version 2");
  CHECK_FALSE(decodeExplainReply(body, &why));
  CHECK(why == "type is 'kpi', expected 'explain'");
}

TEST_CASE("explain requests and replies round-trip") {
  const std::string request = encode(Request{ExplainRequest{"carbon_month", "2026-11"}});
  const auto r = decodeRequest(request);
  REQUIRE(r);
  REQUIRE(std::holds_alternative<ExplainRequest>(*r));
  CHECK(std::get<ExplainRequest>(*r).kpi == "carbon_month");
  CHECK(std::get<ExplainRequest>(*r).period == "2026-11");

  ExplainReply e;
  e.kpi = "energy_day";
  e.period = "2026-11-23";
  e.from = 1;
  e.to = 2;
  e.utc_offset_minutes = 480;
  e.unit = "tce";
  e.value = 4.916;
  e.formula = "E = sum(e_i x p_i)";
  e.basis = "equivalent value";
  e.lines = {{"electricity (purchased)", 4.916, "40000 kWh x 0.1229 kgce/kWh"}};
  e.inputs = {{"M-01.ep_imp", "electricity", "purchased", "kWh", 40000, 2, 1, 0, 10, 20, 0.5}};
  e.factors = {{"electricity coefficient", 0.1229, "kgce/kWh", "GB/T 2589-2020 Annex A",
                "gbt2589-2020.toml:163:17"}};
  const auto d = decodeExplainReply(encode(e));
  REQUIRE(d);
  CHECK(d->utc_offset_minutes == 480);
  CHECK(d->lines.at(0).formula == "40000 kWh x 0.1229 kgce/kWh");
  CHECK(d->inputs.at(0).unusable == 1);
  CHECK(d->inputs.at(0).last_t == 20);
  CHECK(d->factors.at(0).defined_at == "gbt2589-2020.toml:163:17");
}

TEST_CASE("budget alarms decode with their frozen code") {
  const AlarmEvent a{5,  "carbon_day", "", "site", AlarmCode::BudgetExceeded, AlarmState::Raised,
                     10, "over"};
  const auto d = decodeAlarmEvent(encode(a));
  REQUIRE(d);
  CHECK(d->code == AlarmCode::BudgetExceeded);
  CHECK(static_cast<int>(AlarmCode::BudgetExceeded) == 3);
  CHECK(std::string(alarmCodeName(AlarmCode::BudgetExceeded)) == "budget_exceeded");
}
