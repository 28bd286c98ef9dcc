// The green-factory score table of DB 64/T 1930-2023 Table C.1 (CNC machine-tool makers), as
// loaded from assets/factors/db64t1930-2023-annex-c.toml: the veto basic requirements, the six
// weighted first-level indices and their scored items, and the verdict thresholds of §6.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gt::accounting {

// §4.3: 必选 (shall all be met) or 可选 (scored by the degree it is met).
enum class Requirement { Mandatory, Optional };

enum class Comparison { AtLeast, Above, AtMost, Below };  // ">=", ">", "<=", "<"
std::string_view comparisonText(Comparison comparison);

// A basic requirement (5.1): not scored; failing one vetoes the assessment (一票否决).
struct BasicRequirement {
  std::string id;  // "basic-01"
  std::string clause;
  std::string summary_zh;
};

// A scored item (a row of Table C.1).
struct ScoreItem {
  std::string id;        // "infra-01"
  std::string group_zh;  // second-level index: "建筑"
  std::string clause;    // "5.2.1.1", "Annex B.1", or "Table C.1" where the body has none
  std::string summary_zh;
  double points = 0;  // full score of the item (评分标准(满分)), > 0
  Requirement requirement = Requirement::Mandatory;
  std::string note;  // transcription remark, may be empty
  // Where the standard states a number: the indicator and its pass condition.
  std::string indicator;  // "floor_area_ratio", "" where none
  std::optional<Comparison> comparison;
  std::optional<double> threshold;
  std::string defined_at;  // file:line:col of the entry
};

// A first-level index: scored out of 100 (its items' points add up to 100), weighted.
struct ScoreIndex {
  std::string id;  // "infrastructure"
  std::string clause;
  std::string name_zh, name_en;
  double weight_percent = 0;  // Table 1: 20, 15, 15, 15, 10, 25
  std::vector<ScoreItem> items;
};

struct GreenFactoryScoreTable {
  std::string document;  // "DB 64/T 1930-2023"
  std::vector<BasicRequirement> basic;
  std::vector<ScoreIndex> indices;
  double green_factory_min = 90;  // §6: 90 or above (以上 includes 90)
  double cultivation_min = 80;    // §6: 80 to below 90
  std::string verdict_clause;     // "DB 64/T 1930-2023 §6"

  const ScoreItem* findItem(std::string_view id) const;
  const BasicRequirement* findBasic(std::string_view id) const;
};

// Loads and checks the table: unique ids, known requirement and comparison words, each
// index's points summing to 100 and the weights to 100. Throws gt::ConfigError naming
// file:line:col.
GreenFactoryScoreTable loadGreenFactoryScoreTable(const std::filesystem::path& file);
GreenFactoryScoreTable parseGreenFactoryScoreTable(std::string_view text,
                                                   const std::filesystem::path& name);

}  // namespace gt::accounting
