// Where the green-factory assessment takes what the assessor did not write in the file: the
// output value Q from production_output (entered with greentwin-report enter-output) when the
// file has no [output_value], and what a missing evidence file costs (DB 64/T 1930-2023 §7.2.2,
// §8.2: a judgement must rest on evidence the assessment can show).
//
// Hand calculation, from report_green_factory_report_test.cpp's working of the demo file
// (weighted total 85.00, E = 1 474.8 tce over 12 000 000 kWh, Q = 52 000 x 10^4 yuan):
//   - mgmt-02 (8 points, optional, weight 15 %) citing a file that is not there: 0 points, so
//     Management 84 - 8 = 76 and the total 85.00 - 8 x 0.15 = 83.80 (still 80-90: cultivation).
//   - Q = 52 000 entered in production_output for 2025 instead of the file: the same indicators,
//     B.10 = 1 474.8 / 52 000 = 0.0284 tce/10^4 yuan, the same 85.00.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <regex>

#include "green_factory_report.h"
#include "green_factory_test_support.h"
#include "production_output.h"
#include "report_error.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

// The demo file as a real (not demo) assessment in `folder`, every evidence file it cites filed
// beside it except `left_out`; without [output_value] when `drop_output_value`.
std::filesystem::path writeAssessment(const std::filesystem::path& folder,
                                      const std::string& left_out, bool drop_output_value) {
  std::string text = std::regex_replace(greenFactoryDemoText(), std::regex("demo_data = true"),
                                        "demo_data = false");
  if (drop_output_value) {
    text = std::regex_replace(text,
                              std::regex("\\[output_value\\]\nvalue_10k_yuan = 52000\n"
                                         "source = \"[^\"]*\"\n"),
                              "");
  }
  const std::regex file_line("\nfile = \"([^\"]+)\"");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), file_line);
       it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1];
    if (name == "-" || name == left_out) continue;
    // "EV-46 材料利用率评价（GB/T 29115）.pdf" names a file in a folder "EV-46 ...（GB".
    std::filesystem::create_directories((folder / name).parent_path());
    std::ofstream(folder / name) << "evidence\n";
  }
  const std::filesystem::path file = folder / "gf-2025.toml";
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

struct Store {
  SiteConfig site = demoSite();
  AccountingBindings bindings;
  std::filesystem::path db;
  PeriodAccounts accounts;

  Store(const std::filesystem::path& folder, const std::filesystem::path& assessment) {
    bindings = parseAccountingBindings(bindingsHeader("factor_year = 2023") + kGridImportPoint +
                                           "[green_factory]\nassessment = \"" +
                                           assessment.string() + "\"\n",
                                       "accounting.toml", site);
    db = folder / "greentwin.db";
    writeReadingDb(db, {{"M-01.ep_imp", "kWh"}},
                   {{"M-01.ep_imp", kYear2025 - 3'600'000, 1000.0},
                    {"M-01.ep_imp", kYear2025 + 180LL * 86'400'000, 1000.0 + 12e6}});
    accounts =
        computePeriodAccounts(site, bindings, loadFactorSet(bindings),
                              PeriodActivityReader::open(db), *parseReportPeriod("2025", 480));
  }
};

std::string allText(const ReportDocument& doc) {
  std::string s;
  for (const auto& [label, value] : doc.facts) s += label + ": " + value + "\n";
  for (const ReportTable& t : doc.tables) {
    for (const auto& row : t.rows) {
      for (const ReportCell& c : row) s += c.text + " | ";
      s += "\n";
    }
  }
  for (const std::string& n : doc.notes) s += n + "\n";
  return s;
}

}  // namespace

TEST_CASE("an assessor's item without its evidence file loses its points",
          "[report][green-factory]") {
  const TempFolder folder("greentwin-gf-evidence");
  const auto file = writeAssessment(folder.path(), "EV-31 ISO 9001 证书.pdf", false);
  const GreenFactoryInput in = loadGreenFactoryInput(file, greenFactoryScoreTable());
  REQUIRE(in.warnings.size() == 1);
  // mgmt-02's `points` is on line 412 of the file.
  CHECK(in.warnings[0] == file.string() +
                              ":412:10: evidence file 'EV-31 ISO 9001 证书.pdf' not found in " +
                              folder.path().string() + " (DB 64/T 1930-2023 §7.2.2, §8.2)");
  const Store store(folder.path(), file);
  const GreenFactoryEvaluation ev =
      evaluateGreenFactory(greenFactoryScoreTable(), in, store.accounts);
  CHECK(ev.assessment.items.at("mgmt-02").earned_points == 0);
  CHECK(ev.score.weighted_total == Approx(83.80));

  // With the file filed, the demo's 85.00.
  std::ofstream(folder.path() / "EV-31 ISO 9001 证书.pdf") << "certificate\n";
  const GreenFactoryInput filed = loadGreenFactoryInput(file, greenFactoryScoreTable());
  CHECK(filed.warnings.empty());
  CHECK(
      evaluateGreenFactory(greenFactoryScoreTable(), filed, store.accounts).score.weighted_total ==
      Approx(85.00));

  // A basic requirement met on a missing file counts as not met: the veto (§4.3).
  std::filesystem::remove(folder.path() / "EV-B1 营业执照、排污许可证、安全生产标准化证书.pdf");
  const GreenFactoryInput vetoed = loadGreenFactoryInput(file, greenFactoryScoreTable());
  CHECK_FALSE(evaluateGreenFactory(greenFactoryScoreTable(), vetoed, store.accounts)
                  .assessment.basic.at("basic-01")
                  .met);
}

TEST_CASE("without [output_value] the report takes Q from production_output and says so",
          "[report][green-factory]") {
  const TempFolder folder("greentwin-gf-output-value");
  const auto file = writeAssessment(folder.path(), "", true);
  const Store store(folder.path(), file);

  // Nothing entered yet: refused with what to do.
  CHECK_THROWS_WITH(buildGreenFactoryReport(store.site, store.bindings, store.accounts, store.db,
                                            Language::English, kYear2025, nullptr),
                    Catch::Contains("no [output_value]") && Catch::Contains("enter-output"));

  OutputEntry e;
  e.period = "2025";
  e.start = store.accounts.period.start;
  e.end = store.accounts.period.end;
  e.output_value = 52000;
  e.unit = "";
  e.entered_by = "Wang Fang";
  e.reason = "annual statement";
  e.source = "B204-1";
  e.via = "manual";
  storeOutputEntries(store.db, {e});
  std::vector<std::string> warnings;
  const ReportDocument doc =
      buildGreenFactoryReport(store.site, store.bindings, store.accounts, store.db,
                              Language::English, kYear2025, &warnings);
  CHECK(warnings.empty());
  const std::string text = allText(doc);
  INFO(text);
  CHECK(text.find("52000 10^4 yuan; production_output (greentwin-report enter-output), 1 "
                  "entries covering 365 of 365 days (greentwin.db)") != std::string::npos);
  CHECK(text.find("0.0284") != std::string::npos);  // B.10
  CHECK(text.find("85.00") != std::string::npos);
}
