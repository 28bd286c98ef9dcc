// The site's accounting bindings (assets/demo/accounting.toml, named by [site] accounting): for
// each cumulative meter point, the energy carrier it measures, its role at the site boundary
// (bought, sold, generated on site, or a sub-meter inside), the area it belongs to and the
// factor keys of assets/factors/ it is accounted with; plus the site's electricity value basis
// and grid-factor calibre and year. Data, not code: docs/reports.md lists every key.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounting/factor_tables.h"
#include "greentwin/site_config.h"

namespace gt::report {

// What a metered quantity is at the site boundary (GB/T 2589-2020 counts what crosses it;
// GB/T 32150-2015 counts purchased and exported energy separately).
enum class PointRole {
  Purchased,      // bought from outside: grid electricity, pipeline gas, town water
  Exported,       // sold or sent out: electricity fed back to the grid
  OwnGeneration,  // made on site from renewables (rooftop PV): clean energy, reported apart
  SubMeter,       // inside the site: an area's or a machine's share of energy already counted
};
std::string_view pointRoleName(PointRole role);  // "purchased", "exported", ...

struct PointBinding {
  std::string point;    // "<meter>.<point>" as stored: "M-01.ep_imp"
  std::string carrier;  // "electricity", "natural_gas", "diesel", "steam", "heat", "water"
  PointRole role = PointRole::SubMeter;
  // Area::id the energy is used in (the per-area table). A sub-meter defaults to its meter's
  // equipment's area; a boundary meter has one only when given (a gas meter feeding one boiler).
  std::string area;
  std::string coefficient;  // gbt2589-2020.toml coefficient key; default from the carrier
  std::string fuel;         // emission-factors.toml [[fuel]] key; combustion fuels only
  std::string unit;         // the stored (canonical) unit of the point: "kWh", "m3", "kg"
  // Heat content of purchased steam, GJ per `unit` (from the supplier's bill or steam tables):
  // GB/T 32150 accounts purchased heat in GJ. nullopt for other carriers.
  std::optional<double> gj_per_unit;
  std::string defined_at;  // file:line:col of the entry
};

// The site's annual energy and carbon targets and carbon quota ([budget], docs/reports.md), split
// to quarters, months and days by ingest/kpi's BudgetSplit. Amounts are per calendar year.
struct BudgetConfig {
  double energy_tce = 0;   // annual comprehensive energy target, tce (> 0)
  double carbon_tco2 = 0;  // annual CO2 target, tCO2 (> 0)
  // Relative weights of January..December (any positive scale: 12 numbers). Without them the
  // year is split flat by days, so February gets 28/365 (29/366) of it.
  std::optional<std::array<double, 12>> monthly_profile;
  std::optional<double> quota_tco2;  // carbon emission allowance allocated for the year, tCO2
  double warn_ratio = 0.9;           // a figure at this share of its budget is "warn"
  std::string defined_at;            // file:line:col of [budget]
};

// How greentwin-ingest computes and publishes the KPIs ([kpi]).
struct KpiSettings {
  int interval_s = 10;     // how often the KPIs are recomputed and published
  int forecast_days = 14;  // complete days whose mean rate the quota forecast extrapolates
};

// A product the site makes ([[product]]): its output is entered per period (production_output
// table, greentwin-report enter-output) and its energy intensity is tce per `unit`.
struct ProductConfig {
  std::string id;  // "profile": the key entries and benchmarks use
  std::string name_zh, name_en;
  std::string unit;  // of the quantity of qualified product: "t", "pcs", "m2"
  // Area::id whose sub-metered energy is the product's, when the site makes several products;
  // empty: only site totals can be divided by it (and only when it is the site's one product).
  std::string area;
  std::string defined_at;
};

// One benchmark level of an intensity, in the unit of its [[benchmark]] entry.
struct BenchmarkLevel {
  double value = 0;
  std::string source;  // the level's own `<level>_source`, else the entry's `source`
};

// Configured values an intensity is judged against ([[benchmark]]). Energy and carbon intensities
// are better when lower: the national standards' limit (限定值), access (准入值) and advanced
// (先进值) values are all stated as "不高于" (not higher than), so advanced <= access <= limit.
struct BenchmarkConfig {
  std::string indicator;  // "energy_per_product:<id>", "energy_per_10k_yuan_output", ...
  std::string unit;       // as written: "kgce/t", "tce/10^4 yuan"
  // A level divided by this is in the report's unit (kgce/t -> tce/t: 1000). A division by an
  // integer keeps 800 kgce/t exactly equal to 0.8 tce/t, so "exactly on the level" stays exact.
  double per_report_unit = 1;
  std::optional<BenchmarkLevel> limit, access, advanced, industry_average, top20;
  std::string defined_at;
};

// How a multi-product site's CO2 becomes each product's (product_footprint.h): [accounting]
// shared_allocation = "output_value" (default) | "output_mass" splits what no product's own area
// explains; carbon_price_yuan_per_tco2 gives each product's carbon cost.
enum class SharedAllocation { OutputValue, OutputMass };
struct ProductFootprintSettings {
  SharedAllocation shared = SharedAllocation::OutputValue;
  std::optional<double> carbon_price_yuan_per_tco2;  // nullopt: no carbon cost
};

struct AccountingBindings {
  std::filesystem::path file;
  accounting::ConversionBasis electricity_basis = accounting::ConversionBasis::EquivalentValue;
  std::string grid_calibre = "national_average";
  // The year whose grid factor (and equal values) a report uses; nullopt: the period's year.
  // A site sets it while the period's own factor is not yet published, and the report says so.
  std::optional<int> factor_year;
  std::filesystem::path factors_dir;       // holds gbt2589-2020.toml, emission-factors.toml
  std::filesystem::path factor_overrides;  // the site's override file; empty when none
  std::vector<PointBinding> points;
  std::optional<BudgetConfig> budget;  // absent: KPIs are published without budgets
  KpiSettings kpi;
  std::vector<ProductConfig> products;      // [[product]]
  std::vector<BenchmarkConfig> benchmarks;  // [[benchmark]]
  ProductFootprintSettings footprint;

  const ProductConfig* findProduct(std::string_view id) const;
  // [green_factory] assessment: the assessor's entries for the DB 64/T 1930-2023 report
  // (green_factory_input.h); empty when the site has none.
  std::filesystem::path green_factory_assessment;
};

// Loads `file` and checks it against `site`: every point must exist there and be cumulative,
// carriers and roles must be known words, areas must exist, a purchased fuel must name its
// emission factor. Throws gt::ConfigError naming file:line:col.
AccountingBindings loadAccountingBindings(const std::filesystem::path& file,
                                          const SiteConfig& site);
AccountingBindings parseAccountingBindings(std::string_view text, const std::filesystem::path& name,
                                           const SiteConfig& site);

}  // namespace gt::report
