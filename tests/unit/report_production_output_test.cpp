// Production output entered into a real SQLite reading store (the table created in a file an
// older greentwin-ingest made), imported from CSV with file:line errors, and the intensities of
// the report computed by the real PeriodAccounts over it, with month-on-month and
// year-on-year comparison and the benchmark level.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include "comparison_period.h"
#include "csv_writer.h"
#include "intensity_document.h"
#include "intensity_report.h"
#include "production_output.h"
#include "report_error.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

const std::string kBindings = kGridImportPoint + kProfileProduct + R"(
[[benchmark]]
indicator = "energy_per_product:profile"
unit = "kgce/t"
limit = 1000
advanced = 800
source = "example limit standard, Table 1"
)";

struct Fixture {
  TempFolder folder{"greentwin-report-output"};
  SiteConfig site = demoSite();
  AccountingBindings bindings = parseAccountingBindings(
      bindingsHeader("factor_year = 2023") + kBindings, "accounting.toml", site);
  std::filesystem::path db = folder.path() / "greentwin.db";

  // September 2026: 5 000 000 kWh; October: 10 000 000 kWh; nothing in 2025.
  Fixture() {
    writeReadingDb(db, {{"M-01.ep_imp", "kWh"}},
                   {{"M-01.ep_imp", local(2026, 9, 1), 0.0},
                    {"M-01.ep_imp", local(2026, 9, 30, 23), 5'000'000.0},
                    {"M-01.ep_imp", local(2026, 10, 31, 23), 15'000'000.0}});
  }
  OutputEntry entry(const std::string& period, double quantity, double value, double added,
                    const std::string& why) const {
    OutputEntry e;
    const ReportPeriod p = *parseReportPeriod(period, 480);
    e.period = period;
    e.start = p.start;
    e.end = p.end;
    e.product = "profile";
    e.quantity = quantity;
    e.unit = "t";
    e.output_value = value;
    e.value_added = added;
    e.entered_by = "Li Wei";
    e.reason = why;
    e.source = "monthly production statement";
    e.via = "manual";
    e.entered_t = local(2026, 11, 2);
    return e;
  }
};

}  // namespace

TEST_CASE("output stored in a real database, newest entry counting", "[report]") {
  const Fixture f;
  // The file has schema version 1 and no production_output table: storing creates it, twice.
  storeOutputEntries(f.db, {f.entry("2026-10", 1100, 800, 200, "first entry")});
  storeOutputEntries(f.db, {f.entry("2026-10", 1200, 850, 210, "correction: rejects counted"),
                            f.entry("2026-09", 500, 400, 100, "first entry")});
  const ReportPeriod oct = *parseReportPeriod("2026-10", 480);
  const PeriodOutput out = readPeriodOutput(f.db, f.bindings, oct.start, oct.end);
  REQUIRE(out.entries.size() == 1);
  CHECK(out.entries[0].reason == "correction: rejects counted");
  CHECK(out.entries[0].entered_by == "Li Wei");
  CHECK(*out.find("profile")->quantity == 1200);
  CHECK(*out.value_added == 210);
  CHECK(out.output_value_covered_ms == oct.end - oct.start);
  // The year holds both months: 1 200 + 500 t.
  const ReportPeriod year = *parseReportPeriod("2026", 480);
  CHECK(*readPeriodOutput(f.db, f.bindings, year.start, year.end).find("profile")->quantity ==
        1700);
}

