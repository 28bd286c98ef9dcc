// Period activity from a real SQLite store and the energy and carbon accounts computed from it,
// against figures worked by hand; the local-month boundary; regressed and bad-quality readings.
#include <catch2/catch.hpp>

#include <chrono>

#include "accounting/accounting_error.h"
#include "csv_writer.h"
#include "greentwin/quality.h"
#include "period_accounts.h"
#include "report_document.h"
#include "report_error.h"
#include "report_period.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

const std::string kBindings = kGridImportPoint + kGridExportPoint + kPvPoint + R"(
[[point]]
point = "M-14.total"
carrier = "natural_gas"
role = "purchased"
area = "utilities"
fuel = "natural_gas"
)" + kMachiningSubmeterPoint;

// October 2026 at the demo site, worked by hand:
//   M-01.ep_imp 100 + 5 900 + 6 345.6 = 12 345.6 kWh (a flagged reading and a counter that
//   fell back after a meter change are skipped; the reading at 1 November 00:00 local is
//   November's). M-01.ep_exp 200 kWh, M-18.e_total (PV) 1 000 kWh, M-14.total 1 000 m3 gas,
//   M-02.ep_imp (machining sub-meter) 8 000 kWh.
std::vector<TestReading> octoberReadings() {
  return {
      {"M-01.ep_imp", local(2026, 9, 30, 23, 50), 1000.0},  // September: the starting value
      {"M-01.ep_imp", local(2026, 10, 1), 1100.0},          // = 2026-09-30T16:00Z: October
      {"M-01.ep_imp", local(2026, 10, 10), 5000.0, quality::kOutOfRange},  // skipped
      {"M-01.ep_imp", local(2026, 10, 15), 7000.0},
      {"M-01.ep_imp", local(2026, 10, 20), 50.0, quality::kRegressed},  // below 7000: skipped
      {"M-01.ep_imp", local(2026, 10, 25), 100.0},  // new meter, recorded (replacement below)
      {"M-01.ep_imp", local(2026, 10, 31, 23), 6445.6},
      {"M-01.ep_imp", local(2026, 11, 1), 9999.0},  // = 2026-10-31T16:00Z: November
      {"M-01.ep_exp", local(2026, 10, 1), 0.0},
      {"M-01.ep_exp", local(2026, 10, 31, 12), 200.0},
      {"M-18.e_total", local(2026, 10, 1), 500.0},
      {"M-18.e_total", local(2026, 10, 31, 12), 1500.0},
      {"M-14.total", local(2026, 10, 1), 0.0},
      {"M-14.total", local(2026, 10, 31, 12), 1000.0},
      {"M-02.ep_imp", local(2026, 10, 1), 0.0},
      {"M-02.ep_imp", local(2026, 10, 31, 12), 8000.0},
  };
}

struct Fixture {
  TempFolder folder{"greentwin-report-test"};
  SiteConfig site = demoSite();
  AccountingBindings bindings;
  std::filesystem::path db;

  explicit Fixture(const std::string& settings = "factor_year = 2023") {
    bindings =
        parseAccountingBindings(bindingsHeader(settings) + kBindings, "accounting.toml", site);
    db = folder.path() / "greentwin.db";
    writeReadingDb(db,
                   {{"M-01.ep_imp", "kWh"},
                    {"M-01.ep_exp", "kWh"},
                    {"M-18.e_total", "kWh"},
                    {"M-14.total", "m3"},
                    {"M-02.ep_imp", "kWh"}},
                   octoberReadings());
    // M-01 replaced on 25 October: the old meter's last reading 7000, the new one's first 100
    // (docs/storage.md "Counters"). Without this row the new meter would count nothing until it
    // passed the old one's 7000.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    const std::string sql =
        "CREATE TABLE counter_event(id INTEGER PRIMARY KEY, point INTEGER NOT NULL, t INTEGER "
        "NOT NULL, kind TEXT NOT NULL, old_last REAL NOT NULL, new_first REAL NOT NULL, "
        "entered_by TEXT NOT NULL, entered_at INTEGER NOT NULL, note TEXT NOT NULL);"
        "INSERT INTO counter_event(point, t, kind, old_last, new_first, entered_by, entered_at, "
        "note) SELECT id, " +
        std::to_string(local(2026, 10, 25)) +
        ", 'replacement', 7000, 100, 'test', 0, 'swap' FROM point WHERE name = 'M-01.ep_imp'";
    REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  PeriodAccounts accounts(const std::string& period_text) const {
    const auto period = parseReportPeriod(period_text, 480);
    REQUIRE(period);
    return computePeriodAccounts(site, bindings, loadFactorSet(bindings),
                                 PeriodActivityReader::open(db), *period);
  }
};

}  // namespace

