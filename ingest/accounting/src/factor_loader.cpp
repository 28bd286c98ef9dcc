// Reads the factor files (standard-coal coefficients, emission factors) and a site's
// override file into the tables of factor_tables.h, checking every value's unit and range so
// that a typo stops the daemon at start, as "file:line:col: ...", instead of skewing a report.
#include "accounting/factor_loader.h"

#include <set>

#include "accounting/activity_unit.h"
#include "factor_value_reader.h"

namespace gt::accounting {
namespace {

// Plausibility bounds, wide enough for any real fuel, tight enough to catch a unit slip
// (kgce/t written where kgce/kg is meant is 1000 times too large).
constexpr double kMaxKgcePerUnit = 100.0;
constexpr double kMaxNcvKjPerUnit = 1e6;
constexpr double kMaxNcvGjPerUnit = 1e5;
constexpr double kMaxCarbonContent = 1.0;  // tC/GJ
constexpr double kMaxHeatFactor = 1.0;     // tCO2/GJ
constexpr double kMaxGridFactor = 2.0;     // tCO2/MWh
constexpr double kPositive = 1e-12;        // lower bound for values that must be > 0

std::string readActivityUnit(TomlTableReader& r, std::string_view key) {
  const std::string unit = r.requiredString(key);
  if (!lookupActivityUnit(unit)) {
    r.failKey(key, "unknown unit '" + unit + "' (known: " + knownActivityUnits() + ")");
  }
  return unit;
}

// The entry of `items` that `matches`, for replacing in place; nullptr when none does.
template <typename T, typename Matches>
T* findEntry(std::vector<T>& items, Matches matches) {
  for (T& item : items)
    if (matches(item)) return &item;
  return nullptr;
}

int readYear(TomlTableReader& r) {
  return static_cast<int>(r.requiredInteger("year", 1990, 2100));
}

void readDocument(const toml::table& root, const std::string& file, std::string& document) {
  const toml::node* n = root.get("document");
  if (!n) return;
  const toml::table* t = n->as_table();
  if (!t) throw ConfigError(tomlLocation(file, n->source()) + ": 'document' must be a table");
  TomlTableReader r(*t, file, "[document]");
  document = r.requiredString("id");
  r.optionalString("title_zh", "");
  r.optionalString("title_en", "");
  r.rejectUnknownKeys();
}

CoalCoefficientKind readKind(TomlTableReader& r) {
  const std::string kind = r.requiredString("kind");
  if (kind == "fuel") return CoalCoefficientKind::Fuel;
  if (kind == "secondary") return CoalCoefficientKind::Secondary;
  if (kind == "medium") return CoalCoefficientKind::Medium;
  r.failKey("kind", "kind '" + kind + "' is not 'fuel', 'secondary' or 'medium'");
}

void checkInRange(TomlTableReader& r, const CoalCoefficient& c) {
  if (!c.kgce_per_unit || !c.range_min) return;
  const double v = c.kgce_per_unit->value;
  if (v < *c.range_min || v > *c.range_max) {
    r.failKey("kgce_per_unit", "kgce_per_unit is outside the published range " +
                                   std::to_string(*c.range_min) + " to " +
                                   std::to_string(*c.range_max));
  }
}

// A complete [[coefficient]] entry (base file, or a key the site adds).
CoalCoefficient readCoefficient(TomlTableReader& r, bool site_override) {
  CoalCoefficient c;
  c.key = r.requiredString("key");
  r.setWhat("coefficient '" + c.key + "'");
  c.name_zh = r.optionalString("name_zh", c.key);
  c.name_en = r.optionalString("name_en", c.key);
  c.kind = readKind(r);
  c.unit = readActivityUnit(r, "unit");
  c.source = r.requiredString("source");
  c.kgce_per_unit =
      optionalFactor(r, "kgce_per_unit", kPositive, kMaxKgcePerUnit, c.source, site_override);
  c.ncv_kj_per_unit =
      optionalFactor(r, "ncv_kj_per_unit", kPositive, kMaxNcvKjPerUnit, c.source, site_override);
  if (r.has("kgce_per_unit_min") || r.has("kgce_per_unit_max")) {
    c.range_min = r.requiredNumber("kgce_per_unit_min", kPositive, kMaxKgcePerUnit);
    c.range_max = r.requiredNumber("kgce_per_unit_max", *c.range_min, kMaxKgcePerUnit);
  }
  if (!c.kgce_per_unit && !c.range_min) {
    r.fail(nullptr, "needs 'kgce_per_unit' (or a published range kgce_per_unit_min/max)");
  }
  checkInRange(r, c);
  return c;
}

// A site entry for a key that exists: replaces only the values it gives.
void overrideCoefficient(TomlTableReader& r, CoalCoefficient& c) {
  const std::string source = r.requiredString("source");
  bool changed = false;
  if (r.has("unit")) {
    const std::string unit = readActivityUnit(r, "unit");
    if (!activityUnitRatio(unit, c.unit)) {
      r.failKey("unit", "unit '" + unit + "' does not measure the same thing as '" + c.unit + "'");
    }
    if (!r.has("kgce_per_unit")) r.failKey("unit", "a new unit needs its kgce_per_unit");
    c.unit = unit;
  }
  if (auto v = optionalFactor(r, "kgce_per_unit", kPositive, kMaxKgcePerUnit, source, true)) {
    c.kgce_per_unit = std::move(v);
    changed = true;
  }
  if (auto v = optionalFactor(r, "ncv_kj_per_unit", kPositive, kMaxNcvKjPerUnit, source, true)) {
    c.ncv_kj_per_unit = std::move(v);
    changed = true;
  }
  if (!changed) r.fail(nullptr, "the override sets neither kgce_per_unit nor ncv_kj_per_unit");
  checkInRange(r, c);
}

void readCoefficients(const toml::table& root, const std::string& file, CoalCoefficientTable& t,
                      bool site_override) {
  forEachTomlTable(root, "coefficient", file, [&](const toml::table& entry) {
    TomlTableReader r(entry, file, "coefficient");
    const std::string key = r.requiredString("key");
    r.setWhat("coefficient '" + key + "'");
    CoalCoefficient* existing =
        findEntry(t.coefficients, [&](const CoalCoefficient& c) { return c.key == key; });
    if (existing && !site_override) r.failKey("key", "defined twice");
    if (existing) {
      overrideCoefficient(r, *existing);
    } else {
      t.coefficients.push_back(readCoefficient(r, site_override));
    }
    r.rejectUnknownKeys();
  });
}

void readEqualValues(const toml::table& root, const std::string& file, CoalCoefficientTable& t,
                     bool site_override) {
  forEachTomlTable(root, "equal_value", file, [&](const toml::table& entry) {
    TomlTableReader r(entry, file, "equal_value");
    EqualValueCoefficient e;
    e.key = r.requiredString("key");
    e.year = readYear(r);
    r.setWhat("equal value of '" + e.key + "' for " + std::to_string(e.year));
    const CoalCoefficient* c = t.find(e.key);
    if (!c) r.failKey("key", "no coefficient '" + e.key + "' is defined");
    if (c->kind != CoalCoefficientKind::Secondary) {
      r.failKey("key", "only secondary energy (electricity, heat, steam) has a yearly equal value");
    }
    e.unit = readActivityUnit(r, "unit");
    if (!activityUnitRatio(e.unit, c->unit)) {
      r.failKey("unit",
                "unit '" + e.unit + "' does not measure the same thing as '" + c->unit + "'");
    }
    const std::string source = r.requiredString("source");
    e.kgce_per_unit =
        requiredFactor(r, "kgce_per_unit", kPositive, kMaxKgcePerUnit, source, site_override);
    r.rejectUnknownKeys();
    EqualValueCoefficient* existing = findEntry(t.equal_values, [&](const auto& other) {
      return other.key == e.key && other.year == e.year;
    });
    if (existing && !site_override) r.fail(nullptr, "defined twice");
    if (existing) {
      *existing = std::move(e);
    } else {
      t.equal_values.push_back(std::move(e));
    }
  });
}

void readSiteEnergyTypes(const toml::table& root, const std::string& file,
                         CoalCoefficientTable& t) {
  const toml::node* n = root.get("site_energy_type");
  if (!n) return;
  const toml::table* table = n->as_table();
  if (!table) {
    throw ConfigError(tomlLocation(file, n->source()) + ": 'site_energy_type' must be a table");
  }
  TomlTableReader r(*table, file, "[site_energy_type]");
  for (EnergyType type :
       {EnergyType::Electricity, EnergyType::NaturalGas, EnergyType::Water, EnergyType::Steam,
        EnergyType::CompressedAir, EnergyType::Heat, EnergyType::Environment}) {
    const std::string name(energyTypeName(type));
    if (!r.has(name)) continue;
    const std::string key = r.requiredString(name);
    if (!key.empty() && !t.find(key)) {
      r.failKey(name, "'" + name + "' names coefficient '" + key + "' which is not defined");
    }
    t.site_energy_type[name] = key;
  }
  r.rejectUnknownKeys();  // also catches energy types site.toml does not have
}

FuelEmissionFactor readFuel(TomlTableReader& r, bool site_override) {
  FuelEmissionFactor f;
  f.key = r.requiredString("key");
  r.setWhat("fuel '" + f.key + "'");
  f.name_zh = r.optionalString("name_zh", f.key);
  f.name_en = r.optionalString("name_en", f.key);
  f.unit = readActivityUnit(r, "unit");
  const std::string source = r.requiredString("source");
  f.ncv_gj_per_unit =
      optionalFactor(r, "ncv_gj_per_unit", kPositive, kMaxNcvGjPerUnit, source, site_override);
  f.cc_tc_per_gj =
      optionalFactor(r, "cc_tc_per_gj", kPositive, kMaxCarbonContent, source, site_override);
  f.oxidation_rate = optionalFactor(r, "oxidation_rate", kPositive, 1.0, source, site_override);
  f.tco2_per_unit = optionalFactor(r, "tco2_per_unit", 0.0, 1e6, source, site_override);
  const bool complete = f.ncv_gj_per_unit && f.cc_tc_per_gj && f.oxidation_rate;
  if (!complete && !f.tco2_per_unit) {
    r.fail(nullptr,
           "needs ncv_gj_per_unit, cc_tc_per_gj and oxidation_rate, or tco2_per_unit "
           "(GB/T 32150-2015: E = AD x NCV x CC x OF x 44/12)");
  }
  return f;
}

void overrideFuel(TomlTableReader& r, FuelEmissionFactor& f) {
  const std::string source = r.requiredString("source");
  bool changed = false;
  auto replace = [&](std::string_view key, double min, double max,
                     std::optional<FactorValue>& slot) {
    if (auto v = optionalFactor(r, key, min, max, source, true)) {
      slot = std::move(v);
      changed = true;
    }
  };
  replace("ncv_gj_per_unit", kPositive, kMaxNcvGjPerUnit, f.ncv_gj_per_unit);
  replace("cc_tc_per_gj", kPositive, kMaxCarbonContent, f.cc_tc_per_gj);
  replace("oxidation_rate", kPositive, 1.0, f.oxidation_rate);
  replace("tco2_per_unit", 0.0, 1e6, f.tco2_per_unit);
  if (!changed) {
    r.fail(nullptr,
           "the override sets none of ncv_gj_per_unit, cc_tc_per_gj, oxidation_rate, "
           "tco2_per_unit");
  }
}

void readFuels(const toml::table& root, const std::string& file, EmissionFactorTable& t,
               bool site_override) {
  forEachTomlTable(root, "fuel", file, [&](const toml::table& entry) {
    TomlTableReader r(entry, file, "fuel");
    const std::string key = r.requiredString("key");
    r.setWhat("fuel '" + key + "'");
    FuelEmissionFactor* existing =
        findEntry(t.fuels, [&](const FuelEmissionFactor& f) { return f.key == key; });
    if (existing && !site_override) r.failKey("key", "defined twice");
    if (existing) {
      overrideFuel(r, *existing);
    } else {
      t.fuels.push_back(readFuel(r, site_override));
    }
    r.rejectUnknownKeys();
  });
}

void readHeat(const toml::table& root, const std::string& file, EmissionFactorTable& t,
              bool site_override) {
  forEachTomlTable(root, "heat", file, [&](const toml::table& entry) {
    TomlTableReader r(entry, file, "heat");
    HeatEmissionFactor h;
    h.key = r.requiredString("key");
    r.setWhat("heat factor '" + h.key + "'");
    h.name_zh = r.optionalString("name_zh", h.key);
    h.name_en = r.optionalString("name_en", h.key);
    const std::string source = r.requiredString("source");
    h.tco2_per_gj =
        requiredFactor(r, "tco2_per_gj", kPositive, kMaxHeatFactor, source, site_override);
    r.rejectUnknownKeys();
    HeatEmissionFactor* existing =
        findEntry(t.heat, [&](const HeatEmissionFactor& other) { return other.key == h.key; });
    if (existing && !site_override) r.failKey("key", "defined twice");
    if (existing) {
      existing->tco2_per_gj = h.tco2_per_gj;
    } else {
      t.heat.push_back(std::move(h));
    }
  });
}

void readGrid(const toml::table& root, const std::string& file, EmissionFactorTable& t,
              bool site_override) {
  forEachTomlTable(root, "grid", file, [&](const toml::table& entry) {
    TomlTableReader r(entry, file, "grid");
    GridEmissionFactor g;
    g.calibre = r.requiredString("calibre");
    g.year = readYear(r);
    r.setWhat("grid factor '" + g.calibre + "' " + std::to_string(g.year));
    const std::string source = r.requiredString("source");
    g.tco2_per_mwh =
        requiredFactor(r, "tco2_per_mwh", kPositive, kMaxGridFactor, source, site_override);
    r.rejectUnknownKeys();
    GridEmissionFactor* existing = findEntry(t.grid, [&](const GridEmissionFactor& other) {
      return other.calibre == g.calibre && other.year == g.year;
    });
    if (existing && !site_override) r.fail(nullptr, "defined twice");
    if (existing) {
      *existing = std::move(g);
    } else {
      t.grid.push_back(std::move(g));
    }
  });
}

}  // namespace

CoalCoefficientTable parseCoalCoefficients(std::string_view text,
                                           const std::filesystem::path& name) {
  const std::string file = name.string();
  const toml::table root = parseTomlText(text, file);
  rejectUnknownTables(root, file, {"document", "coefficient", "equal_value", "site_energy_type"});
  CoalCoefficientTable table;
  readDocument(root, file, table.document);
  readCoefficients(root, file, table, false);
  readEqualValues(root, file, table, false);
  readSiteEnergyTypes(root, file, table);
  if (table.coefficients.empty()) throw ConfigError(file + ":1:1: no [[coefficient]] entries");
  return table;
}

CoalCoefficientTable loadCoalCoefficients(const std::filesystem::path& file) {
  return parseCoalCoefficients(readTextFile(file, "standard-coal coefficient file"), file);
}

EmissionFactorTable parseEmissionFactors(std::string_view text, const std::filesystem::path& name) {
  const std::string file = name.string();
  const toml::table root = parseTomlText(text, file);
  rejectUnknownTables(root, file, {"document", "fuel", "heat", "grid"});
  EmissionFactorTable table;
  readDocument(root, file, table.document);
  readFuels(root, file, table, false);
  readHeat(root, file, table, false);
  readGrid(root, file, table, false);
  return table;
}

EmissionFactorTable loadEmissionFactors(const std::filesystem::path& file) {
  return parseEmissionFactors(readTextFile(file, "emission factor file"), file);
}

void parseFactorOverrides(std::string_view text, const std::filesystem::path& name,
                          CoalCoefficientTable& coal, EmissionFactorTable& emission) {
  const std::string file = name.string();
  const toml::table root = parseTomlText(text, file);
  rejectUnknownTables(root, file,
                      {"coefficient", "equal_value", "site_energy_type", "fuel", "heat", "grid"});
  // Work on copies so a mistake half-way leaves the caller's tables untouched.
  CoalCoefficientTable new_coal = coal;
  EmissionFactorTable new_emission = emission;
  readCoefficients(root, file, new_coal, true);
  readEqualValues(root, file, new_coal, true);
  readSiteEnergyTypes(root, file, new_coal);
  readFuels(root, file, new_emission, true);
  readHeat(root, file, new_emission, true);
  readGrid(root, file, new_emission, true);
  coal = std::move(new_coal);
  emission = std::move(new_emission);
}

void applyFactorOverrides(const std::filesystem::path& file, CoalCoefficientTable& coal,
                          EmissionFactorTable& emission) {
  parseFactorOverrides(readTextFile(file, "factor-override file"), file, coal, emission);
}

}  // namespace gt::accounting
