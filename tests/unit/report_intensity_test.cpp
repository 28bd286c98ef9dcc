// Intensities, their comparison with the previous period and the year before, and the benchmark
// level reached, on accounts and output given by hand: every number below is worked in its
// comment from the clause it follows.
#include <catch2/catch.hpp>

#include "benchmark_level.h"
#include "comparison_period.h"
#include "intensity_accounts.h"
#include "intensity_document.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

AccountingBindings bindingsWith(const std::string& extra) {
  return parseAccountingBindings(bindingsHeader() + kGridImportPoint + extra, "accounting.toml",
                                 demoSite());
}

const std::string kProfile = R"(
[[product]]
id = "profile"
name_zh = "铝型材"
name_en = "aluminium profile"
unit = "t"
)";

// October 2026 at UTC+8 with 10 000 000 kWh bought: GB/T 2589-2020 Annex A equivalent value
// 0.1229 kgce/kWh -> 1 229 000 kgce = 1 229 tce; 2023 grid factor 0.5306 tCO2/MWh x 10 000 MWh =
// 5 306 tCO2 (the figures are set here, not recomputed: this test is about the divisions).
PeriodAccounts octoberAccounts() {
  PeriodAccounts acc;
  acc.period = *parseReportPeriod("2026-10", 480);
  acc.has_data = true;
  acc.total_tce = 1229.0;
  acc.carbon.total_tco2 = 5306.0;
  return acc;
}

OutputEntry entry(const std::string& period, const std::string& product,
                  std::optional<double> quantity, std::optional<double> output_value,
                  std::optional<double> value_added, int64_t id = 1) {
  OutputEntry e;
  e.id = id;
  e.period = period;
  const ReportPeriod p = *parseReportPeriod(period, 480);
  e.start = p.start;
  e.end = p.end;
  e.product = product;
  e.quantity = quantity;
  e.unit = product.empty() ? "" : "t";
  e.output_value = output_value;
  e.value_added = value_added;
  return e;
}

// A copy: the callers often pass a temporary Intensities.
IntensityLine line(const Intensities& i, const std::string& indicator) {
  for (const IntensityLine& l : i.lines) {
    if (l.indicator == indicator) return l;
  }
  FAIL("no line " << indicator);
  return {};
}

}  // namespace

TEST_CASE("intensities per product and per 10^4 yuan, worked by hand", "[report]") {
  const AccountingBindings b = bindingsWith(kProfile);
  const PeriodAccounts acc = octoberAccounts();
  const PeriodOutput out = selectPeriodOutput({entry("2026-10", "profile", 1200, 850, 210)}, b,
                                              acc.period.start, acc.period.end);
  const Intensities i = computeIntensities(acc, out, b);

  // seed 000 §9.7.1.4: 单位产品综合能耗 = comprehensive energy / qualified product:
  // 1 229 tce / 1 200 t = 1.024166.. tce/t. With one product the whole site's energy is its.
  const IntensityLine e = line(i, "energy_per_product:profile");
  REQUIRE(e.value);
  CHECK(*e.value == Approx(1.0241666666666667).epsilon(1e-14));
  CHECK(e.unit == "tce/t");
  CHECK(e.formula == "1229.0000 tce / 1200 t = 1.02417 tce/t (seed 000 §9.7.1.4)");
  // 5 306 tCO2 / 1 200 t = 4.421666.. tCO2/t.
  CHECK(*line(i, "carbon_per_product:profile").value == Approx(4.4216666666666667));
  // seed 000 §9.7.1.3.3 note 5: energy / output value: 1 229 / 850 = 1.4458823529.. tce/10^4 yuan.
  CHECK(*line(i, "energy_per_10k_yuan_output").value == Approx(1.4458823529411764));
  // note 6: energy / value added: 1 229 / 210 = 5.8523809523.. tce/10^4 yuan.
  CHECK(*line(i, "energy_per_10k_yuan_value_added").value == Approx(5.852380952380952));
  // DB 64/T 1930-2023 B.11: 5 306 / 850 = 6.2423529411..; 5 306 / 210 = 25.2666..
  CHECK(*line(i, "carbon_per_10k_yuan_output").value == Approx(6.242352941176471));
  CHECK(*line(i, "carbon_per_10k_yuan_value_added").value == Approx(25.266666666666666));
  CHECK_FALSE(i.unallocated_products);
}

