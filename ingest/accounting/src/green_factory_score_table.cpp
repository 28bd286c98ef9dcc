// Reads and checks the DB 64/T 1930-2023 Table C.1 data file.
#include "accounting/green_factory_score_table.h"

#include <cmath>
#include <set>

#include "greentwin/toml_table_reader.h"
#include "number_text.h"

namespace gt::accounting {
namespace {

// Sums of points and weights are compared with this slack: points like 2.5 are exact in
// binary, but an assessor's file may carry decimals that are not.
constexpr double kSumTolerance = 1e-6;

std::optional<Comparison> parseComparison(std::string_view text) {
  if (text == ">=") return Comparison::AtLeast;
  if (text == ">") return Comparison::Above;
  if (text == "<=") return Comparison::AtMost;
  if (text == "<") return Comparison::Below;
  return std::nullopt;
}

ScoreItem readItem(TomlTableReader& r, std::set<std::string>& ids) {
  ScoreItem item;
  item.id = r.requiredString("id");
  r.setWhat("item '" + item.id + "'");
  if (!ids.insert(item.id).second) r.failKey("id", "the id is used twice");
  item.defined_at = r.location("id");
  item.group_zh = r.requiredString("group_zh");
  item.clause = r.requiredString("clause");
  item.summary_zh = r.requiredString("summary_zh");
  item.points = r.requiredNumber("points", 1e-9, 100.0);
  const std::string requirement = r.requiredString("requirement");
  if (requirement == "mandatory") {
    item.requirement = Requirement::Mandatory;
  } else if (requirement == "optional") {
    item.requirement = Requirement::Optional;
  } else {
    r.failKey("requirement",
              "requirement '" + requirement + "' is not 'mandatory' (必选) or 'optional' (可选)");
  }
  item.note = r.optionalString("note", "");
  item.indicator = r.optionalString("indicator", "");
  if (!item.indicator.empty()) {
    const std::string comparison = r.requiredString("comparison");
    item.comparison = parseComparison(comparison);
    if (!item.comparison) {
      r.failKey("comparison", "comparison '" + comparison + "' is not >=, >, <= or <");
    }
    item.threshold = r.requiredNumber("threshold", -1e12, 1e12);
  } else if (r.has("comparison") || r.has("threshold")) {
    r.failKey(r.has("comparison") ? "comparison" : "threshold",
              "a comparison or threshold needs an 'indicator'");
  }
  r.rejectUnknownKeys();
  return item;
}

ScoreIndex readIndex(const toml::table& entry, const std::string& file,
                     std::set<std::string>& ids) {
  TomlTableReader r(entry, file, "index");
  ScoreIndex index;
  index.id = r.requiredString("id");
  r.setWhat("index '" + index.id + "'");
  if (!ids.insert(index.id).second) r.failKey("id", "the id is used twice");
  index.clause = r.requiredString("clause");
  index.name_zh = r.requiredString("name_zh");
  index.name_en = r.optionalString("name_en", index.id);
  index.weight_percent = r.requiredNumber("weight_percent", 1e-9, 100.0);
  r.node("item");
  forEachTomlTable(entry, "item", file, [&](const toml::table& item) {
    TomlTableReader ir(item, file, "an item of index '" + index.id + "'");
    index.items.push_back(readItem(ir, ids));
  });
  if (index.items.empty()) r.fail(nullptr, "has no [[index.item]] entries");
  double points = 0;
  for (const ScoreItem& item : index.items) points += item.points;
  // Table C.1 / §4.4: each first-level index is scored out of 100.
  if (std::abs(points - 100.0) > kSumTolerance) {
    r.fail(nullptr, "its items' points add up to " + numberText(points) +
                        ", expected 100 (Table C.1 scores each first-level index out of 100)");
  }
  r.rejectUnknownKeys();
  return index;
}

}  // namespace

std::string_view comparisonText(Comparison comparison) {
  switch (comparison) {
    case Comparison::AtLeast:
      return ">=";
    case Comparison::Above:
      return ">";
    case Comparison::AtMost:
      return "<=";
    case Comparison::Below:
      return "<";
  }
  return "?";
}

const ScoreItem* GreenFactoryScoreTable::findItem(std::string_view id) const {
  for (const ScoreIndex& index : indices)
    for (const ScoreItem& item : index.items)
      if (item.id == id) return &item;
  return nullptr;
}

const BasicRequirement* GreenFactoryScoreTable::findBasic(std::string_view id) const {
  for (const BasicRequirement& b : basic)
    if (b.id == id) return &b;
  return nullptr;
}

GreenFactoryScoreTable parseGreenFactoryScoreTable(std::string_view text,
                                                   const std::filesystem::path& name) {
  const std::string file = name.string();
  const toml::table root = parseTomlText(text, file);
  rejectUnknownTables(root, file, {"document", "verdict", "basic", "index"});
  GreenFactoryScoreTable table;

  if (const toml::table* doc = root["document"].as_table()) {
    TomlTableReader r(*doc, file, "[document]");
    table.document = r.requiredString("id");
    r.optionalString("title_zh", "");
    r.optionalString("table", "");
    r.rejectUnknownKeys();
  }
  const toml::table* verdict = root["verdict"].as_table();
  if (!verdict) throw ConfigError(file + ":1:1: the file has no [verdict] table");
  {
    TomlTableReader r(*verdict, file, "[verdict]");
    table.green_factory_min = r.requiredNumber("green_factory_min", 0.0, 100.0);
    table.cultivation_min = r.requiredNumber("cultivation_min", 0.0, table.green_factory_min);
    table.verdict_clause = r.requiredString("clause");
    r.rejectUnknownKeys();
  }

  std::set<std::string> ids;
  forEachTomlTable(root, "basic", file, [&](const toml::table& entry) {
    TomlTableReader r(entry, file, "basic requirement");
    BasicRequirement b;
    b.id = r.requiredString("id");
    r.setWhat("basic requirement '" + b.id + "'");
    if (!ids.insert(b.id).second) r.failKey("id", "the id is used twice");
    b.clause = r.requiredString("clause");
    b.summary_zh = r.requiredString("summary_zh");
    r.rejectUnknownKeys();
    table.basic.push_back(std::move(b));
  });

  double weights = 0;
  forEachTomlTable(root, "index", file, [&](const toml::table& entry) {
    table.indices.push_back(readIndex(entry, file, ids));
    weights += table.indices.back().weight_percent;
  });
  if (table.indices.empty()) throw ConfigError(file + ":1:1: the file has no [[index]] entries");
  // §4.4 Table 1: the first-level weights make 100 %.
  if (std::abs(weights - 100.0) > kSumTolerance) {
    const toml::node* indices = root.get("index");
    throw ConfigError(tomlLocation(file, indices->source()) + ": the index weights add up to " +
                      numberText(weights) + " %, expected 100 % (§4.4 Table 1)");
  }
  return table;
}

GreenFactoryScoreTable loadGreenFactoryScoreTable(const std::filesystem::path& file) {
  return parseGreenFactoryScoreTable(readTextFile(file, "green-factory score table"), file);
}

}  // namespace gt::accounting
