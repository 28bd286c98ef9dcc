// The green-factory assessment (DB 64/T 1930-2023) of the demo assessment file with E and C
// measured from a real SQLite reading store: every index, the weighted total and the verdict
// worked by hand, the verdict boundaries 80 and 90, the veto, and the report's key lines in the
// CSV and the PDF.
//
// Hand calculation (assets/demo/green-factory-2025.toml; Table C.1 points; §4.4 Table 1 weights
// 20/15/15/15/10/25 %; §6 verdict: >= 90 green factory, 80 to below 90 cultivation candidate):
//   Store: M-01.ep_imp (purchased electricity) rises 12 000 000 kWh in 2025.
//     E = 12e6 kWh x 0.1229 kgce/kWh (GB/T 2589-2020 Annex A, equivalent) = 1 474.8 tce
//     C = 12 000 MWh x 0.5306 tCO2/MWh (national average 2023, factor_year) = 6 367.2 tCO2
//   Q = 52 000 (10^4 yuan).
//   Infrastructure: 100 - infra-06 3 - infra-11 1 (1 of 2) - infra-21 3 = 93
//     (infra-20 from data: 96 / 120 = 80 % >= 60 %: 4 of 4)
//   Management: 100 - mgmt-08 8 - mgmt-09 8 = 84
//   Energy and resources: 100 - res-03 5 - res-09 4 - res-13 3 (3 of 6) = 88
//   Product: 100 - prod-11/12/13 3 each - prod-17 4 - prod-18 4 = 83
//   Emissions: 100 - env-04 2 - env-10 2 - env-11 2 = 94
//   Performance (data, Annex B):
//     perf-01 B.1 R = (16000x2 + 8000x2 + 3000 + 4x1500 + 1200) / 60000 = 0.97 >= 0.7: 10
//             (12 m and 10 m storeys count twice; the 8 m one once)
//     perf-02 B.2 (28500 + 3500) / 60000 = 53.33 % >= 30 %: 10
//     perf-03 entered 8; perf-04 B.3 1100 / 4200 = 26.19 % < 30 %: 0
//     perf-05/06 B.4 3.6 / 52000 = 6.92e-5 <= 1.2e-4: 5; not < 6e-5: 0
//     perf-07/08 B.5 15600 / 52000 = 0.30 <= 0.45: 5; not < 0.25: 0
//     perf-09/10 B.6 18500 / 52000 = 0.356 <= 0.6: 5; < 0.4: 3
//     perf-11/12 B.7 4200 / 52000 = 0.0808 <= 0.095: 5; not < 0.07: 0
//     perf-13/14 B.8 850 / (980 + 20) = 85 % > 65 %: 5; not > 85 %: 0
//     perf-15/16 B.9 5200 / (5200 + 13300) = 28.11 % >= 25 %: 5; not > 40 %: 0
//     perf-17/18 B.10 1474.8 / 52000 = 0.02836 <= 0.065: 5; <= 0.045: 4
//     perf-19/20 B.11 6367.2 / 52000 = 0.1224 < 0.16: 5; not < 0.12: 0
//     = 10+10+8+5+5+5+3+5+5+5+5+4+5 = 75
//   Weighted: 93x0.20 + 84x0.15 + 88x0.15 + 83x0.15 + 94x0.10 + 75x0.25
//           = 18.6 + 12.6 + 13.2 + 12.45 + 9.4 + 18.75 = 85.00: cultivation candidate.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "csv_writer.h"
#include "green_factory_document.h"
#include "green_factory_test_support.h"
#include "pdf_writer.h"
#include "report_error.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;
using accounting::GreenFactoryVerdict;

