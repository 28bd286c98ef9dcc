// Assembling the intensity part of a report: the current period, its two comparison periods and
// the benchmark judgements (see intensity_report.h).
#include "intensity_report.h"

#include "accounting/accounting_error.h"
#include "comparison_period.h"
#include "report_error.h"

namespace gt::report {
namespace {

ComparedPeriod compared(const SiteConfig& site, const AccountingBindings& bindings,
                        const FactorSet& factors, const PeriodActivityReader& reader,
                        const std::filesystem::path& database, const ReportPeriod& period) {
  ComparedPeriod c;
  c.period = period;
  try {
    const PeriodAccounts acc = computePeriodAccounts(site, bindings, factors, reader, period);
    c.figures = periodFigures(acc, readPeriodOutput(database, bindings, period.start, period.end),
                              bindings);
  } catch (const accounting::AccountingError& e) {
    c.unavailable = e.what();
  }
  return c;
}

}  // namespace

std::optional<double> PeriodFigures::figure(const std::string& indicator) const {
  if (indicator == "total_tce") return has_data ? std::optional<double>(total_tce) : std::nullopt;
  if (indicator == "total_tco2") return has_data ? std::optional<double>(total_tco2) : std::nullopt;
  for (const IntensityLine& l : intensities.lines) {
    if (l.indicator == indicator) return l.value;
  }
  return std::nullopt;
}

PeriodFigures periodFigures(const PeriodAccounts& accounts, PeriodOutput output,
                            const AccountingBindings& bindings) {
  PeriodFigures f;
  f.period = accounts.period;
  f.has_data = accounts.has_data;
  f.total_tce = accounts.total_tce;
  f.total_tco2 = accounts.carbon.total_tco2;
  f.intensities = computeIntensities(accounts, output, bindings);
  f.output = std::move(output);
  return f;
}

IntensityReport buildIntensityReport(const SiteConfig& site, const AccountingBindings& bindings,
                                     const FactorSet& factors, const PeriodActivityReader& reader,
                                     const std::filesystem::path& database,
                                     const PeriodAccounts& current) {
  IntensityReport r;
  r.current = periodFigures(
      current, readPeriodOutput(database, bindings, current.period.start, current.period.end),
      bindings);
  r.previous = compared(site, bindings, factors, reader, database, previousPeriod(current.period));
  r.last_year =
      compared(site, bindings, factors, reader, database, samePeriodLastYear(current.period));
  for (const BenchmarkConfig& b : bindings.benchmarks) {
    BenchmarkResult result;
    result.benchmark = &b;
    result.value = r.current.figure(b.indicator);
    if (result.value) result.judgement = judgeBenchmark(*result.value, b);
    r.benchmarks.push_back(std::move(result));
  }
  return r;
}

}  // namespace gt::report