TEST_CASE("intensities are not given without full output coverage or with a zero base",
          "[report]") {
  const AccountingBindings b = bindingsWith(kProfile);
  const PeriodAccounts acc = octoberAccounts();

  // One day's output against a month's energy would be 31 times too high: not given.
  const PeriodOutput day = selectPeriodOutput({entry("2026-10-05", "profile", 40, 28, 7)}, b,
                                              acc.period.start, acc.period.end);
  const IntensityLine partial = line(computeIntensities(acc, day, b), "energy_per_product:profile");
  CHECK_FALSE(partial.value);
  CHECK(partial.why_not_en == "output entered for 1 of the period's 31 days");

  // A month with no production: 1 229 tce / 0 t is undefined, not infinite.
  const PeriodOutput zero = selectPeriodOutput({entry("2026-10", "profile", 0, 0, 0)}, b,
                                               acc.period.start, acc.period.end);
  const IntensityLine undefined =
      line(computeIntensities(acc, zero, b), "energy_per_10k_yuan_output");
  CHECK_FALSE(undefined.value);
  CHECK(undefined.why_not_en == "undefined: the denominator is 0");

  const IntensityLine none =
      line(computeIntensities(acc, PeriodOutput{}, b), "energy_per_10k_yuan_value_added");
  CHECK_FALSE(none.value);
  CHECK(none.why_not_en == "no output entered for the period");
}

TEST_CASE("several products: energy by the product's sub-metered area, or none", "[report]") {
  const AccountingBindings b = bindingsWith(kProfile + R"(area = "machining"
[[product]]
id = "panel"
name_zh = "面板"
name_en = "panel"
unit = "t"
)");
  PeriodAccounts acc = octoberAccounts();
  acc.areas.push_back(
      {"machining", "electricity", "电力", "electricity", 6510000, "kWh", 800.0, "", {}});
  acc.areas.push_back({"paint", "electricity", "电力", "electricity", 1000, "kWh", 100.0, "", {}});
  const PeriodOutput out = selectPeriodOutput(
      {entry("2026-10", "profile", 1200, 850, 210), entry("2026-10", "panel", 300, 150, 40, 2)}, b,
      acc.period.start, acc.period.end);
  const Intensities i = computeIntensities(acc, out, b);
  // The machining area's 800 tce / 1 200 t = 0.6666.. tce/t.
  CHECK(*line(i, "energy_per_product:profile").value == Approx(0.6666666666666666));
  CHECK_FALSE(line(i, "energy_per_product:panel").value);
  CHECK(i.unallocated_products);
  // Site totals over both products' output value: 1 229 / (850 + 150) = 1.229 tce/10^4 yuan.
  CHECK(*line(i, "energy_per_10k_yuan_output").value == Approx(1.229));
}

TEST_CASE("the newest entry of a period counts, and a month entry includes its days", "[report]") {
  const AccountingBindings b = bindingsWith(kProfile);
  const PeriodAccounts acc = octoberAccounts();
  const PeriodOutput out =
      selectPeriodOutput({entry("2026-10", "profile", 1100, 800, 200, 1),
                          entry("2026-10", "profile", 1200, 850, 210, 5),  // correction
                          entry("2026-10-05", "profile", 40, 28, 7, 3),    // inside the month
                          entry("2026-11", "profile", 999, 999, 999, 4)},  // another month
                         b, acc.period.start, acc.period.end);
  REQUIRE(out.entries.size() == 1);
  CHECK(out.entries[0].id == 5);
  CHECK(*out.find("profile")->quantity == 1200);
  CHECK(*out.output_value == 850);
}

TEST_CASE("the previous period and the same period a year earlier", "[report]") {
  auto label = [](const std::string& text, bool year) {
    const ReportPeriod p = *parseReportPeriod(text, 480);
    const ReportPeriod c = year ? samePeriodLastYear(p) : previousPeriod(p);
    CHECK(c.start == parseReportPeriod(c.label, 480)->start);
    return c.label;
  };
  CHECK(label("2026-10", false) == "2026-09");
  CHECK(label("2026-01", false) == "2025-12");
  CHECK(label("2026-10", true) == "2025-10");
  CHECK(label("2026-03-01", false) == "2026-02-28");
  CHECK(label("2028-02-29", true) == "2027-02-28");  // no 29 February in 2027
  CHECK(label("2026", false) == "2025");
  // Custom: the same number of days ending where it starts (14 days here).
  CHECK(label("2026-10-01..2026-10-15", false) == "2026-09-17..2026-10-01");
  CHECK(label("2026-10-01..2026-10-15", true) == "2025-10-01..2025-10-15");
}