namespace {

// The demo text with item `id` scored `points` instead.
std::string withPoints(std::string text, const std::string& id, int points) {
  // Built without string::replace and "literal" + string: GCC 12's -Wrestrict misfires on them
  // at -O3.
  std::string key = "id = \"";
  key.append(id).append("\"\npoints = ");
  const size_t at = text.find(key);
  REQUIRE(at != std::string::npos);
  const size_t value = at + key.size();
  std::ostringstream out;
  out << text.substr(0, value) << points << text.substr(text.find('\n', value));
  return out.str();
}

// The 2025 accounts of a store where the grid import rises `kwh` during the year.
PeriodAccounts accountsOf2025(const std::filesystem::path& folder, double kwh,
                              const std::string& period_text = "2025") {
  const SiteConfig site = demoSite();
  const AccountingBindings bindings = parseAccountingBindings(
      bindingsHeader("factor_year = 2023") +
          "[[point]]\npoint = \"M-01.ep_imp\"\ncarrier = \"electricity\"\nrole = \"purchased\"\n",
      "accounting.toml", site);
  const std::filesystem::path db = folder / "greentwin.db";
  std::filesystem::remove(db);
  writeReadingDb(db, {{"M-01.ep_imp", "kWh"}},
                 {{"M-01.ep_imp", kYear2025 - 3'600'000, 1000.0},
                  {"M-01.ep_imp", kYear2025 + 180LL * 86'400'000, 1000.0 + kwh}});
  const auto period = parseReportPeriod(period_text, 480);
  REQUIRE(period);
  return computePeriodAccounts(site, bindings, loadFactorSet(bindings),
                               PeriodActivityReader::open(db), *period);
}

GreenFactoryEvaluation evaluate(const std::string& text, const PeriodAccounts& accounts) {
  return evaluateGreenFactory(
      greenFactoryScoreTable(),
      parseGreenFactoryInput(text, kGreenFactoryDemoFile, greenFactoryScoreTable()), accounts);
}

double earned(const GreenFactoryEvaluation& ev, const std::string& id) {
  for (const auto& index : ev.score.indices) {
    for (const auto& item : index.items) {
      if (item.item.id == id) return item.earned;
    }
  }
  FAIL("no item " << id);
  return -1;
}

std::string fact(const ReportDocument& doc, const std::string& label) {
  for (const auto& [l, v] : doc.facts) {
    if (l == label) return v;
  }
  return "(no fact " + label + ")";
}

}  // namespace

TEST_CASE("the demo assessment scored by hand, with E and C from the store",
          "[report][green-factory]") {
  const TempFolder folder("greentwin-gf-score");
  const PeriodAccounts acc = accountsOf2025(folder.path(), 12'000'000);
  REQUIRE(acc.total_tce == Approx(1474.8));
  REQUIRE(acc.carbon.total_tco2 == Approx(6367.2));
  const GreenFactoryEvaluation ev = evaluate(greenFactoryDemoText(), acc);

  REQUIRE(ev.score.indices.size() == 6);
  CHECK(ev.score.indices[0].earned_points == Approx(93));
  CHECK(ev.score.indices[1].earned_points == Approx(84));
  CHECK(ev.score.indices[2].earned_points == Approx(88));
  CHECK(ev.score.indices[3].earned_points == Approx(83));
  CHECK(ev.score.indices[4].earned_points == Approx(94));
  CHECK(ev.score.indices[5].earned_points == Approx(75));
  CHECK(ev.score.weighted_total == Approx(85.0));
  CHECK(ev.score.verdict == GreenFactoryVerdict::CultivationCandidate);
  CHECK(ev.score.failed_basic.empty());
  CHECK(ev.score.unmet_mandatory.empty());

  CHECK(earned(ev, "infra-20") == 4);
  CHECK(earned(ev, "perf-04") == 0);  // 26.19 % < 30 %
  CHECK(earned(ev, "perf-13") == 5);
  CHECK(earned(ev, "perf-14") == 0);  // exactly 85 % is not "大于85%"
  CHECK(earned(ev, "perf-18") == 4);  // E/Q 0.02836 <= 0.045
  CHECK(earned(ev, "perf-20") == 0);  // C/Q 0.1224 not better than 0.12

  REQUIRE(ev.indicators.size() == 12);  // B.1-B.11 and the CNC rate
  CHECK(*ev.indicators[0].value == Approx(0.97));
  CHECK(*ev.indicators[1].value == Approx(53.3333333));
  CHECK(*ev.indicators[7].value == Approx(85.0));
  CHECK(ev.indicators[9].clause == "B.10");
  CHECK(*ev.indicators[9].value == Approx(1474.8 / 52000));
  CHECK(ev.indicators[9].inputs[0].symbol == "E");
  CHECK(*ev.indicators[10].value == Approx(6367.2 / 52000));
}