TEST_CASE("report periods are cut at the site's local midnight", "[report]") {
  const auto month = parseReportPeriod("2026-10", 480);
  REQUIRE(month);
  CHECK(month->kind == PeriodKind::Month);
  CHECK(month->start == 1790784000000);  // 2026-09-30T16:00:00Z = 2026-10-01 00:00 UTC+8
  CHECK(month->end == local(2026, 11, 1));
  CHECK(formatLocalMinute(month->start, 480) == "2026-10-01 00:00");

  const auto day = parseReportPeriod("2026-10-05", 480);
  REQUIRE(day);
  CHECK(day->end - day->start == 86'400'000);
  const auto year = parseReportPeriod("2026", 480);
  REQUIRE(year);
  CHECK(year->start == local(2026, 1, 1));
  CHECK(year->end == local(2027, 1, 1));
  const auto custom = parseReportPeriod("2026-10-01..2026-10-15", 480);
  REQUIRE(custom);
  CHECK(custom->kind == PeriodKind::Custom);
  CHECK(custom->end == local(2026, 10, 15));

  std::string why;
  CHECK_FALSE(parseReportPeriod("2026-13", 480, &why));
  CHECK(why == "'2026-13': expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD or YYYY-MM-DDTHH");
  CHECK_FALSE(parseReportPeriod("2026-02-30", 480, &why));
  CHECK(why == "'2026-02-30' is not a date of the calendar");
  CHECK_FALSE(parseReportPeriod("2026-10-05..2026-10-01", 480, &why));
}

TEST_CASE("period consumption skips flagged readings and counters that went back", "[report]") {
  const Fixture f;
  const auto reader = PeriodActivityReader::open(f.db);
  const auto oct = *parseReportPeriod("2026-10", 480);
  const PointActivity a = reader.consumption("M-01.ep_imp", oct.start, oct.end);
  CHECK(a.stored);
  CHECK(a.unit == "kWh");
  CHECK(a.amount == Approx(12345.6).epsilon(1e-12));
  CHECK(a.readings == 6);  // 1 October 00:00 ... 31 October 23:00
  CHECK(a.usable == 4);
  CHECK(a.unusable == 2);
  // 1000 -> 1100 -> 7000 (5 900), then the recorded replacement: old meter 7000 - 7000 = 0,
  // new meter 100 -> 6445.6 (6 345.6): 100 + 5 900 + 6 345.6 = 12 345.6 kWh. The 50 of
  // 20 October is below the old meter's mark: one regression, by 7000 - 50 = 6 950.
  CHECK(a.regressions == 1);
  CHECK(a.regressed_by == Approx(6950.0));
  CHECK(a.replacements == 1);
  REQUIRE(a.baseline_t);
  CHECK(*a.baseline_t == local(2026, 9, 30, 23, 50));

  // September ends at its last reading; November starts from October's last one.
  const auto sep = *parseReportPeriod("2026-09", 480);
  CHECK(reader.consumption("M-01.ep_imp", sep.start, sep.end).amount == 0.0);
  const auto nov = *parseReportPeriod("2026-11", 480);
  CHECK(reader.consumption("M-01.ep_imp", nov.start, nov.end).amount == Approx(9999.0 - 6445.6));

  const PointActivity missing = reader.consumption("M-99.ep_imp", oct.start, oct.end);
  CHECK_FALSE(missing.stored);
  CHECK(missing.amount == 0.0);
}

