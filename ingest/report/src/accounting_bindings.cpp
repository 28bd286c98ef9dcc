// Reading accounting.toml with the accounting library's TOML reader, so its errors read
// "file:line:col: what: problem" like site.toml's and the factor files'.
#include "accounting_bindings.h"

#include <set>

#include "greentwin/toml_table_reader.h"
#include "production_bindings.h"

namespace gt::report {
namespace {

PointRole parseRole(TomlTableReader& r) {
  const std::string role = r.requiredString("role");
  if (role == "purchased") return PointRole::Purchased;
  if (role == "exported") return PointRole::Exported;
  if (role == "own_generation") return PointRole::OwnGeneration;
  if (role == "submeter") return PointRole::SubMeter;
  r.failKey("role",
            "role '" + role + "' is not one of purchased, exported, own_generation, submeter");
}

// The meter and register point a stored name "<meter>.<point>" refers to.
const RegisterPoint* findPoint(const SiteConfig& site, const std::string& name,
                               const Meter** meter_out) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos) return nullptr;
  const Meter* meter = site.findMeter(name.substr(0, dot));
  if (!meter || !meter->tmpl) return nullptr;
  for (const RegisterPoint& p : meter->tmpl->points) {
    if (p.name == name.substr(dot + 1)) {
      *meter_out = meter;
      return &p;
    }
  }
  return nullptr;
}

BudgetConfig parseBudget(const toml::table& t, const std::string& file) {
  TomlTableReader r(t, file, "[budget]");
  BudgetConfig b;
  b.defined_at = tomlLocation(file, t.source());
  b.energy_tce = r.requiredNumber("energy_tce", 1e-9, 1e12);
  b.carbon_tco2 = r.requiredNumber("carbon_tco2", 1e-9, 1e12);
  if (r.has("quota_tco2")) b.quota_tco2 = r.requiredNumber("quota_tco2", 1e-9, 1e12);
  if (r.has("warn_ratio")) b.warn_ratio = r.requiredNumber("warn_ratio", 0.01, 1.0);
  if (const toml::node* n = r.node("monthly_profile")) {
    const toml::array* a = n->as_array();
    if (!a || a->size() != 12) {
      r.fail(n, "monthly_profile must be 12 numbers, January to December");
    }
    std::array<double, 12> weights{};
    double sum = 0;
    for (std::size_t i = 0; i < 12; ++i) {
      const std::optional<double> w = (*a)[i].value<double>();
      if (!w || !(*w >= 0)) r.fail(&(*a)[i], "each monthly weight must be a number >= 0");
      weights[i] = *w;
      sum += *w;
    }
    if (!(sum > 0)) r.fail(n, "the monthly weights add up to 0; give at least one positive month");
    b.monthly_profile = weights;
  }
  r.rejectUnknownKeys();
  return b;
}

KpiSettings parseKpi(const toml::table& t, const std::string& file) {
  TomlTableReader r(t, file, "[kpi]");
  KpiSettings k;
  if (r.has("interval_s"))
    k.interval_s = static_cast<int>(r.requiredInteger("interval_s", 1, 3600));
  if (r.has("forecast_days")) {
    k.forecast_days = static_cast<int>(r.requiredInteger("forecast_days", 1, 365));
  }
  r.rejectUnknownKeys();
  return k;
}

}  // namespace

std::string_view pointRoleName(PointRole role) {
  switch (role) {
    case PointRole::Purchased:
      return "purchased";
    case PointRole::Exported:
      return "exported";
    case PointRole::OwnGeneration:
      return "own_generation";
    case PointRole::SubMeter:
      return "submeter";
  }
  return "?";
}

