// The KPI computer on a real SQLite store: today's energy and carbon against their day budget,
// month and year to date with their pace, and the quota forecast, against figures worked by
// hand; then the explain expansion of the same figures and the budget keys' errors.
#include <catch2/catch.hpp>

#include <cmath>

#include "greentwin/site_config.h"
#include "kpi_computer.h"
#include "kpi_explain.h"
#include "kpi_test_support.h"
#include "report_error.h"

using namespace gt;
using namespace gt::kpi;
using namespace gt::kpi::testing;

namespace {

struct Fixture {
  report::testing::TempFolder folder{"greentwin-kpi-computer"};
  SiteConfig site = report::testing::demoSite();
  report::AccountingBindings bindings;
  report::FactorSet factors;
  std::optional<report::PeriodActivityReader> reader;

  Fixture() {
    writeNovemberDb(folder.path() / "store.db");
    bindings = report::parseAccountingBindings(novemberBindings(), "accounting.toml", site);
    factors = report::loadFactorSet(bindings);
    reader = report::PeriodActivityReader::open(folder.path() / "store.db");
  }
};

const wire::KpiFigure& find(const wire::KpiUpdate& u, const std::string& id) {
  for (const auto& f : u.figures) {
    if (f.id == id) return f;
  }
  FAIL("no figure " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("today's energy and carbon against the day budget, from a real store") {
  Fixture fx;
  KpiComputer computer(fx.site, fx.bindings, fx.factors, 480);
  const TimeMs now = local(2026, 11, 23, 12, 0);
  const wire::KpiUpdate u = computer.compute(*fx.reader, now);
  CHECK(u.day == "2026-11-23");
  REQUIRE(u.figures.size() == 8);

  // Today: 70 000 - 30 000 = 40 000 kWh x 0.1229 kgce/kWh = 4 916 kgce = 4.916 tce.
  // Day budget 3650 / 365 = 10 tce; ratio 0.4916; pace at noon 10 x 0.5 = 5 tce.
  const auto& e = find(u, "energy_day");
  CHECK(e.unit == "tce");
  CHECK(e.period == "2026-11-23");
  CHECK(e.from == local(2026, 11, 23));
  CHECK(e.to == local(2026, 11, 24));
  CHECK(e.value == Approx(4.916));
  CHECK(e.budget == Approx(10));
  CHECK(e.ratio == Approx(0.4916));
  CHECK(e.pace == Approx(5));
  CHECK(e.status == "ok");
  CHECK(e.coverage == Approx(0));  // two readings six hours apart: no 15-min coverage

  // Carbon: 40 MWh x 0.5306 tCO2/MWh (national average 2023) = 21.224 tCO2 against 7300 / 365
  // = 20 tCO2: ratio 1.0612, over.
  const auto& c = find(u, "carbon_day");
  CHECK(c.value == Approx(21.224));
  CHECK(c.budget == Approx(20));
  CHECK(c.ratio == Approx(1.0612));
  CHECK(c.status == "over");

  // Month to date: 20 000 + 10 000 + 40 000 = 70 000 kWh = 8.603 tce. November's budget
  // 3650 x 30 / 365 = 300 tce; pace 10 x (23 - 1 + 0.5) = 225 tce.
  const auto& em = find(u, "energy_month");
  CHECK(em.period == "2026-11");
  CHECK(em.value == Approx(8.603));
  CHECK(em.budget == Approx(300));
  CHECK(em.pace == Approx(225));
  CHECK(em.ratio == Approx(8.603 / 300));
  CHECK(std::isnan(em.coverage));
  // Quarter to date: the same 8.603 tce. Q4 budget (31 + 30 + 31) x 10 = 920 tce; pace October
  // 310 + November's 225 = 535 tce.
  const auto& eq = find(u, "energy_quarter");
  CHECK(eq.period == "2026-10-01..2027-01-01");
  CHECK(eq.from == local(2026, 10, 1));
  CHECK(eq.to == local(2027, 1, 1));
  CHECK(eq.value == Approx(8.603));
  CHECK(eq.budget == Approx(920));
  CHECK(eq.pace == Approx(535));
  CHECK(find(u, "carbon_quarter").budget == Approx(1840));
  CHECK(quarterLabel("2026-02-28") == "2026-01-01..2026-04-01");
  // Year to date: the same 70 MWh = 37.142 tCO2; pace January..October 7300 x 304 / 365 = 6080
  // plus November's 20 x 22.5 = 450: 6530 tCO2.
  const auto& cy = find(u, "carbon_year");
  CHECK(cy.value == Approx(37.142));
  CHECK(cy.budget == Approx(7300));
  CHECK(cy.pace == Approx(6530));

  // Quota: daily 10.612 (21st) and 5.306 (22nd): mean 7.959, s = 3.75191. 38.5 days left
  // (half of the 23rd, 7 of November, 31 of December): 37.142 + 7.959 x 38.5 = 343.5635;
  // sigma = 3.75191 x sqrt(38.5 + 38.5^2 / 2) = 3.75191 x 27.9218 = 104.760; high
  // 343.5635 + 209.520 = 553.083 > 400: warn, although the forecast itself is 85.9 %.
  REQUIRE(u.quota);
  const wire::KpiQuota& q = *u.quota;
  CHECK(q.year == 2026);
  CHECK(q.allocated == 400);
  CHECK(q.used == Approx(37.142));
  CHECK(q.remaining == Approx(362.858));
  CHECK(q.forecast == Approx(343.5635));
  CHECK(q.high == Approx(553.0833).epsilon(1e-6));
  CHECK(q.low == Approx(134.0437).epsilon(1e-6));
  CHECK(q.ratio == Approx(0.85891));
  CHECK(q.days == 2);
  CHECK(q.status == "warn");

  // The alarm inputs: the two day figures and the forecast.
  const KpiCheck check = KpiComputer::alarmCheck(u);
  REQUIRE(check.items.size() == 3);
  CHECK(check.items[1].id == "carbon_day");
  CHECK(check.items[1].ratio == Approx(1.0612));
  CHECK(check.items[2].id == "quota_forecast");

  // A later call the same day reuses the days before and gives the same month figure.
  const wire::KpiUpdate again = computer.compute(*fx.reader, now + 60'000);
  CHECK(find(again, "energy_month").value == Approx(8.603));
}

TEST_CASE("without [budget] the figures carry no budget and no quota") {
  Fixture fx;
  fx.bindings.budget.reset();
  KpiComputer computer(fx.site, fx.bindings, fx.factors, 480);
  const wire::KpiUpdate u = computer.compute(*fx.reader, local(2026, 11, 23, 12, 0));
  CHECK(find(u, "energy_day").value == Approx(4.916));
  CHECK(std::isnan(find(u, "energy_day").budget));
  CHECK(find(u, "energy_day").status == "none");
  CHECK_FALSE(u.quota);
  CHECK(std::isnan(KpiComputer::alarmCheck(u).items[0].ratio));
}

TEST_CASE("explain expands a figure into inputs, factors, formulas and the period") {
  Fixture fx;
  const TimeMs now = local(2026, 11, 23, 12, 0);
  const wire::ExplainReply e =
      explainFigure(fx.site, fx.bindings, fx.factors, *fx.reader, {"energy_day", ""}, 480, now);
  CHECK(e.period == "2026-11-23");
  CHECK(e.from == local(2026, 11, 23));
  CHECK(e.to == local(2026, 11, 24));
  CHECK(e.unit == "tce");
  CHECK(e.value == Approx(4.916));
  REQUIRE(e.lines.size() == 1);
  CHECK(e.lines[0].value == Approx(4.916));
  CHECK(e.lines[0].formula.find("kWh") != std::string::npos);
  REQUIRE(e.inputs.size() == 1);
  CHECK(e.inputs[0].point == "M-01.ep_imp");
  CHECK(e.inputs[0].amount == Approx(40000));
  CHECK(e.inputs[0].first_t == local(2026, 11, 23, 6));
  CHECK(e.inputs[0].last_t == local(2026, 11, 23, 11, 59));
  REQUIRE(e.factors.size() == 1);
  CHECK(e.factors[0].value == Approx(0.1229));
  CHECK(e.factors[0].unit == "kgce/kWh");
  CHECK(e.factors[0].defined_at.find("gbt2589-2020.toml:") != std::string::npos);

  // The month's carbon: 70 MWh x 0.5306 = 37.142 tCO2, the grid factor with its source.
  const wire::ExplainReply c = explainFigure(fx.site, fx.bindings, fx.factors, *fx.reader,
                                             {"carbon_month", "2026-11"}, 480, now);
  CHECK(c.unit == "tCO2");
  CHECK(c.value == Approx(37.142));
  CHECK(c.basis.find("2023") != std::string::npos);
  REQUIRE_FALSE(c.factors.empty());
  CHECK(c.factors[0].value == Approx(0.5306));
  CHECK(c.factors[0].source.find("2023") != std::string::npos);

  // A quarter's current period comes from its id.
  const wire::ExplainReply q =
      explainFigure(fx.site, fx.bindings, fx.factors, *fx.reader, {"energy_quarter", ""}, 480, now);
  CHECK(q.period == "2026-10-01..2027-01-01");
  CHECK(q.value == Approx(8.603));

  CHECK_THROWS_AS(
      explainFigure(fx.site, fx.bindings, fx.factors, *fx.reader, {"water", ""}, 480, now),
      report::ReportError);
  CHECK_THROWS_AS(explainFigure(fx.site, fx.bindings, fx.factors, *fx.reader,
                                {"energy_day", "2026-13"}, 480, now),
                  report::ReportError);
}

TEST_CASE("[budget] and [kpi] keys are checked with file:line:col") {
  const SiteConfig site = report::testing::demoSite();
  const auto b = report::parseAccountingBindings(
      novemberBindings("monthly_profile = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
                       "[kpi]\ninterval_s = 5\nforecast_days = 7\n"),
      "accounting.toml", site);
  REQUIRE(b.budget);
  CHECK(b.budget->energy_tce == 3650);
  CHECK(b.budget->quota_tco2 == 400);
  REQUIRE(b.budget->monthly_profile);
  CHECK((*b.budget->monthly_profile)[0] == 2);
  CHECK(b.kpi.interval_s == 5);
  CHECK(b.kpi.forecast_days == 7);

  auto error = [&](const std::string& extra) {
    try {
      report::parseAccountingBindings(novemberBindings(extra), "accounting.toml", site);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error("monthly_profile = [1, 2]\n"),
             Catch::Contains("accounting.toml:") && Catch::Contains("12 numbers"));
  CHECK_THAT(error("energy_tcee = 3\n"), Catch::Contains("energy_tcee"));
  CHECK_THAT(error("[kpi]\ninterval_s = 0\n"), Catch::Contains("interval_s"));
}
