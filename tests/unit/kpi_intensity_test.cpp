// The intensity alarm's input (intensity_check.h) on a real database with entered output: the
// month-to-date intensity over the span the output covers, its ratio to the limit value, and the
// alarm it raises through the budget alarms' hysteresis with code intensity_above_limit.
#include <catch2/catch.hpp>

#include <cmath>

#include "greentwin/messages.h"
#include "intensity_check.h"
#include "kpi_test_support.h"
#include "production_output.h"

using namespace gt;
using namespace gt::kpi;
using namespace gt::kpi::testing;

namespace {

std::string bindingsWithLimit(const std::string& limit_kgce_per_t) {
  return report::testing::bindingsHeader("factor_year = 2023") + report::testing::kGridImportPoint +
         report::testing::kProfileProduct + R"(
[[benchmark]]
indicator = "energy_per_product:profile"
unit = "kgce/t"
limit = )" +
         limit_kgce_per_t + "\nsource = \"example limit standard\"\n";
}

report::OutputEntry entered(const std::string& period, double tonnes) {
  report::OutputEntry e;
  const report::ReportPeriod p = *report::parseReportPeriod(period, 480);
  e.period = period;
  e.start = p.start;
  e.end = p.end;
  e.product = "profile";
  e.quantity = tonnes;
  e.unit = "t";
  e.entered_by = "Li Wei";
  e.reason = "daily figures";
  e.source = "shift log";
  e.via = "manual";
  return e;
}

}  // namespace

TEST_CASE("a month-to-date intensity over its limit raises intensity_above_limit") {
  const report::testing::TempFolder folder("greentwin-kpi-intensity");
  const std::filesystem::path db = folder.path() / "greentwin.db";
  writeNovemberDb(db);
  const SiteConfig site = report::testing::demoSite();
  const report::AccountingBindings bindings =
      report::parseAccountingBindings(bindingsWithLimit("1000"), "accounting.toml", site);
  const report::FactorSet factors = report::loadFactorSet(bindings);
  const auto reader = report::PeriodActivityReader::open(db);
  const TimeMs now = local(2026, 11, 23, 12);

  // No output entered: nothing to judge.
  auto items = intensityChecks(site, bindings, factors, reader, db, now, 480);
  REQUIRE(items.size() == 1);
  CHECK(items[0].id == "intensity:energy_per_product:profile");
  CHECK(std::isnan(items[0].ratio));

  // Output for 1-22 November: 3 t. Energy over the same span: 20 000 + 10 000 kWh x 0.1229
  // kgce/kWh (GB/T 2589-2020 Annex A) = 3 687 kgce = 3.687 tce; / 3 t = 1.229 tce/t (seed 000
  // §9.7.1.4); the limit 1 000 kgce/t = 1.0 tce/t, so the ratio is 1.229. Today's 40 000 kWh
  // have no output yet and are left out.
  report::storeOutputEntries(db, {entered("2026-11-01..2026-11-23", 3)});
  items = intensityChecks(site, bindings, factors, reader, db, now, 480);
  REQUIRE(items.size() == 1);
  CHECK(items[0].ratio == Approx(1.229));
  CHECK(items[0].code == AlarmCode::IntensityAboveLimit);
  CHECK(items[0].text ==
        "energy_per_product:profile 1.229 tce/t against the limit value 1 tce/t (123 %) in "
        "2026-11-01..2026-11-23");

  KpiAlarms alarms;
  int64_t next = 7;
  auto ids = [&] { return next++; };
  CHECK(alarms.update(KpiCheck{now, items}, ids).empty());  // one check: could be a blip
  const auto raised = alarms.update(KpiCheck{now + 10'000, items}, ids);
  REQUIRE(raised.size() == 1);
  CHECK(raised[0].code == AlarmCode::IntensityAboveLimit);
  CHECK(raised[0].meter == "intensity:energy_per_product:profile");
  CHECK(raised[0].area == "site");
  CHECK(std::string(alarmCodeName(raised[0].code)) == "intensity_above_limit");
  // It travels the alarm path's wire format like a meter alarm (docs/protocol.md).
  const auto decoded = wire::decodeAlarmEvent(wire::encode(raised[0]));
  REQUIRE(decoded);
  CHECK(decoded->code == AlarmCode::IntensityAboveLimit);
  CHECK(decoded->meter == "intensity:energy_per_product:profile");

  // Under a limit of 1 300 kgce/t: 1.229 / 1.3 = 0.9454 (well under 1): no alarm.
  const report::AccountingBindings looser =
      report::parseAccountingBindings(bindingsWithLimit("1300"), "accounting.toml", site);
  items = intensityChecks(site, looser, factors, reader, db, now, 480);
  CHECK(items[0].ratio == Approx(1.229 / 1.3));
  KpiAlarms quiet;
  CHECK(quiet.update(KpiCheck{now, items}, ids).empty());
  CHECK(quiet.update(KpiCheck{now + 10'000, items}, ids).empty());
}