TEST_CASE("the verdict boundaries 80 and 90 and the veto", "[report][green-factory]") {
  const TempFolder folder("greentwin-gf-bounds");

  SECTION("a measured year above the sector averages costs the mandatory items") {
    // 40 GWh: E = 4916 tce, E/Q = 0.0945 > 0.065: perf-17 and -18 lose 9; C = 21 224 tCO2,
    // C/Q = 0.408 > 0.16: perf-19 loses 5. Performance 61 -> 15.25; total 85 - 3.75 = 81.50.
    const PeriodAccounts acc = accountsOf2025(folder.path(), 40'000'000);
    const GreenFactoryEvaluation ev = evaluate(greenFactoryDemoText(), acc);
    CHECK(ev.score.weighted_total == Approx(81.5));
    CHECK(ev.score.verdict == GreenFactoryVerdict::CultivationCandidate);
    CHECK(ev.score.unmet_mandatory == std::vector<std::string>{"perf-17", "perf-19"});
    // mgmt-01 15 -> 5: management 74 x 0.15 = 11.10 (-1.50): exactly 80.00, still a candidate.
    const GreenFactoryEvaluation at80 =
        evaluate(withPoints(greenFactoryDemoText(), "mgmt-01", 5), acc);
    CHECK(at80.score.weighted_total == Approx(80.0));
    CHECK(at80.score.verdict == GreenFactoryVerdict::CultivationCandidate);
    // mgmt-01 -> 4: 79.85, below 80.
    const GreenFactoryEvaluation below =
        evaluate(withPoints(greenFactoryDemoText(), "mgmt-01", 4), acc);
    CHECK(below.score.weighted_total == Approx(79.85));
    CHECK(below.score.verdict == GreenFactoryVerdict::NotQualified);
  }
  SECTION("90.00 is a green factory, 89.90 is not, nor 90 with a mandatory item short") {
    const PeriodAccounts acc = accountsOf2025(folder.path(), 12'000'000);
    // From 85.00: mgmt-08, -09 +16 x 0.15 = 2.40; prod-11..13 +9 x 0.15 = 1.35; env-10, -11,
    // -04 +5 x 0.10 = 0.50; infra-21 +3 x 0.20 = 0.60; res-03 +1 x 0.15 = 0.15: 90.00.
    std::string text = greenFactoryDemoText();
    for (const char* id : {"mgmt-08", "mgmt-09"}) text = withPoints(text, id, 8);
    for (const char* id : {"prod-11", "prod-12", "prod-13", "infra-21"}) {
      text = withPoints(text, id, 3);
    }
    for (const char* id : {"env-10", "env-11"}) text = withPoints(text, id, 2);
    text = withPoints(withPoints(text, "env-04", 1), "res-03", 1);
    const GreenFactoryEvaluation at90 = evaluate(text, acc);
    CHECK(at90.score.weighted_total == Approx(90.0));
    CHECK(at90.score.verdict == GreenFactoryVerdict::GreenFactory);

    const GreenFactoryEvaluation below = evaluate(withPoints(text, "env-04", 0), acc);
    CHECK(below.score.weighted_total == Approx(89.9));
    CHECK(below.score.verdict == GreenFactoryVerdict::CultivationCandidate);

    // res-01 (mandatory, 15) at 14 and res-03 at 2: still 90.00, but §4.3 stops the
    // recommendation.
    const GreenFactoryEvaluation short_mandatory =
        evaluate(withPoints(withPoints(text, "res-01", 14), "res-03", 2), acc);
    CHECK(short_mandatory.score.weighted_total == Approx(90.0));
    CHECK(short_mandatory.score.verdict == GreenFactoryVerdict::CultivationCandidate);
    CHECK(short_mandatory.score.unmet_mandatory == std::vector<std::string>{"res-01"});
  }
  SECTION("a basic requirement not met vetoes") {
    const PeriodAccounts acc = accountsOf2025(folder.path(), 12'000'000);
    std::string text = greenFactoryDemoText();
    const size_t at = text.find("id = \"basic-02\"\nmet = true");
    REQUIRE(at != std::string::npos);
    text.replace(at, 26, "id = \"basic-02\"\nmet = false");
    const GreenFactoryEvaluation ev = evaluate(text, acc);
    CHECK(ev.score.weighted_total == Approx(85.0));
    CHECK(ev.score.verdict == GreenFactoryVerdict::NotQualified);
  }
  SECTION("a period other than the assessed year is refused") {
    const PeriodAccounts acc = accountsOf2025(folder.path(), 12'000'000, "2025-06");
    CHECK_THROWS_AS(evaluate(greenFactoryDemoText(), acc), ReportError);
  }
}

