// Month-to-date intensities against their limit values (see intensity_check.h). The figures are
// the report's: computePeriodAccounts, selectPeriodOutput and computeIntensities.
#include "intensity_check.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "intensity_accounts.h"
#include "production_output.h"
#include "report_error.h"
#include "report_period.h"

namespace gt::kpi {

std::vector<KpiCheck::Item> intensityChecks(const SiteConfig& site,
                                            const report::AccountingBindings& bindings,
                                            const report::FactorSet& factors,
                                            const report::PeriodActivityReader& reader,
                                            const std::filesystem::path& database, TimeMs now,
                                            int utc_offset_minutes) {
  std::vector<KpiCheck::Item> items;
  bool any_limit = false;
  for (const report::BenchmarkConfig& b : bindings.benchmarks) any_limit = any_limit || b.limit;
  if (!any_limit) return items;

  const std::string date = report::formatLocalSecond(now, utc_offset_minutes).substr(0, 10);
  const auto day = report::parseReportPeriod(date, utc_offset_minutes);
  const auto month = report::parseReportPeriod(date.substr(0, 7), utc_offset_minutes);
  if (!day || !month) throw report::ReportError("KPI period of " + date);
  const report::PeriodOutput entered =
      report::readPeriodOutput(database, bindings, month->start, day->end);
  TimeMs span_end = month->start;
  for (const report::OutputEntry& e : entered.entries) span_end = std::max(span_end, e.end);

  std::optional<report::Intensities> intensities;
  report::ReportPeriod span = *month;
  if (span_end > month->start) {
    span.kind = report::PeriodKind::Custom;
    span.end = span_end;
    span.label = date.substr(0, 7) + "-01.." +
                 report::formatLocalMinute(span_end, utc_offset_minutes).substr(0, 10);
    const report::PeriodAccounts acc =
        report::computePeriodAccounts(site, bindings, factors, reader, span);
    intensities = report::computeIntensities(
        acc, report::selectPeriodOutput(entered.entries, bindings, span.start, span.end), bindings);
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
                      item.ratio * 100, span.label.c_str());
        item.text = text;
      }
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace gt::kpi
