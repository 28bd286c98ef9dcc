// Month-to-date intensities against their limit values (see intensity_check.h). The figures are
// the report's: computeIntensities over month_to_date_accounts.h's accounts.
#include "intensity_check.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "intensity_accounts.h"

namespace gt::kpi {

bool hasIntensityLimits(const report::AccountingBindings& bindings) {
  for (const report::BenchmarkConfig& b : bindings.benchmarks) {
    if (b.limit) return true;
  }
  return false;
}

std::vector<KpiCheck::Item> intensityChecks(const report::AccountingBindings& bindings,
                                            const MonthToDate& month_to_date) {
  std::vector<KpiCheck::Item> items;
  std::optional<report::Intensities> intensities;
  if (month_to_date.accounts) {
    intensities =
        report::computeIntensities(*month_to_date.accounts, month_to_date.output, bindings);
  }
  for (const report::BenchmarkConfig& b : bindings.benchmarks) {
    if (!b.limit) continue;
    KpiCheck::Item item;
    item.id = "intensity:" + b.indicator;
    item.code = AlarmCode::IntensityAboveLimit;
    item.ratio = std::numeric_limits<double>::quiet_NaN();
    const double limit = b.limit->value / b.per_report_unit;
    if (intensities) {
      for (const report::IntensityLine& l : intensities->lines) {
        if (l.indicator != b.indicator || !l.value || !(limit > 0)) continue;
        item.ratio = *l.value / limit;
        char text[256];
        std::snprintf(text, sizeof text, "%s %s %s against the limit value %s %s (%.0f %%) in %s",
                      b.indicator.c_str(), report::significantText(*l.value).c_str(),
                      l.unit.c_str(), report::significantText(limit).c_str(), l.unit.c_str(),
                      item.ratio * 100, month_to_date.span.label.c_str());
        item.text = text;
      }
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<KpiCheck::Item> intensityChecks(const SiteConfig& site,
                                            const report::AccountingBindings& bindings,
                                            const report::FactorSet& factors,
                                            const report::PeriodActivityReader& reader,
                                            const std::filesystem::path& database, TimeMs now,
                                            int utc_offset_minutes) {
  if (!hasIntensityLimits(bindings)) return {};
  MonthToDateAccounts once;
  return intensityChecks(
      bindings, once.current(site, bindings, factors, reader, database, now, utc_offset_minutes));
}

}  // namespace gt::kpi
