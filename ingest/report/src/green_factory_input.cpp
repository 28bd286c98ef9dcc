// Reads the assessor's green-factory entries with the accounting library's TOML reader, so a
// typo reads "file:line:col: [section]: problem" like every other configuration file.
#include "green_factory_input.h"

#include <array>
#include <map>
#include <set>

#include "greentwin/toml_table_reader.h"

namespace gt::report {
namespace {

// Large enough for any factory (a 10^8 m2 site, 10^9 t of anything), small enough to catch a
// value typed in the wrong unit by orders of magnitude.
constexpr double kMaxArea = 1e8;
constexpr double kMaxAmount = 1e9;

// Items judged against a sector benchmark (Table C.1 "行业平均水平", "行业前20%").
constexpr std::array<std::string_view, 14> kBenchmarkItems = {
    "perf-05", "perf-06", "perf-07", "perf-08", "perf-09", "perf-10", "perf-11",
    "perf-12", "perf-15", "perf-16", "perf-17", "perf-18", "perf-19", "perf-20"};
// Items judged against a threshold the standard states.
constexpr std::array<std::string_view, 5> kThresholdItems = {"perf-01", "perf-02", "perf-04",
                                                             "perf-13", "perf-14"};

EnteredQuantity quantity(TomlTableReader& r, std::string_view key, std::string unit,
                         const std::string& source, double max) {
  EnteredQuantity q;
  q.value = r.requiredNumber(key, 0, max);
  q.unit = std::move(unit);
  q.source = source;
  q.defined_at = r.location(key);
  return q;
}

const toml::table& section(const toml::table& root, std::string_view key, const std::string& file) {
  const toml::node* n = root.get(key);
  if (!n) {
    throw ConfigError(file + ":1:1: the file has no [" + std::string(key) +
                      "] table (docs/reports.md, \"Green-factory assessment\")");
  }
  if (!n->as_table()) {
    TomlTableReader(root, file, "").fail(n, "'" + std::string(key) + "' must be a table");
  }
  return *n->as_table();
}

std::vector<std::string> stringList(TomlTableReader& r, std::string_view key) {
  std::vector<std::string> list;
  const toml::node* n = r.node(key);
  if (!n) return list;
  const toml::array* a = n->as_array();
  if (!a) r.fail(n, "'" + std::string(key) + "' must be a list of strings");
  for (const toml::node& item : *a) {
    if (!item.is_string()) r.fail(&item, "'" + std::string(key) + "' must be a list of strings");
    list.emplace_back(item.as_string()->get());
  }
  return list;
}

bool requiredBool(TomlTableReader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  if (!n) r.fail(nullptr, "missing '" + std::string(key) + "'");
  if (!n->is_boolean()) r.fail(n, "'" + std::string(key) + "' must be true or false");
  return n->as_boolean()->get();
}

Evidence evidence(TomlTableReader& r, const std::string& default_assessor) {
  Evidence e;
  e.file = r.requiredString("file");
  e.note = r.requiredString("note");
  e.assessor = r.optionalString("assessor", default_assessor);
  return e;
}

void readHeader(const toml::table& root, const std::string& file, GreenFactoryInput& in) {
  TomlTableReader r(section(root, "assessment", file), file, "[assessment]");
  in.demo_data = r.has("demo_data") && requiredBool(r, "demo_data");
  in.year = static_cast<int>(r.requiredInteger("year", 2000, 2100));
  in.factory = r.requiredString("factory");
  in.organisation = r.requiredString("organisation");
  in.assessor = r.requiredString("assessor");
  in.date = r.requiredString("date");
  in.scope = r.requiredString("scope");
  in.process = r.requiredString("process");
  in.highlights = stringList(r, "highlights");
  in.suggestions = stringList(r, "suggestions");
  in.references = stringList(r, "references");
  in.qualification = stringList(r, "qualification");
  r.rejectUnknownKeys();

  if (!root.get("output_value")) return;  // from production_output instead
  TomlTableReader q(section(root, "output_value", file), file, "[output_value]");
  const std::string source = q.requiredString("source");
  in.output_value = quantity(q, "value_10k_yuan", "10^4 yuan", source, kMaxAmount);
  in.output_value_entered = true;
  q.rejectUnknownKeys();
}

void readLand(const toml::table& root, const std::string& file, GreenFactoryInput& in) {
  const toml::table& t = section(root, "land", file);
  TomlTableReader r(t, file, "[land]");
  const std::string source = r.requiredString("source");
  in.land_area = quantity(r, "land_area_m2", "m2", source, kMaxArea);
  in.structures_floor_area = quantity(r, "structures_floor_area_m2", "m2", source, kMaxArea);
  in.buildings_footprint = quantity(r, "buildings_footprint_m2", "m2", source, kMaxArea);
  in.structures_footprint = quantity(r, "structures_footprint_m2", "m2", source, kMaxArea);
  r.node("floor");  // read below
  r.rejectUnknownKeys();
  forEachTomlTable(t, "floor", file, [&](const toml::table& f) {
    TomlTableReader fr(f, file, "[[land.floor]]");
    EnteredFloor floor;
    floor.building = fr.requiredString("building");
    floor.area_m2 = fr.requiredNumber("area_m2", 0, kMaxArea);
    floor.storey_height_m = fr.requiredNumber("storey_height_m", 0, 100);
    floor.defined_at = fr.location("area_m2");
    fr.rejectUnknownKeys();
    in.floors.push_back(std::move(floor));
  });
  if (in.floors.empty()) {
    r.fail(nullptr, "no [[land.floor]] entries: list each building storey (B.1)");
  }
}

void readResources(const toml::table& root, const std::string& file, GreenFactoryInput& in) {
  {
    TomlTableReader r(section(root, "materials", file), file, "[materials]");
    const std::string source = r.requiredString("source");
    in.material_name = r.requiredString("name");
    const std::string unit = r.requiredString("unit");
    in.material_total = quantity(r, "total", unit, source, kMaxAmount);
    in.material_green = quantity(r, "green", unit, source, kMaxAmount);
    if (in.material_green.value > in.material_total.value) {
      r.failKey("green", "green materials exceed the total of main materials");
    }
    r.rejectUnknownKeys();
  }
  {
    TomlTableReader r(section(root, "pollutant", file), file, "[pollutant]");
    const std::string source = r.requiredString("source");
    in.pollutant_name = r.requiredString("name");
    in.pollutant = quantity(r, "amount", r.requiredString("unit"), source, kMaxAmount);
    r.rejectUnknownKeys();
  }
  {
    TomlTableReader r(section(root, "waste_gas", file), file, "[waste_gas]");
    in.waste_gas = quantity(r, "amount_t", "t", r.requiredString("source"), kMaxAmount);
    r.rejectUnknownKeys();
  }
  {
    TomlTableReader r(section(root, "waste_water", file), file, "[waste_water]");
    const std::string source = r.requiredString("source");
    in.waste_water = quantity(r, "generated_t", "t", source, kMaxAmount);
    in.water_reused = quantity(r, "reused_m3", "m3", source, kMaxAmount);
    in.water_discharged = quantity(r, "discharged_m3", "m3", source, kMaxAmount);
    r.rejectUnknownKeys();
  }
  {
    TomlTableReader r(section(root, "raw_material", file), file, "[raw_material]");
    const std::string source = r.requiredString("source");
    in.raw_material_name = r.requiredString("name");
    in.raw_material = quantity(r, "amount", r.requiredString("unit"), source, kMaxAmount);
    r.rejectUnknownKeys();
  }
  {
    TomlTableReader r(section(root, "solid_waste", file), file, "[solid_waste]");
    const std::string source = r.requiredString("source");
    in.solid_generated = quantity(r, "generated_t", "t", source, kMaxAmount);
    in.solid_utilised = quantity(r, "utilised_t", "t", source, kMaxAmount);
    in.solid_utilised_from_storage =
        quantity(r, "utilised_from_storage_t", "t", source, kMaxAmount);
    in.solid_stored = quantity(r, "stored_t", "t", source, kMaxAmount);
    r.rejectUnknownKeys();
  }
  if (const toml::node* n = root.get("equipment")) {
    if (!n->as_table()) TomlTableReader(root, file, "").fail(n, "'equipment' must be a table");
    TomlTableReader r(*n->as_table(), file, "[equipment]");
    const std::string source = r.requiredString("source");
    in.machining_tools = quantity(r, "machining_tools", "", source, 1e6);
    in.cnc_tools = quantity(r, "cnc_tools", "", source, 1e6);
    if (in.cnc_tools->value > in.machining_tools->value) {
      r.failKey("cnc_tools", "more CNC tools than machining tools");
    }
    r.rejectUnknownKeys();
  }
}

void readEntries(const toml::table& root, const std::string& file,
                 const accounting::GreenFactoryScoreTable& table, GreenFactoryInput& in) {
  const bool has_equipment = in.cnc_tools.has_value();
  std::map<std::string, std::string> seen;  // id -> where first entered
  auto once = [&](TomlTableReader& r, const std::string& id) {
    const auto [it, fresh] = seen.emplace(id, r.location("id"));
    if (!fresh) r.failKey("id", "'" + id + "' is entered twice (first at " + it->second + ")");
  };

  forEachTomlTable(root, "basic", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "[[basic]]");
    EnteredBasic b;
    b.id = r.requiredString("id");
    if (!table.findBasic(b.id)) {
      r.failKey("id", "'" + b.id + "' is not a basic requirement of " + table.document +
                          " (basic-01 .. basic-09)");
    }
    once(r, b.id);
    b.met = requiredBool(r, "met");
    b.evidence = evidence(r, in.assessor);
    b.evidence.defined_at = r.location("id");
    r.rejectUnknownKeys();
    in.basic.push_back(std::move(b));
  });

