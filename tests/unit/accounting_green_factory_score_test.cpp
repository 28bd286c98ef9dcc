// DB 64/T 1930-2023 Table C.1: the transcribed table, and a complete assessment scored by
// hand (each index out of 100, weights 20/15/15/15/10/25 %, verdict of §6 and §4.3).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "accounting/accounting_error.h"
#include "accounting/green_factory_indicators.h"
#include "accounting/green_factory_scorer.h"
#include "greentwin/site_config.h"

using namespace gt::accounting;
using Catch::Matchers::Contains;

namespace {

const std::string kTable =
    std::string(GREENTWIN_SOURCE_DIR) + "/assets/factors/db64t1930-2023-annex-c.toml";

// Every basic requirement met and every item given full points: the starting point from which
// each case takes points away.
GreenFactoryAssessment fullMarks(const GreenFactoryScoreTable& table) {
  GreenFactoryAssessment a;
  for (const BasicRequirement& b : table.basic) a.basic[b.id] = {true, "document review"};
  for (const ScoreIndex& index : table.indices)
    for (const ScoreItem& item : index.items) a.items[item.id] = {item.points, "evidence"};
  return a;
}

void miss(GreenFactoryAssessment& a, std::initializer_list<const char*> ids) {
  for (const char* id : ids) a.items[id] = {0, "not done"};
}

const IndexScore& indexOf(const GreenFactoryScore& s, const std::string& id) {
  for (const IndexScore& i : s.indices)
    if (i.id == id) return i;
  FAIL("no index " << id);
  return s.indices.front();
}

std::string configError(const std::string& text) {
  try {
    parseGreenFactoryScoreTable(text, "c.toml");
  } catch (const gt::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("Table C.1 is transcribed: weights, points and mandatory items") {
  const GreenFactoryScoreTable t = loadGreenFactoryScoreTable(kTable);
  CHECK(t.document == "DB 64/T 1930-2023");
  CHECK(t.basic.size() == 9);
  REQUIRE(t.indices.size() == 6);
  // §4.4 Table 1
  const double weights[] = {20, 15, 15, 15, 10, 25};
  const size_t items[] = {22, 9, 13, 18, 12, 20};
  for (size_t i = 0; i < 6; ++i) {
    INFO(t.indices[i].id);
    CHECK(t.indices[i].weight_percent == weights[i]);
    CHECK(t.indices[i].items.size() == items[i]);
  }
  CHECK(t.green_factory_min == 90);
  CHECK(t.cultivation_min == 80);

  const ScoreItem* far = t.findItem("perf-01");
  REQUIRE(far);
  CHECK(far->points == 10);
  CHECK(far->requirement == Requirement::Mandatory);
  CHECK(far->indicator == "floor_area_ratio");
  CHECK(*far->threshold == 0.7);
  CHECK(t.findItem("mgmt-02")->requirement == Requirement::Optional);
  CHECK(t.findItem("env-05")->points == 20);
}

TEST_CASE("a complete hand-worked assessment: index scores, weighted total, verdict") {
  const GreenFactoryScoreTable t = loadGreenFactoryScoreTable(kTable);
  GreenFactoryAssessment a = fullMarks(t);

  // Infrastructure: optional infra-06 (3), infra-21 (3), infra-22 (3) not met: 100 - 9 = 91
  miss(a, {"infra-06", "infra-21", "infra-22"});
  // Management: optional mgmt-09 (8, social-responsibility report) not met: 92
  miss(a, {"mgmt-09"});
  // Energy and resources: res-02 (5) and res-13 (6) not met, res-03 half met (2.5 of 5):
  // 100 - 5 - 6 - 2.5 = 86.5
  miss(a, {"res-02", "res-13"});
  a.items["res-03"] = {2.5, "PV covers part of the roof only"};
  // Product: the optional carbon-footprint and recyclability items prod-11..prod-18 not met:
  // 3 + 3 + 3 + 3 + 3 + 4 + 4 + 4 = 27; 100 - 27 = 73
  miss(a, {"prod-11", "prod-12", "prod-13", "prod-14", "prod-15", "prod-16", "prod-17", "prod-18"});
  // Emissions: optional env-10 (2), env-11 (2) not met: 96
  miss(a, {"env-10", "env-11"});
  // Performance, from measurements (Annex B):
  //   perf-01 floor-area ratio: 0.995 >= 0.7 (B.1 example in the indicator test): 10 points
  const std::vector<BuildingFloor> floors{
      {8'000, 12.0}, {1'000, 4.0}, {1'000, 4.0}, {1'000, 4.0}, {500, 8.0}};
  a.items["perf-01"] =
      assessIndicator(*t.findItem("perf-01"), *floorAreaRatio(floors, 400, 20'000), "site plan");
  //   perf-02 building density: 50 % >= 30 %: 10 points
  a.items["perf-02"] = assessIndicator(*t.findItem("perf-02"),
                                       *buildingDensityPercent(9'500, 500, 20'000), "site plan");
  //   perf-04 green materials: 200 t of 1 000 t = 20 % < 30 %: 0 of 4
  a.items["perf-04"] = assessIndicator(
      *t.findItem("perf-04"), *greenMaterialRatePercent(200, 1'000), "material ledger 2023");
  //   perf-13 solid waste 80 % > 65 %: 5 points; perf-14 80 % > 85 % fails: 0 of 4
  const double waste = *solidWasteUtilisationPercent(180, 200, 25);
  a.items["perf-13"] = assessIndicator(*t.findItem("perf-13"), waste, "waste ledger 2023");
  a.items["perf-14"] = assessIndicator(*t.findItem("perf-14"), waste, "waste ledger 2023");
  //   perf-06, perf-08 (top-20 % pollutant and waste-gas intensity, 3 each) not met.
  miss(a, {"perf-06", "perf-08"});
  //   100 - 4 - 4 - 3 - 3 = 86

  const GreenFactoryScore s = scoreGreenFactory(t, a);
  CHECK(indexOf(s, "infrastructure").earned_points == Approx(91));
  CHECK(indexOf(s, "management").earned_points == Approx(92));
  CHECK(indexOf(s, "energy_resources").earned_points == Approx(86.5));
  CHECK(indexOf(s, "product").earned_points == Approx(73));
  CHECK(indexOf(s, "emissions").earned_points == Approx(96));
  CHECK(indexOf(s, "performance").earned_points == Approx(86));
  // Weighted (§4.4): 91 x 0.20 = 18.2; 92 x 0.15 = 13.8; 86.5 x 0.15 = 12.975;
  // 73 x 0.15 = 10.95; 96 x 0.10 = 9.6; 86 x 0.25 = 21.5.
  CHECK(indexOf(s, "energy_resources").weighted == Approx(12.975));
  // Total: 18.2 + 13.8 + 12.975 + 10.95 + 9.6 + 21.5 = 87.025: 80 to < 90 (§6)
  CHECK(s.weighted_total == Approx(87.025).epsilon(1e-12));
  CHECK(s.verdict == GreenFactoryVerdict::CultivationCandidate);
  CHECK(s.unmet_mandatory.empty());
  CHECK(s.failed_basic.empty());

  // Why each item earned or lost its points.
  const IndexScore& perf = indexOf(s, "performance");
  for (const ItemScore& item : perf.items) {
    if (item.item.id == "perf-01") {
      CHECK_THAT(item.reason, Contains("met in full"));
      CHECK_THAT(item.reason, Contains("floor_area_ratio = 0.995, meets >= 0.7"));
    }
    if (item.item.id == "perf-14") {
      CHECK_THAT(item.reason, Contains("not met: 0 of 4 points"));
      CHECK_THAT(item.reason, Contains("fails > 85"));
    }
  }
  for (const ItemScore& item : indexOf(s, "energy_resources").items) {
    if (item.item.id == "res-03") CHECK_THAT(item.reason, Contains("met in part: 2.5 of 5"));
  }

  // Completing the product items: product 100 x 0.15 = 15; 87.025 - 10.95 + 15 = 91.075
  for (const char* id :
       {"prod-11", "prod-12", "prod-13", "prod-14", "prod-15", "prod-16", "prod-17", "prod-18"}) {
    a.items[id] = {t.findItem(id)->points, "done"};
  }
  const GreenFactoryScore better = scoreGreenFactory(t, a);
  CHECK(better.weighted_total == Approx(91.075).epsilon(1e-12));
  CHECK(better.verdict == GreenFactoryVerdict::GreenFactory);

  // A mandatory item half met (infra-02, 4 of 8): infrastructure 87 x 0.2 = 17.4;
  // 91.075 - 0.8 = 90.275 is still >= 90, but §4.3 wants every mandatory item met.
  a.items["infra-02"] = {4, "two of four buildings meet GB 55015"};
  const GreenFactoryScore mandatory_short = scoreGreenFactory(t, a);
  CHECK(mandatory_short.weighted_total == Approx(90.275).epsilon(1e-12));
  CHECK(mandatory_short.score_band == GreenFactoryVerdict::GreenFactory);
  CHECK(mandatory_short.verdict == GreenFactoryVerdict::CultivationCandidate);
  CHECK(mandatory_short.unmet_mandatory == std::vector<std::string>{"infra-02"});
  CHECK_THAT(mandatory_short.verdict_reason, Contains("infra-02"));

  // A basic requirement failed vetoes whatever the score (一票否决).
  a.items["infra-02"] = {8, "all buildings meet GB 55015"};
  a.basic["basic-02"] = {false, "major environmental incident in 2022"};
  const GreenFactoryScore vetoed = scoreGreenFactory(t, a);
  CHECK(vetoed.weighted_total == Approx(91.075).epsilon(1e-12));
  CHECK(vetoed.verdict == GreenFactoryVerdict::NotQualified);
  CHECK(vetoed.failed_basic == std::vector<std::string>{"basic-02"});
}

TEST_CASE("the verdict thresholds: exactly 90 is a green factory, just below is not") {
  const GreenFactoryScoreTable t = loadGreenFactoryScoreTable(kTable);
  GreenFactoryAssessment a = fullMarks(t);
  // Infrastructure loses its optional infra-20 (4), infra-21 (3), infra-22 (3): 90 x 0.2 = 18
  miss(a, {"infra-20", "infra-21", "infra-22"});
  // Performance loses all its optional items: 4 + 3 + 3 + 3 + 4 + 4 + 4 + 4 + 3 = 32;
  // 68 x 0.25 = 17
  miss(a, {"perf-04", "perf-06", "perf-08", "perf-10", "perf-12", "perf-14", "perf-16", "perf-18",
           "perf-20"});
  // 18 + 15 + 15 + 15 + 10 + 17 = 90: "90分以上" includes 90 (§6)
  const GreenFactoryScore at90 = scoreGreenFactory(t, a);
  CHECK(at90.weighted_total == Approx(90));
  CHECK(at90.verdict == GreenFactoryVerdict::GreenFactory);

  // Half a point less on an optional management item: 99.5 x 0.15 = 14.925; total 89.925
  a.items["mgmt-02"] = {7.5, "certificate expired in November"};
  const GreenFactoryScore below = scoreGreenFactory(t, a);
  CHECK(below.weighted_total == Approx(89.925));
  CHECK(below.verdict == GreenFactoryVerdict::CultivationCandidate);

  // Not assessed at all: every item 0, every basic requirement missing.
  const GreenFactoryScore empty = scoreGreenFactory(t, {});
  CHECK(empty.weighted_total == 0);
  CHECK(empty.verdict == GreenFactoryVerdict::NotQualified);
  CHECK(empty.failed_basic.size() == 9);
  CHECK_THAT(empty.indices[0].items[0].reason, Contains("not assessed"));
}

TEST_CASE("assessment entries are checked against the table") {
  const GreenFactoryScoreTable t = loadGreenFactoryScoreTable(kTable);
  GreenFactoryAssessment a;
  a.items["infra-01"] = {9, ""};  // the item scores 8
  CHECK_THROWS_WITH(scoreGreenFactory(t, a), Contains("item 'infra-01': 9 points entered"));
  a.items.clear();
  a.items["infra-99"] = {1, ""};
  CHECK_THROWS_AS(scoreGreenFactory(t, a), AccountingError);
  // perf-05 is judged against the industry average, which the standard does not state.
  CHECK_THROWS_WITH(assessIndicator(*t.findItem("perf-05"), 0.1, ""), Contains("has no threshold"));
  const ItemAssessment vs_average =
      assessAgainstBenchmark(*t.findItem("perf-05"), 0.8, Comparison::AtMost, 1.0,
                             "industry average 1.0 kg COD per 10^4 yuan, provincial survey");
  CHECK(vs_average.earned_points == 5);
}

TEST_CASE("score-table mistakes name file:line:col") {
  const std::string head =
      "[verdict]\ngreen_factory_min = 90\ncultivation_min = 80\nclause = \"§6\"\n";
  // Line 5 is the [[index]] header; its items add up to 90, not 100.
  const std::string short_index = head +
                                  "[[index]]\nid = \"a\"\nclause = \"5.2\"\nname_zh = \"甲\"\n"
                                  "weight_percent = 100\n"
                                  "[[index.item]]\nid = \"a-1\"\ngroup_zh = \"g\"\n"
                                  "clause = \"5.2.1\"\nsummary_zh = \"s\"\npoints = 90\n"
                                  "requirement = \"mandatory\"\n";
  CHECK_THAT(configError(short_index),
             Contains("c.toml:5:1: index 'a': its items' points add up to 90, expected 100"));

  std::string bad_requirement = short_index;
  bad_requirement.replace(bad_requirement.find("\"mandatory\""), 11, "\"must\"");
  CHECK_THAT(configError(bad_requirement),
             Contains("c.toml:16:15: item 'a-1': requirement 'must' is not 'mandatory'"));
}
