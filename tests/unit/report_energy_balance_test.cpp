// The energy balance (input = consumption + loss + export) of a month computed from a real
// SQLite store by the real PeriodAccounts, worked by hand, and its negative-loss flag.
#include <catch2/catch.hpp>

#include "csv_writer.h"
#include "energy_balance.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

const std::string kBindings =
    kGridImportPoint + kGridExportPoint + kPvPoint + kMachiningSubmeterPoint;

// October 2026 (UTC+8): bought 10 000 kWh, exported 200 kWh, PV 1 000 kWh, machining
// sub-meter `machining_kwh`.
EnergyBalance october(const std::filesystem::path& folder, double machining_kwh) {
  const SiteConfig site = demoSite();
  const AccountingBindings bindings = parseAccountingBindings(
      bindingsHeader("factor_year = 2023") + kBindings, "accounting.toml", site);
  const TimeMs oct1 = 1790784000000, oct30 = oct1 + 29 * 86'400'000LL;
  const std::filesystem::path db = folder / "greentwin.db";
  writeReadingDb(db,
                 {{"M-01.ep_imp", "kWh"},
                  {"M-01.ep_exp", "kWh"},
                  {"M-18.e_total", "kWh"},
                  {"M-02.ep_imp", "kWh"}},
                 {{"M-01.ep_imp", oct1, 0.0},
                  {"M-01.ep_imp", oct30, 10000.0},
                  {"M-01.ep_exp", oct1, 0.0},
                  {"M-01.ep_exp", oct30, 200.0},
                  {"M-18.e_total", oct1, 0.0},
                  {"M-18.e_total", oct30, 1000.0},
                  {"M-02.ep_imp", oct1, 0.0},
                  {"M-02.ep_imp", oct30, machining_kwh}});
  const PeriodAccounts acc =
      computePeriodAccounts(site, bindings, loadFactorSet(bindings), PeriodActivityReader::open(db),
                            *parseReportPeriod("2026-10", 480));
  return computeEnergyBalance(acc);
}

}  // namespace

TEST_CASE("energy balance: input = consumption + loss + export", "[report]") {
  const TempFolder folder("greentwin-report-balance");
  const EnergyBalance b = october(folder.path(), 8000);
  REQUIRE(b.carriers.size() == 1);
  const CarrierBalance& e = b.carriers[0];
  CHECK(e.carrier == "electricity");
  CHECK(e.unit == "kWh");
  // Input = 10 000 bought + 1 000 PV = 11 000 kWh; machining 8 000 kWh; export 200 kWh;
  // loss and unmetered = 11 000 - 8 000 - 200 = 2 800 kWh.
  CHECK(e.input() == Approx(11000));
  CHECK(e.consumption == Approx(8000));
  REQUIRE(e.areas.size() == 1);
  CHECK(e.areas[0].area == "machining");
  // GB/T 2589-2020 Annex A: 8 000 kWh x 0.1229 kgce/kWh = 983.2 kgce = 0.9832 tce.
  CHECK(e.areas[0].tce == Approx(0.9832));
  CHECK(e.exported == Approx(200));
  CHECK(e.loss == Approx(2800));
  CHECK_FALSE(e.negative_loss);

  ReportDocument doc;
  doc.tables.push_back({"coverage", {}, {}, {}, 0});
  addEnergyBalanceTable(doc, demoSite(), b, Language::English);
  REQUIRE(doc.tables.size() == 2);
  CHECK(doc.tables.back().title == "coverage");
  const std::string csv = reportCsv(doc);
  CHECK(
      csv.find("electricity,input (purchased + generated),,11000.00,kWh,10000.00 + 1000.00\r\n") !=
      std::string::npos);
  CHECK(csv.find("electricity,loss and unmetered,,2800.00,kWh,input − consumption − export\r\n") !=
        std::string::npos);
}

TEST_CASE("energy balance: sub-meters over the input give a flagged negative loss", "[report]") {
  const TempFolder folder("greentwin-report-balance-negative");
  // 11 000 - 12 000 - 200 = -1 200 kWh: the sub-meter reads more than came in.
  const CarrierBalance e = october(folder.path(), 12000).carriers.at(0);
  CHECK(e.loss == Approx(-1200));
  CHECK(e.negative_loss);
}
