// Budget alarms with hysteresis (kpi_alarms.h): raised after two checks over the budget,
// cleared after three well under it, untouched by checks in between or without a ratio.
#include <catch2/catch.hpp>

#include <cmath>

#include "kpi_alarms.h"

using namespace gt;
using namespace gt::kpi;

namespace {
KpiCheck check(double energy_ratio, TimeMs t = 1000) {
  return KpiCheck{t, {{"energy_day", energy_ratio, "energy_day text"}}};
}
}  // namespace

TEST_CASE("a day over budget raises after two checks and clears after three under 95 %") {
  KpiAlarms alarms;
  int64_t next = 41;
  auto ids = [&] { return next++; };

  CHECK(alarms.update(check(1.10), ids).empty());  // one check over: could be a blip
  auto raised = alarms.update(check(1.12, 2000), ids);
  REQUIRE(raised.size() == 1);
  CHECK(raised[0].id == 41);
  CHECK(raised[0].meter == "energy_day");
  CHECK(raised[0].area == "site");
  CHECK(raised[0].code == AlarmCode::BudgetExceeded);
  CHECK(raised[0].state == AlarmState::Raised);
  CHECK(raised[0].t == 2000);
  CHECK(alarms.active().size() == 1);

  // Hovering between 95 % and 100 % holds the alarm; so does one more check over.
  for (int i = 0; i < 5; ++i) CHECK(alarms.update(check(0.97), ids).empty());
  CHECK(alarms.update(check(0.90), ids).empty());
  CHECK(alarms.update(check(0.90), ids).empty());
  CHECK(alarms.update(check(1.01), ids).empty());  // resets the clean count
  CHECK(alarms.update(check(0.50), ids).empty());
  CHECK(alarms.update(check(0.10), ids).empty());
  auto cleared = alarms.update(check(0.01, 9000), ids);  // new day: near 0
  REQUIRE(cleared.size() == 1);
  CHECK(cleared[0].id == 41);  // the raise's id
  CHECK(cleared[0].state == AlarmState::Cleared);
  CHECK(cleared[0].t == 9000);
  CHECK(alarms.active().empty());
  CHECK(next == 42);  // no id spent on the clear
}

TEST_CASE("a check without a ratio changes nothing; figures are judged separately") {
  KpiAlarms alarms;
  int64_t next = 1;
  auto ids = [&] { return next++; };
  CHECK(alarms.update(check(1.5), ids).empty());
  CHECK(alarms.update(check(std::nan("")), ids).empty());  // breaks the run of checks over
  CHECK(alarms.update(check(1.5), ids).empty());
  KpiCheck both{5, {{"energy_day", 1.5, "e"}, {"quota_forecast", 1.2, "q"}}};
  auto events = alarms.update(both, ids);
  REQUIRE(events.size() == 1);
  CHECK(events[0].meter == "energy_day");
  events = alarms.update(both, ids);
  REQUIRE(events.size() == 1);
  CHECK(events[0].meter == "quota_forecast");
  CHECK(events[0].id == 2);
}