  forEachTomlTable(root, "item", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "[[item]]");
    EnteredItem e;
    e.id = r.requiredString("id");
    const accounting::ScoreItem* item = table.findItem(e.id);
    if (!item) r.failKey("id", "'" + e.id + "' is not an item of " + table.document + " Table C.1");
    if (judgedFromData(e.id, has_equipment)) {
      r.failKey("id", "'" + e.id + "' is judged from data (Annex B), not entered: " +
                          (judgedAgainstBenchmark(e.id)
                               ? std::string("enter its sector benchmark in [[benchmark]]")
                               : std::string("enter the data it is computed from")));
    }
    once(r, e.id);
    e.points = r.requiredNumber("points", 0, item->points);
    e.evidence = evidence(r, in.assessor);
    e.evidence.defined_at = r.location("points");
    r.rejectUnknownKeys();
    in.items.push_back(std::move(e));
  });

  forEachTomlTable(root, "benchmark", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "[[benchmark]]");
    EnteredBenchmark b;
    b.item = r.requiredString("item");
    if (!judgedAgainstBenchmark(b.item)) {
      r.failKey("item", "'" + b.item +
                            "' is not judged against a sector benchmark (those are perf-05 .. "
                            "perf-12 and perf-15 .. perf-20)");
    }
    if (in.findBenchmark(b.item)) r.failKey("item", "'" + b.item + "' has two benchmarks");
    b.value = r.requiredNumber("value", 0, kMaxAmount);
    b.source = r.requiredString("source");
    b.defined_at = r.location("value");
    r.rejectUnknownKeys();
    in.benchmarks.push_back(std::move(b));
  });
}

}  // namespace