TEST_CASE("comprehensive energy and carbon of a month, worked by hand", "[report]") {
  const Fixture f;
  const PeriodAccounts acc = f.accounts("2026-10");
  CHECK(acc.has_data);
  REQUIRE(acc.energy.size() == 3);  // purchased electricity, exported electricity, gas

  // GB/T 2589-2020 Annex A, electricity equivalent value (当量值) 0.1229 kgce/kWh
  // (assets/factors/gbt2589-2020.toml): 12 345.6 x 0.1229 = 1 517.27424 kgce = 1.51727424 tce.
  CHECK(acc.energy[0].line.amount == Approx(12345.6));
  CHECK(acc.energy[0].signed_tce == Approx(1.51727424).epsilon(1e-10));
  // Exported 200 kWh x 0.1229 = 24.58 kgce, subtracted.
  CHECK(acc.energy[1].signed_tce == Approx(-0.02458).epsilon(1e-10));
  // Natural gas, Annex A oil-field gas 1.3300 kgce/m3 (the demo's [site_energy_type]):
  // 1 000 m3 x 1.33 = 1 330 kgce = 1.33 tce.
  CHECK(acc.energy[2].signed_tce == Approx(1.33).epsilon(1e-10));
  CHECK(acc.total_tce == Approx(1.51727424 - 0.02458 + 1.33).epsilon(1e-10));  // 2.82269424
  // PV 1 000 kWh x 0.1229 = 0.1229 tce: shown, not in the total.
  REQUIRE(acc.own_generation);
  CHECK(acc.own_generation->line.tce == Approx(0.1229));

  // Areas: machining 8 000 kWh metered; the site used 12 345.6 - 200 + 1 000 = 13 145.6 kWh,
  // so 5 145.6 kWh is not sub-metered. Gas: 1 000 m3 in utilities.
  REQUIRE(acc.areas.size() == 3);
  CHECK(acc.areas[0].area == "utilities");
  CHECK(acc.areas[0].amount == Approx(1000.0));
  CHECK(acc.areas[1].area == "machining");
  CHECK(acc.areas[1].amount == Approx(8000.0));
  CHECK(acc.areas[2].area.empty());
  CHECK(acc.areas[2].amount == Approx(5145.6));
  CHECK(acc.areas[2].tce == Approx(5145.6 * 0.1229 / 1000));

  // Carbon, 2023 national average grid factor 0.5306 tCO2/MWh (emission-factors.toml, MEE &
  // NBS): purchased 12.3456 MWh x 0.5306 = 6.55057536; exported 0.2 x 0.5306 = 0.10612;
  // gas 0.1 x 10^4 Nm3 x 389.31 x 0.0153 x 0.99 x 44/12 = 2.162188809 tCO2.
  CHECK(acc.carbon.year == 2023);
  CHECK(acc.carbon.totalOf(accounting::EmissionCategory::PurchasedElectricity) ==
        Approx(6.55057536));
  CHECK(acc.carbon.totalOf(accounting::EmissionCategory::ExportedElectricity) == Approx(-0.10612));
  CHECK(acc.carbon.totalOf(accounting::EmissionCategory::FuelCombustion) == Approx(2.162188809));
  CHECK(acc.carbon.total_tco2 == Approx(6.55057536 - 0.10612 + 2.162188809));  // 8.606644169
  // PV avoided 1 MWh x 0.5306 = 0.5306 tCO2, beside the total, not subtracted from it.
  CHECK(acc.carbon.avoided_tco2 == Approx(0.5306));
}