TEST_CASE("the report's intensities, comparison and benchmark from the store", "[report]") {
  const Fixture f;
  storeOutputEntries(f.db, {f.entry("2026-10", 1200, 850, 210, "first entry"),
                            f.entry("2026-09", 500, 400, 100, "first entry")});
  const ReportPeriod oct = *parseReportPeriod("2026-10", 480);
  const FactorSet factors = loadFactorSet(f.bindings);
  const PeriodActivityReader reader = PeriodActivityReader::open(f.db);
  const PeriodAccounts acc = computePeriodAccounts(f.site, f.bindings, factors, reader, oct);
  const IntensityReport r = buildIntensityReport(f.site, f.bindings, factors, reader, f.db, acc);

  // GB/T 2589-2020 Annex A: 10 000 000 kWh x 0.1229 kgce/kWh = 1 229 tce in October,
  // 5 000 000 x 0.1229 = 614.5 tce in September.
  CHECK(r.current.total_tce == Approx(1229.0));
  // seed 000 §9.7.1.4: 1 229 tce / 1 200 t = 1.024166.. tce/t; September 614.5 / 500 = 1.229.
  CHECK(*r.current.figure("energy_per_product:profile") == Approx(1.0241666666666667));
  REQUIRE(r.previous.figures);
  CHECK(r.previous.period.label == "2026-09");
  CHECK(*r.previous.figures->figure("energy_per_product:profile") == Approx(1.229));
  // Month-on-month: 1.0241666 / 1.229 - 1 = (1 229 x 500) / (1 200 x 614.5) - 1 = -16.666.. %.
  CHECK(*changePercent(r.current.figure("energy_per_product:profile"),
                       r.previous.figures->figure("energy_per_product:profile")) ==
        Approx(-16.666666666666668));
  // October 2025 has no reading: no base, so the year-on-year change is undefined.
  REQUIRE(r.last_year.figures);
  CHECK(r.last_year.period.label == "2025-10");
  CHECK_FALSE(r.last_year.figures->figure("total_tce"));

  // Limit 1 000 kgce/t, advanced 800 kgce/t: 1 024.17 kgce/t is over the limit.
  REQUIRE(r.benchmarks.size() == 1);
  REQUIRE(r.benchmarks[0].judgement);
  CHECK(r.benchmarks[0].judgement->worse_than_limit);

  ReportDocument doc =
      buildReportDocument(ReportKind::Energy, f.site, acc, Language::English, local(2026, 11, 2));
  addIntensityTables(doc, ReportKind::Energy, f.bindings, r, Language::English);
  const std::string csv = reportCsv(doc);
  CHECK(csv.find("Energy per unit of aluminium profile,1.02417,tce/t,1229.0000 tce / 1200 t = "
                 "1.02417 tce/t (seed 000 §9.7.1.4)\r\n") != std::string::npos);
  CHECK(csv.find("Indicator,This period 2026-10,Previous 2026-09,Change,A year earlier "
                 "2025-10,Change\r\n") != std::string::npos);
  // 1 229 / 614.5 - 1 = +100 %.
  CHECK(csv.find("Comprehensive energy (tce),1229,614.5,+100.00 %,-,undefined: no data in the "
                 "base period\r\n") != std::string::npos);
  CHECK(csv.find("Energy per unit of aluminium profile (tce/t),1.02417,1.229,-16.67 %,-,"
                 "undefined: no data in the base period\r\n") != std::string::npos);
  CHECK(csv.find("energy_per_product:profile,1.02417,tce/t,1000 kgce/t,-,800 kgce/t,-,-,worse "
                 "than the limit value,") != std::string::npos);
  // The data-coverage table stays last.
  CHECK(doc.tables.back().title == "Data coverage by meter point");
}

TEST_CASE("output imported from CSV, a bad line naming file:line and storing nothing", "[report]") {
  const Fixture f;
  const std::filesystem::path good = f.folder.path() / "output.csv";
  std::ofstream(good) << "\xEF\xBB\xBFperiod,product,quantity,unit,output_value,value_added,by,"
                         "why,source\n"
                         "2026-10,profile,1200,t,850,210,Li Wei,first entry,\"statement, Oct\"\n"
                         "2026-09,profile,500,,400,100,Li Wei,first entry,statement Sep\n";
  const auto entries = readOutputCsv(good, f.bindings, 480, local(2026, 11, 2));
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].source == "statement, Oct");
  CHECK(entries[0].via == "csv output.csv:2");
  CHECK(entries[1].unit == "t");  // the product's unit when the cell is empty
  storeOutputEntries(f.db, entries);
  const ReportPeriod sep = *parseReportPeriod("2026-09", 480);
  CHECK(*readPeriodOutput(f.db, f.bindings, sep.start, sep.end).output_value == 400);

  auto error = [&](const std::string& text) {
    const std::filesystem::path bad = f.folder.path() / "bad.csv";
    std::ofstream(bad) << text;
    try {
      readOutputCsv(bad, f.bindings, 480, 0);
    } catch (const ReportError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string header =
      "period,product,quantity,unit,output_value,value_added,by,why,source\n";
  const std::string bad = f.folder.path().string() + "/bad.csv:";
  CHECK(error(header + "2026-10,profile,1,t,1,1,a,b,c\n2026-10,profil,1,t,1,1,a,b,c\n") ==
        bad +
            "3: product 'profil' is not declared in accounting.toml ([[product]]; declared: "
            "profile)");
  CHECK(error(header + "2026-13,profile,1,t,1,1,a,b,c\n") ==
        bad +
            "2: period '2026-13': expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD or "
            "YYYY-MM-DDTHH");
  CHECK(error(header + "2026-10,profile,12O0,t,1,1,a,b,c\n") ==
        bad + "2: quantity '12O0' is not a number");
  CHECK(error(header + "2026-10,profile,1200,kg,1,1,a,b,c\n") ==
        bad + "2: product 'profile' is counted in 't', not 'kg'");
  CHECK(error(header + "2026-10,profile,1200,t,1,1,a,,c\n") ==
        bad + "2: say why (--why): first entry, correction of ...");
  CHECK(error("period,product,qty\n") == bad +
                                             "1: unknown column 'qty' (columns: period, "
                                             "product, quantity, unit, output_value, "
                                             "value_added, by, why, source)");
}