AccountingBindings parseAccountingBindings(std::string_view text, const std::filesystem::path& name,
                                           const SiteConfig& site) {
  const std::string file = name.string();
  const toml::table root = parseTomlText(text, file);
  rejectUnknownTables(
      root, file,
      {"accounting", "point", "budget", "kpi", "green_factory", "product", "benchmark"});

  AccountingBindings bindings;
  bindings.file = name;
  const std::filesystem::path folder = name.parent_path();

  const toml::table* settings = root["accounting"].as_table();
  if (!settings) throw ConfigError(file + ":1:1: the file has no [accounting] table");
  TomlTableReader r(*settings, file, "[accounting]");
  const std::string basis = r.optionalString("electricity_basis", "equivalent");
  if (basis == "equivalent") {
    bindings.electricity_basis = accounting::ConversionBasis::EquivalentValue;
  } else if (basis == "equal") {
    bindings.electricity_basis = accounting::ConversionBasis::EqualValue;
  } else {
    r.failKey("electricity_basis",
              "'" + basis + "' is not 'equivalent' (当量值) or 'equal' (等价值)");
  }
  bindings.grid_calibre = r.optionalString("grid_calibre", bindings.grid_calibre);
  if (r.has("factor_year")) {
    bindings.factor_year = static_cast<int>(r.requiredInteger("factor_year", 2000, 2100));
  }
  bindings.factors_dir = folder / r.optionalString("factors", "../factors");
  // Product carbon footprint (product_footprint.h): the carbon price and how CO2 no product's
  // own area explains is split between products.
  if (r.has("carbon_price_yuan_per_tco2")) {
    bindings.footprint.carbon_price_yuan_per_tco2 =
        r.requiredNumber("carbon_price_yuan_per_tco2", 0, 1e6);
  }
  const std::string shared = r.optionalString("shared_allocation", "output_value");
  if (shared == "output_mass") {
    bindings.footprint.shared = SharedAllocation::OutputMass;
  } else if (shared != "output_value") {
    r.failKey("shared_allocation", "'" + shared + "' is not output_value or output_mass");
  }
  const std::string overrides = r.optionalString("factor_overrides", "");
  if (!overrides.empty()) bindings.factor_overrides = folder / overrides;
  r.rejectUnknownKeys();

  std::set<std::string> seen;
  forEachTomlTable(root, "point", file, [&](const toml::table& t) {
    TomlTableReader p(t, file, "[[point]]");
    PointBinding b;
    b.point = p.requiredString("point");
    b.defined_at = p.location("point");
    p.setWhat("[[point]] '" + b.point + "'");
    if (!seen.insert(b.point).second) p.failKey("point", "bound twice");
    const Meter* meter = nullptr;
    const RegisterPoint* point = findPoint(site, b.point, &meter);
    if (!point) {
      p.failKey("point", "no such point in " + site.file.filename().string() +
                             " (expected \"<meter>.<point>\", e.g. \"M-01.ep_imp\")");
    }
    if (point->kind != PointKind::Cumulative) {
      p.failKey("point",
                "is an instant value; only cumulative registers (kWh, m3 totals) "
                "give a period's consumption");
    }
    b.unit = point->canonical;
    b.carrier = p.requiredString("carrier");
    b.role = parseRole(p);
    b.area = p.optionalString("area", "");
    if (b.area.empty() && b.role == PointRole::SubMeter) {
      // A sub-meter belongs where its equipment stands. Boundary meters get an area only when
      // the file says so (a gas meter that feeds one boiler): a transformer incomer's
      // electricity is the whole site's, not its substation's.
      if (const Equipment* e = site.findEquipment(meter->equipment)) b.area = e->area;
    } else if (!b.area.empty() && !site.findArea(b.area)) {
      p.failKey("area", "area '" + b.area + "' is not defined in " + site.file.filename().string());
    }
    b.coefficient = p.optionalString("coefficient", "");
    b.fuel = p.optionalString("fuel", "");
    if (p.has("gj_per_unit")) b.gj_per_unit = p.requiredNumber("gj_per_unit", 1e-12, 1e3);
    p.rejectUnknownKeys();
    bindings.points.push_back(std::move(b));
  });
  if (const toml::node* n = root.get("budget")) {
    const toml::table* t = n->as_table();
    if (!t) TomlTableReader(root, file, "").fail(n, "'budget' must be a table ([budget])");
    bindings.budget = parseBudget(*t, file);
  }
  if (const toml::node* n = root.get("kpi")) {
    const toml::table* t = n->as_table();
    if (!t) TomlTableReader(root, file, "").fail(n, "'kpi' must be a table ([kpi])");
    bindings.kpi = parseKpi(*t, file);
  }
  if (const toml::node* n = root.get("green_factory")) {
    const toml::table* t = n->as_table();
    if (!t) {
      TomlTableReader(root, file, "").fail(n, "'green_factory' must be a table ([green_factory])");
    }
    TomlTableReader g(*t, file, "[green_factory]");
    bindings.green_factory_assessment = folder / g.requiredString("assessment");
    g.rejectUnknownKeys();
  }
  parseProductionBindings(root, file, site, bindings);
  if (bindings.points.empty()) {
    throw ConfigError(file +
                      ":1:1: no [[point]] entries: bind at least the purchased-energy "
                      "meters");
  }
  return bindings;
}

AccountingBindings loadAccountingBindings(const std::filesystem::path& file,
                                          const SiteConfig& site) {
  return parseAccountingBindings(readTextFile(file, "accounting bindings"), file, site);
}

}  // namespace gt::report