const EnteredBenchmark* GreenFactoryInput::findBenchmark(std::string_view item) const {
  for (const EnteredBenchmark& b : benchmarks) {
    if (b.item == item) return &b;
  }
  return nullptr;
}

bool judgedAgainstBenchmark(std::string_view item) {
  for (std::string_view id : kBenchmarkItems) {
    if (id == item) return true;
  }
  return false;
}

bool judgedFromData(std::string_view item, bool has_equipment) {
  if (item == "infra-20") return has_equipment;
  for (std::string_view id : kThresholdItems) {
    if (id == item) return true;
  }
  return judgedAgainstBenchmark(item);
}

// §7.2.2 and §8.2: a judgement rests on its evidence file. Files are named relative to the
// assessment file, where the assessor files them.
void checkEvidence(const std::filesystem::path& folder, bool claimed, Evidence& e,
                   std::vector<std::string>& warnings) {
  std::error_code ec;
  const bool none = e.file.empty() || e.file == "-";
  e.missing = none || !std::filesystem::is_regular_file(folder / e.file, ec);
  if (!e.missing || !claimed) return;
  warnings.push_back(e.defined_at + ": " +
                     (none ? std::string("no evidence file given")
                           : "evidence file '" + e.file + "' not found in " +
                                 (folder.empty() ? std::string(".") : folder.string())) +
                     " (DB 64/T 1930-2023 §7.2.2, §8.2)");
}

GreenFactoryInput parseGreenFactoryInput(std::string_view text, const std::filesystem::path& name,
                                         const accounting::GreenFactoryScoreTable& table) {
  const std::string file = name.string();
  const toml::table root = parseTomlText(text, file);
  rejectUnknownTables(
      root, file,
      {"assessment", "output_value", "land", "materials", "pollutant", "waste_gas", "waste_water",
       "raw_material", "solid_waste", "equipment", "benchmark", "basic", "item"});
  GreenFactoryInput in;
  in.file = name;
  readHeader(root, file, in);
  readLand(root, file, in);
  readResources(root, file, in);
  readEntries(root, file, table, in);
  const std::filesystem::path folder = name.parent_path();
  for (EnteredBasic& b : in.basic) checkEvidence(folder, b.met, b.evidence, in.warnings);
  for (EnteredItem& e : in.items) checkEvidence(folder, e.points > 0, e.evidence, in.warnings);
  return in;
}

GreenFactoryInput loadGreenFactoryInput(const std::filesystem::path& file,
                                        const accounting::GreenFactoryScoreTable& table) {
  return parseGreenFactoryInput(readTextFile(file, "green-factory assessment file"), file, table);
}

}  // namespace gt::report
