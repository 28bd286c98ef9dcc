// Product carbon footprint of a two-product site (product_footprint.h) from a real SQLite store:
// two products on two lines (areas) plus a shared utility area allocated by output value, each
// product's CO2 per unit and its carbon cost, worked by hand.
//
// October 2026, Asia/Shanghai. Grid incomer M-01.ep_imp: 100 000 kWh bought. Sub-meters:
// machining (M-02, spindles) 50 000 kWh, assembly (M-08, beds) 20 000 kWh, utilities (M-11,
// compressed air for both) 30 000 kWh; the sub-meters explain all of it.
//   Site CO2 (GB/T 32150-2015, purchased electricity): 100 MWh x 0.5306 tCO2/MWh (national
//   average grid factor 2023, factor_year) = 53.06 tCO2.
//   By metered use: machining 50 % = 26.53, assembly 20 % = 10.612, utilities (shared) 15.918.
//   Output value: spindles 600, beds 200 (10^4 yuan): shares 0.75 and 0.25.
//   Spindles: 26.53 + 0.75 x 15.918 = 38.4685 tCO2; / 500 pcs = 0.076937 tCO2/pcs;
//             at 80 yuan/tCO2: 3 077.48 yuan, 6.15496 yuan/pcs.
//   Beds:     10.612 + 0.25 x 15.918 = 14.5915 tCO2; / 100 pcs = 0.145915 tCO2/pcs;
//             1 167.32 yuan, 11.6732 yuan/pcs.
//   Together 38.4685 + 14.5915 = 53.06: the site total, nothing lost or counted twice.
#include <catch2/catch.hpp>

#include "product_footprint.h"
#include "report_test_support.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

const std::string kBindings = kGridImportPoint + kMachiningSubmeterPoint +
                              electricityPoint("M-08.ep_imp", "submeter") +
                              electricityPoint("M-11.ep_imp", "submeter") + R"(
[[product]]
id = "spindle"
name_zh = "主轴"
name_en = "spindle"
unit = "pcs"
area = "machining"

[[product]]
id = "bed"
name_zh = "床身"
name_en = "machine bed"
unit = "pcs"
area = "assembly"
)";

OutputEntry entered(const std::string& product, double pcs, double value, TimeMs start,
                    TimeMs end) {
  return {0,     "2026-10", start,    end,       product,  pcs,      "pcs",
          value, {},        "Li Wei", "monthly", "ledger", "manual", 0};
}

}  // namespace

TEST_CASE("two products on two lines share the utilities by output value", "[report]") {
  const TempFolder folder("greentwin-product-footprint");
  const auto db = folder.path() / "greentwin.db";
  const TimeMs oct1 = local(2026, 10, 1), oct31 = local(2026, 10, 31);
  writeReadingDb(db,
                 {{"M-01.ep_imp", "kWh"},
                  {"M-02.ep_imp", "kWh"},
                  {"M-08.ep_imp", "kWh"},
                  {"M-11.ep_imp", "kWh"}},
                 {{"M-01.ep_imp", oct1, 0.0},
                  {"M-01.ep_imp", oct31, 100000.0},
                  {"M-02.ep_imp", oct1, 0.0},
                  {"M-02.ep_imp", oct31, 50000.0},
                  {"M-08.ep_imp", oct1, 0.0},
                  {"M-08.ep_imp", oct31, 20000.0},
                  {"M-11.ep_imp", oct1, 0.0},
                  {"M-11.ep_imp", oct31, 30000.0}});
  const SiteConfig site = demoSite();
  const AccountingBindings bindings = parseAccountingBindings(
      bindingsHeader("factor_year = 2023") + kBindings, "accounting.toml", site);
  const ReportPeriod october = *parseReportPeriod("2026-10", 480);
  const PeriodAccounts acc = computePeriodAccounts(site, bindings, loadFactorSet(bindings),
                                                   PeriodActivityReader::open(db), october);
  REQUIRE(acc.carbon.total_tco2 == Approx(53.06));
  const PeriodOutput output =
      selectPeriodOutput({entered("spindle", 500, 600, october.start, october.end),
                          entered("bed", 100, 200, october.start, october.end)},
                         bindings, october.start, october.end);

  ProductFootprintSettings settings;
  settings.carbon_price_yuan_per_tco2 = 80;
  const ProductFootprints f = computeProductFootprints(acc, output, bindings, settings);
  CHECK(f.why_not.empty());
  CHECK(f.shared_tco2 == Approx(15.918));
  REQUIRE(f.products.size() == 2);
  const ProductFootprint& spindle = f.products[0];
  CHECK(spindle.direct_tco2 == Approx(26.53));
  CHECK(spindle.share == Approx(0.75));
  CHECK(spindle.tco2 == Approx(38.4685));
  CHECK(*spindle.tco2_per_unit == Approx(0.076937));
  CHECK(*spindle.carbon_cost_yuan == Approx(3077.48));
  CHECK(*spindle.carbon_cost_yuan_per_unit == Approx(6.15496));
  const ProductFootprint& bed = f.products[1];
  CHECK(bed.direct_tco2 == Approx(10.612));
  CHECK(bed.tco2 == Approx(14.5915));
  CHECK(*bed.tco2_per_unit == Approx(0.145915));
  CHECK(*bed.carbon_cost_yuan == Approx(1167.32));
  CHECK(spindle.tco2 + bed.tco2 == Approx(acc.carbon.total_tco2));

  // Without the beds' output value the shared part cannot be split: only own areas are given.
  const PeriodOutput partial =
      selectPeriodOutput({entered("spindle", 500, 600, october.start, october.end)}, bindings,
                         october.start, october.end);
  const ProductFootprints g = computeProductFootprints(acc, partial, bindings, settings);
  CHECK(g.why_not == "no output value entered for bed");
  CHECK_FALSE(g.products[0].tco2_per_unit);
}