TEST_CASE("the green-factory report's key lines in CSV and PDF", "[report][green-factory]") {
  const TempFolder folder("greentwin-gf-report");
  const PeriodAccounts acc = accountsOf2025(folder.path(), 12'000'000);
  const GreenFactoryInput in =
      loadGreenFactoryInput(kGreenFactoryDemoFile, greenFactoryScoreTable());
  const GreenFactoryEvaluation ev = evaluateGreenFactory(greenFactoryScoreTable(), in, acc);
  const ReportDocument zh = buildGreenFactoryDocument(demoSite(), greenFactoryScoreTable(), in, acc,
                                                      ev, Language::Chinese, kYear2025);
  CHECK(fact(zh, "加权综合得分") == "85.00");
  CHECK(fact(zh, "评价结论") == "可作为绿色工厂培育对象");
  CHECK(fact(zh, "数据性质") == "演示数据（虚构），不得用于申报");
  // Annex A's chapters in order.
  std::vector<std::string> chapters;
  for (const ReportTable& t : zh.tables) chapters.push_back(t.title.substr(0, 3));
  CHECK(chapters.front() == "A.1");
  CHECK(chapters[1] == "A.2");
  CHECK(chapters.back() == "A.7");
  CHECK(zh.tables.size() == 16);  // A.1, A.2, basic, 6 indices, Annex B, 3 x A.4, A.5-A.7

  const ReportDocument en = buildGreenFactoryDocument(demoSite(), greenFactoryScoreTable(), in, acc,
                                                      ev, Language::English, kYear2025);
  CHECK(fact(en, "weighted total") == "85.00");
  CHECK(fact(en, "verdict") == "green-factory cultivation candidate");

  const std::filesystem::path csv = folder.path() / "gf.csv";
  writeReportCsv(zh, csv);
  std::ifstream in_csv(csv, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in_csv), {}};
  CHECK(text.find("加权综合得分,100,,85.00") != std::string::npos);
  // perf-14 lost its points on the data, and says so.
  CHECK(text.find("B.8 = 85.00 %；要求 > 85.00，不符合") != std::string::npos);

  const std::filesystem::path pdf = folder.path() / "gf.pdf";
  writeReportPdf(zh, pdf);
  const std::filesystem::path png = folder.path() / "page";
  REQUIRE(
      std::system(("pdftoppm -png -r 60 -f 1 -l 1 -singlefile " + pdf.string() + " " + png.string())
                      .c_str()) == 0);
  CHECK(std::filesystem::file_size(png.string() + ".png") > 10000);
}

TEST_CASE("the report lists the items that stop a recommendation", "[report][green-factory]") {
  const TempFolder folder("greentwin-gf-blocking");
  // 40 GWh: perf-17 and perf-19 (mandatory) fail on the measured E/Q and C/Q (see above); and
  // env-09 (mandatory, 10) is left out of the file: not assessed, 0 points.
  const PeriodAccounts acc = accountsOf2025(folder.path(), 40'000'000);
  std::string text = greenFactoryDemoText();
  const size_t at = text.find("[[item]]\nid = \"env-09\"");
  REQUIRE(at != std::string::npos);
  text.erase(at, text.find("[[item]]", at + 1) - at);
  const GreenFactoryInput in =
      parseGreenFactoryInput(text, kGreenFactoryDemoFile, greenFactoryScoreTable());
  const GreenFactoryEvaluation ev = evaluateGreenFactory(greenFactoryScoreTable(), in, acc);
  // 81.50 - env-09 10 x 0.10 = 80.50.
  CHECK(ev.score.weighted_total == Approx(80.5));
  const ReportDocument doc = buildGreenFactoryDocument(demoSite(), greenFactoryScoreTable(), in,
                                                       acc, ev, Language::English, kYear2025);
  const ReportTable* blocking = nullptr;
  for (const ReportTable& t : doc.tables) {
    if (t.title.find("stop a recommendation") != std::string::npos) blocking = &t;
  }
  REQUIRE(blocking);
  REQUIRE(blocking->rows.size() == 3);
  CHECK(blocking->rows[0][0].text == "env-09");
  CHECK(blocking->rows[0][4].text == "not assessed: the assessment file has no entry");
  CHECK(blocking->rows[1][0].text == "perf-17");
  CHECK(blocking->rows[1][4].text.starts_with(
      "B.10 = 0.0945 tce/10^4 yuan; required <= 0.0650: fails"));
  CHECK(blocking->rows[2][0].text == "perf-19");
}
