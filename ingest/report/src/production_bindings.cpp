// Reading [[product]] and [[benchmark]] with the accounting library's TOML reader, so their
// errors read "file:line:col: what: problem" like the rest of accounting.toml.
#include "production_bindings.h"

#include <set>

#include "greentwin/toml_table_reader.h"

namespace gt::report {
namespace {

constexpr const char* kPerProduct[] = {"energy_per_product:", "carbon_per_product:"};
constexpr const char* kPerYuan[] = {"energy_per_10k_yuan_output", "energy_per_10k_yuan_value_added",
                                    "carbon_per_10k_yuan_output",
                                    "carbon_per_10k_yuan_value_added"};

bool startsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::optional<BenchmarkLevel> level(TomlTableReader& r, std::string_view key,
                                    const std::string& source) {
  if (!r.has(key)) return std::nullopt;
  BenchmarkLevel l;
  l.value = r.requiredNumber(key, 0.0, 1e12);
  l.source = r.optionalString(std::string(key) + "_source", source);
  if (l.source.empty()) {
    r.failKey(key,
              "give its source: source = \"<standard, table>\" or " + std::string(key) + "_source");
  }
  return l;
}

}  // namespace

const ProductConfig* AccountingBindings::findProduct(std::string_view id) const {
  for (const ProductConfig& p : products) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string indicatorUnit(const AccountingBindings& bindings, const std::string& indicator) {
  for (const char* prefix : kPerProduct) {
    if (!startsWith(indicator, prefix)) continue;
    const ProductConfig* p =
        bindings.findProduct(indicator.substr(std::string_view(prefix).size()));
    if (!p) return "";
    return std::string(indicator[0] == 'e' ? "tce/" : "tCO2/") + p->unit;
  }
  for (const char* name : kPerYuan) {
    if (indicator == name) return indicator[0] == 'e' ? "tce/10^4 yuan" : "tCO2/10^4 yuan";
  }
  return "";
}

void parseProductionBindings(const toml::table& root, const std::string& file,
                             const SiteConfig& site, AccountingBindings& bindings) {
  forEachTomlTable(root, "product", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "[[product]]");
    ProductConfig p;
    p.id = r.requiredString("id");
    p.defined_at = r.location("id");
    r.setWhat("[[product]] '" + p.id + "'");
    if (p.id.empty() || p.id.find_first_of(" ,:\"") != std::string::npos) {
      r.failKey("id", "a product id is one word without spaces, commas or colons");
    }
    if (bindings.findProduct(p.id)) r.failKey("id", "declared twice");
    p.name_zh = r.requiredString("name_zh");
    p.name_en = r.requiredString("name_en");
    p.unit = r.requiredString("unit");
    p.area = r.optionalString("area", "");
    if (!p.area.empty() && !site.findArea(p.area)) {
      r.failKey("area", "area '" + p.area + "' is not defined in " + site.file.filename().string());
    }
    r.rejectUnknownKeys();
    bindings.products.push_back(std::move(p));
  });

  std::set<std::string> seen;
  forEachTomlTable(root, "benchmark", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "[[benchmark]]");
    BenchmarkConfig b;
    b.indicator = r.requiredString("indicator");
    b.defined_at = r.location("indicator");
    r.setWhat("[[benchmark]] '" + b.indicator + "'");
    if (!seen.insert(b.indicator).second) r.failKey("indicator", "benchmarked twice");
    const std::string unit = indicatorUnit(bindings, b.indicator);
    if (unit.empty()) {
      r.failKey("indicator",
                "not a known intensity: energy_per_product:<product id>, "
                "carbon_per_product:<product id> (a declared [[product]]), "
                "energy_per_10k_yuan_output, energy_per_10k_yuan_value_added, "
                "carbon_per_10k_yuan_output or carbon_per_10k_yuan_value_added");
    }
    b.unit = r.requiredString("unit");
    // The standards publish product limits in kgce per unit (GB 21251 etc.); the report works in
    // tce, so a kg-based unit is divided by 1000.
    const std::string base = unit.substr(0, unit.find('/'));
    const std::string rest = unit.substr(unit.find('/'));
    if (b.unit == unit) {
      b.per_report_unit = 1;
    } else if (b.unit == "kg" + base.substr(1) + rest) {
      b.per_report_unit = 1000;
    } else {
      r.failKey("unit", "'" + b.unit + "' does not fit this indicator: give '" + unit + "' or 'kg" +
                            base.substr(1) + rest + "'");
    }
    const std::string source = r.optionalString("source", "");
    b.limit = level(r, "limit", source);
    b.access = level(r, "access", source);
    b.advanced = level(r, "advanced", source);
    b.industry_average = level(r, "industry_average", source);
    b.top20 = level(r, "top20", source);
    if (!b.limit && !b.access && !b.advanced && !b.industry_average && !b.top20) {
      r.failKey("indicator", "no level given: limit, access, advanced, industry_average or top20");
    }
    // Lower is better: the advanced value is the strictest, the limit the loosest.
    if (b.advanced && b.access && b.advanced->value > b.access->value) {
      r.failKey("advanced", "the advanced value (先进值) is above the access value (准入值)");
    }
    if (b.access && b.limit && b.access->value > b.limit->value) {
      r.failKey("access", "the access value (准入值) is above the limit value (限定值)");
    }
    if (b.advanced && b.limit && b.advanced->value > b.limit->value) {
      r.failKey("advanced", "the advanced value (先进值) is above the limit value (限定值)");
    }
    r.rejectUnknownKeys();
    bindings.benchmarks.push_back(std::move(b));
  });
}

}  // namespace gt::report
