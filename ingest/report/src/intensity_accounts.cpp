// Intensities from the period's accounts and entered output (see intensity_accounts.h). Each line
// writes out its division with the clause it follows, so a figure can be checked by hand.
#include "intensity_accounts.h"

#include <cstdio>

#include "report_document.h"

namespace gt::report {
namespace {

constexpr const char* kPerProductClause = "seed 000 §9.7.1.4";
constexpr const char* kPerOutputClause = "seed 000 §9.7.1.3.3 note 5; DB 64/T 1930-2023 B.10/B.11";
constexpr const char* kPerValueAddedClause = "seed 000 §9.7.1.3.3 note 6";

std::string daysText(TimeMs ms) {
  return significantText(static_cast<double>(ms) / 86'400'000.0, 4);
}

// Fills value and formula, or why_not, for numerator / denominator over a period of
// `period_ms` whose denominator was entered for `covered_ms` of it.
void divide(IntensityLine& line, bool has_energy_data, std::optional<double> denominator,
            const std::string& denominator_unit, TimeMs covered_ms, TimeMs period_ms,
            const std::string& numerator_unit, const char* clause) {
  line.denominator = denominator;
  if (!has_energy_data) {
    line.why_not_zh = "报告期无能耗数据";
    line.why_not_en = "no energy data in the period";
  } else if (!denominator) {
    line.why_not_zh = "报告期未录入产量/产值";
    line.why_not_en = "no output entered for the period";
  } else if (covered_ms < period_ms) {
    line.why_not_zh = "产量/产值只录入了 " + daysText(covered_ms) + " 天（报告期 " +
                      daysText(period_ms) + " 天）";
    line.why_not_en = "output entered for " + daysText(covered_ms) + " of the period's " +
                      daysText(period_ms) + " days";
  } else if (*denominator == 0) {
    line.why_not_zh = "分母为 0，无定义";
    line.why_not_en = "undefined: the denominator is 0";
  } else {
    line.value = line.numerator / *denominator;
    line.formula = fixedText(line.numerator, 4) + " " + numerator_unit + " / " +
                   significantText(*denominator, 10) + " " + denominator_unit + " = " +
                   significantText(*line.value) + " " + line.unit + " (" + clause + ")";
  }
}

}  // namespace

std::string significantText(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

Intensities computeIntensities(const PeriodAccounts& acc, const PeriodOutput& output,
                               const AccountingBindings& bindings) {
  Intensities out;
  const TimeMs period_ms = acc.period.end - acc.period.start;
  const bool single = bindings.products.size() == 1;
  for (const ProductConfig& p : bindings.products) {
    const ProductOutput* po = output.find(p.id);
    const std::optional<double> qty = po ? po->quantity : std::nullopt;
    const TimeMs covered = po ? po->quantity_covered_ms : 0;

    IntensityLine e;
    e.indicator = "energy_per_product:" + p.id;
    e.name_zh = "单位产品综合能耗（" + p.name_zh + "）";
    e.name_en = "Energy per unit of " + p.name_en;
    e.unit = "tce/" + p.unit;
    if (single) {
      e.numerator = acc.total_tce;
      e.numerator_what = "site comprehensive energy";
    } else if (!p.area.empty()) {
      for (const AreaLine& a : acc.areas) {
        if (a.area == p.area) e.numerator += a.tce;
      }
      e.numerator_what = "area " + p.area + " (sub-metered)";
    }
    if (single || !p.area.empty()) {
      divide(e, acc.has_data, qty, p.unit, covered, period_ms, "tce", kPerProductClause);
    } else {
      out.unallocated_products = true;
      e.why_not_zh =
          "多产品且该产品未绑定分项计量区域（accounting.toml [[product]] area），"
          "仅给出万元产值/增加值能耗";
      e.why_not_en =
          "the site makes several products and this one has no sub-metered area "
          "(accounting.toml [[product]] area): only the per-10^4-yuan figures are given";
    }
    out.lines.push_back(std::move(e));

    if (single) {
      IntensityLine c;
      c.indicator = "carbon_per_product:" + p.id;
      c.name_zh = "单位产品二氧化碳排放（" + p.name_zh + "）";
      c.name_en = "CO2 per unit of " + p.name_en;
      c.unit = "tCO2/" + p.unit;
      c.numerator = acc.carbon.total_tco2;
      c.numerator_what = "site CO2 emissions";
      divide(c, acc.has_data, qty, p.unit, covered, period_ms, "tCO2", kPerProductClause);
      out.lines.push_back(std::move(c));
    }
  }

  struct PerYuan {
    const char* indicator;
    const char* zh;
    const char* en;
    bool carbon;
    bool added;
  };
  for (const PerYuan& y : {
           PerYuan{"energy_per_10k_yuan_output", "万元产值综合能耗",
                   "Energy per 10^4 yuan of output value", false, false},
           PerYuan{"energy_per_10k_yuan_value_added", "万元增加值综合能耗",
                   "Energy per 10^4 yuan of value added", false, true},
           PerYuan{"carbon_per_10k_yuan_output", "万元产值二氧化碳排放",
                   "CO2 per 10^4 yuan of output value", true, false},
           PerYuan{"carbon_per_10k_yuan_value_added", "万元增加值二氧化碳排放",
                   "CO2 per 10^4 yuan of value added", true, true},
       }) {
    IntensityLine l;
    l.indicator = y.indicator;
    l.name_zh = y.zh;
    l.name_en = y.en;
    l.unit = y.carbon ? "tCO2/10^4 yuan" : "tce/10^4 yuan";
    l.numerator = y.carbon ? acc.carbon.total_tco2 : acc.total_tce;
    l.numerator_what = y.carbon ? "site CO2 emissions" : "site comprehensive energy";
    divide(l, acc.has_data, y.added ? output.value_added : output.output_value, "10^4 yuan",
           y.added ? output.value_added_covered_ms : output.output_value_covered_ms, period_ms,
           y.carbon ? "tCO2" : "tce", y.added ? kPerValueAddedClause : kPerOutputClause);
    out.lines.push_back(std::move(l));
  }
  return out;
}

}  // namespace gt::report
