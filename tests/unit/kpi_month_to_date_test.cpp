// The KPI thread's month-to-date accounts (month_to_date_accounts.h) on a database written by the
// daemon's own ReadingStore (aggregates included): built once, kept while nothing in their span
// changes, rebuilt for a late reading inside the span, a new output entry and a new local day.
#include <catch2/catch.hpp>

#include "intensity_check.h"
#include "kpi_test_support.h"
#include "production_output.h"
#include "reading_store.h"

using namespace gt;
using namespace gt::kpi;
using report::testing::local;

namespace {

report::OutputEntry entered(const std::string& period, double tonnes) {
  const report::ReportPeriod p = *report::parseReportPeriod(period, 480);
  return {0,  period, p.start,  p.end,           "profile",   tonnes,   "t",
          {}, {},     "Li Wei", "daily figures", "shift log", "manual", 0};
}

const std::string kBindings = report::testing::bindingsHeader("factor_year = 2023") +
                              report::testing::kGridImportPoint + report::testing::kProfileProduct +
                              R"(
[[benchmark]]
indicator = "energy_per_product:profile"
unit = "kgce/t"
limit = 1000
source = "example limit standard"
)";

}  // namespace

TEST_CASE("month-to-date accounts are rebuilt only when their inputs change") {
  const report::testing::TempFolder folder("greentwin-kpi-month-to-date");
  const std::filesystem::path db = folder.path() / "greentwin.db";
  const SiteConfig site = report::testing::demoSite();
  const auto bindings = report::parseAccountingBindings(kBindings, "accounting.toml", site);
  const auto factors = report::loadFactorSet(bindings);

  ingest::StoreOptions options;
  options.utc_offset_minutes = 480;
  options.batch = std::chrono::milliseconds(1);
  auto store = ingest::ReadingStore::open(
      db, {{"M-01.ep_imp", "M-01", "TR-01", "utilities", "kWh", "cumulative"}}, local(2026, 11, 1));
  const int64_t id = store->pointIds().at("M-01.ep_imp");
  auto put = [&](TimeMs t, double kwh) {
    store->append({{id, t, kwh, 0, {}}});
    store->flush();
  };
  // The 22nd's midnight reading is missing for now (its gateway was offline).
  put(local(2026, 11, 21), 0);
  put(local(2026, 11, 21, 23, 59), 20000);
  put(local(2026, 11, 23, 6), 50000);
  report::storeOutputEntries(db, {entered("2026-11-01..2026-11-23", 3)});

  const auto reader = report::PeriodActivityReader::open(db);
  MonthToDateAccounts cache;
  const TimeMs now = local(2026, 11, 23, 12);
  auto current = [&](TimeMs t) -> const MonthToDate& {
    return cache.current(site, bindings, factors, reader, db, t, 480);
  };

  // Span 1-22 November: 20 000 kWh x 0.1229 kgce/kWh (GB/T 2589-2020 Annex A, equivalent value)
  // = 2 458 kgce = 2.458 tce. The 30 000 kWh counted at 06:00 on the 23rd lie after the span.
  const MonthToDate* m = &current(now);
  CHECK(cache.rebuilds() == 1);
  CHECK(m->span.label == "2026-11-01..2026-11-23");
  REQUIRE(m->accounts);
  CHECK(m->accounts->total_tce == Approx(2.458));

  // No commit since: kept.
  m = &current(now + 10'000);
  CHECK(cache.rebuilds() == 1);

  // Today's next reading lies after the span: the day aggregates of the span did not move.
  put(local(2026, 11, 23, 11, 59), 70000);
  m = &current(now + 20'000);
  CHECK(cache.rebuilds() == 1);
  CHECK(m->accounts->total_tce == Approx(2.458));

  // The missing reading is replayed late (store and forward): 30 000 kWh at 23:59 on the 22nd.
  // The span now holds 30 000 kWh x 0.1229 = 3 687 kgce = 3.687 tce, / 3 t = 1.229 tce/t
  // (seed 000 §9.7.1.4) against the limit 1 000 kgce/t = 1 tce/t: ratio 1.229.
  put(local(2026, 11, 22, 23, 59), 30000);
  m = &current(now + 30'000);
  CHECK(cache.rebuilds() == 2);
  CHECK(m->accounts->total_tce == Approx(3.687));
  const auto items = intensityChecks(bindings, *m);
  REQUIRE(items.size() == 1);
  CHECK(items[0].ratio == Approx(1.229));

  // A corrected output entry (newer row, same period): 3.687 tce / 3.3 t = 1.1173 tce/t.
  report::storeOutputEntries(db, {entered("2026-11-01..2026-11-23", 3.3)});
  m = &current(now + 40'000);
  CHECK(cache.rebuilds() == 3);
  CHECK(intensityChecks(bindings, *m)[0].ratio == Approx(3.687 / 3.3));

  // A new local day: the span may grow, so rebuilt even without a commit.
  m = &current(local(2026, 11, 24, 0, 1));
  CHECK(cache.rebuilds() == 4);
  CHECK(m->date == "2026-11-24");
  store->close();
}