TEST_CASE("change in % is undefined against a zero or missing base", "[report]") {
  // (1 229 - 1 000) / 1 000 = +22.9 %.
  CHECK(*changePercent(1229.0, 1000.0) == Approx(22.9));
  CHECK(*changePercent(900.0, 1000.0) == Approx(-10.0));
  CHECK_FALSE(changePercent(1229.0, 0.0));  // a ratio to nothing: undefined, never inf
  CHECK_FALSE(changePercent(1229.0, std::nullopt));
  CHECK(changeText(1229.0, 0.0, true, Language::English) == "undefined: the base is 0");
  CHECK(changeText(1229.0, std::nullopt, false, Language::English) ==
        "undefined: no data in the base period");
  CHECK(changeText(1229.0, 1000.0, true, Language::English) == "+22.90 %");
  CHECK(changeText(0.0, 0.0, true, Language::Chinese) == "无定义：基期为 0");
}

TEST_CASE("the level reached on each side of each benchmark level", "[report]") {
  const AccountingBindings b = bindingsWith(kProfile + R"(
[[benchmark]]
indicator = "energy_per_product:profile"
unit = "kgce/t"
limit = 1200
access = 1000
advanced = 800
industry_average = 1050
top20 = 900
source = "example limit standard, Table 1"
top20_source = "industry association survey 2025"
)");
  REQUIRE(b.benchmarks.size() == 1);
  const BenchmarkConfig& c = b.benchmarks[0];
  CHECK(c.per_report_unit == 1000);  // kgce/t -> tce/t
  CHECK(c.top20->source == "industry association survey 2025");
  CHECK(c.limit->source == "example limit standard, Table 1");
  auto level = [&](double tce_per_t) { return judgeBenchmark(tce_per_t, c); };

  // Limit, access and advanced are worded 不高于 (not higher than): on the value meets it.
  CHECK(*level(0.7).met == "advanced");
  CHECK(*level(0.8).met == "advanced");  // exactly 800 kgce/t
  CHECK(level(0.8).text_en.rfind("at or better than the advanced value", 0) == 0);
  CHECK(*level(0.9).met == "access");
  CHECK(level(0.9).text_en.rfind("between the access and the advanced value", 0) == 0);
  CHECK(*level(1.0).met == "access");  // exactly 1 000 kgce/t
  CHECK(*level(1.1).met == "limit");
  CHECK(level(1.1).text_en.rfind("between the limit and the access value", 0) == 0);
  CHECK(*level(1.2).met == "limit");  // exactly on the limit: not over it
  CHECK_FALSE(level(1.2).worse_than_limit);
  CHECK_FALSE(level(1.3).met);
  CHECK(level(1.3).worse_than_limit);
  CHECK(level(1.3).text_en.rfind("worse than the limit value", 0) == 0);

  // Industry average: 不高于, so exactly 1 050 kgce/t is within it, 1.06 tce/t is not.
  CHECK(*level(1.05).within_industry_average);
  CHECK_FALSE(*level(1.06).within_industry_average);
  // Top 20 %: 001 Table C.1 5.7.3 asks "优于" (better than): exactly 900 kgce/t does not.
  CHECK_FALSE(*level(0.9).within_top20);
  CHECK(*level(0.89).within_top20);
}

TEST_CASE("products and benchmarks are checked where they are written", "[report]") {
  auto error = [](const std::string& extra) {
    try {
      bindingsWith(extra);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error(kProfile + "area = \"nowhere\"\n").find("area 'nowhere' is not defined") !=
        std::string::npos);
  CHECK(error("[[benchmark]]\nindicator = \"energy_per_product:profil\"\nunit = \"tce/t\"\n"
              "limit = 1.0\nsource = \"x\"\n")
            .find("not a known intensity") != std::string::npos);
  CHECK(error(kProfile +
              "[[benchmark]]\nindicator = \"energy_per_product:profile\"\nunit = \"tce/m2\"\n"
              "limit = 1.0\nsource = \"x\"\n")
            .find("'tce/m2' does not fit this indicator: give 'tce/t' or 'kgce/t'") !=
        std::string::npos);
  CHECK(error(kProfile +
              "[[benchmark]]\nindicator = \"energy_per_product:profile\"\nunit = \"tce/t\"\n"
              "limit = 1.0\nadvanced = 1.5\nsource = \"x\"\n")
            .find("the advanced value (先进值) is above the limit value (限定值)") !=
        std::string::npos);
  CHECK(error(kProfile +
              "[[benchmark]]\nindicator = \"energy_per_10k_yuan_output\"\nunit = \"tce/10^4 "
              "yuan\"\nlimit = 1.0\n")
            .find("give its source") != std::string::npos);
}