TEST_CASE("a period without readings says so; a missing grid year is an error", "[report]") {
  const Fixture f;
  const PeriodAccounts acc = f.accounts("2026-07");
  CHECK_FALSE(acc.has_data);
  CHECK(acc.total_tce == 0.0);
  const ReportDocument doc =
      buildReportDocument(ReportKind::Energy, f.site, acc, Language::English, local(2026, 11, 2));
  CHECK(doc.facts[4].second.rfind("NO DATA", 0) == 0);

  const Fixture no_year("");  // the grid factor of 2026 is not published in the factor file
  CHECK_THROWS_AS(no_year.accounts("2026-10"), accounting::AccountingError);
  CHECK_THROWS_AS(PeriodActivityReader::open(f.folder.path() / "absent.db"), ReportError);
}

TEST_CASE("the energy report's CSV has the figures by energy type", "[report]") {
  const Fixture f;
  const PeriodAccounts acc = f.accounts("2026-10");
  const std::string csv = reportCsv(
      buildReportDocument(ReportKind::Energy, f.site, acc, Language::Chinese, local(2026, 11, 2)));
  REQUIRE(csv.rfind("\xEF\xBB\xBF能源消费月报\r\n", 0) == 0);
  CHECK(csv.find("电力折算口径,当量值（GB/T 2589-2020）\r\n") != std::string::npos);
  CHECK(csv.find("综合能耗,2.8227 tce\r\n") != std::string::npos);
  const std::string table =
      "综合能源消费量（按能源品种，GB/T 2589-2020）\r\n"
      "能源品种,用途,实物量,单位,折标系数,系数单位,折标准煤 tce,系数来源\r\n"
      "电力,购入,12345.60,kWh,0.1229,kgce/kWh,1.5173,GB/T 2589-2020 Annex A (equivalent value "
      "当量值)\r\n"
      "电力,输出,-200.00,kWh,0.1229,kgce/kWh,-0.0246,GB/T 2589-2020 Annex A (equivalent value "
      "当量值)\r\n"
      "油田天然气,购入,1000.00,m3,1.33,kgce/m3,1.3300,GB/T 2589-2020 Annex A\r\n"
      "综合能耗合计,,,,,,2.8227,购入 − 输出\r\n"
      "\r\n";
  CHECK(csv.find(table) != std::string::npos);
  CHECK(csv.find("生成时间,2026-11-02 00:00:00 (UTC+8)\r\n") != std::string::npos);
}

TEST_CASE("the carbon report's CSV lists sources and avoided emissions apart", "[report]") {
  const Fixture f;
  const PeriodAccounts acc = f.accounts("2026-10");
  const std::string csv = reportCsv(
      buildReportDocument(ReportKind::Carbon, f.site, acc, Language::English, local(2026, 11, 2)));
  CHECK(csv.find("Total CO2,8.6066 tCO2\r\n") != std::string::npos);
  CHECK(csv.find("Total,,,,,8.6066\r\n") != std::string::npos);
  CHECK(csv.find("own PV generation,1000.00,kWh,0.5306\r\n") != std::string::npos);
}

TEST_CASE("bindings name their mistakes with file:line:col", "[report]") {
  const SiteConfig site = demoSite();
  auto error = [&](const std::string& text) {
    try {
      parseAccountingBindings(bindingsHeader() + text, "accounting.toml", site);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error("[[point]]\npoint = \"M-01.p\"\ncarrier = \"electricity\"\nrole = \"purchased\"\n")
            .find("accounting.toml:5:9: [[point]] 'M-01.p': is an instant value") == 0);
  CHECK(error("[[point]]\npoint = \"M-77.ep_imp\"\ncarrier = \"electricity\"\nrole = "
              "\"purchased\"\n")
            .find("accounting.toml:5:9: [[point]] 'M-77.ep_imp': no such point") == 0);
  CHECK(error("[[point]]\npoint = \"M-01.ep_imp\"\ncarrier = \"electricity\"\nrole = \"bought\"\n")
            .find("accounting.toml:7:8: [[point]] 'M-01.ep_imp': role 'bought' is not one of") ==
        0);
  // The demo site's own bindings load.
  const AccountingBindings demo = loadAccountingBindings(site.accounting, site);
  CHECK(demo.points.size() == 18);
  CHECK(demo.factor_year == 2023);
}
