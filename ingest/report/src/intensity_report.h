// Everything the reports add about intensities for a period: the entered output, the
// intensities, the same figures month-on-month (环比, the previous period of the same length)
// and year-on-year (同比, the same period a year earlier) with their change, and the benchmark
// level each intensity reaches. Reads the database; the arithmetic is intensity_accounts.h's,
// comparison_period.h's and benchmark_level.h's.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "benchmark_level.h"
#include "intensity_accounts.h"
#include "period_accounts.h"
#include "period_activity_reader.h"
#include "production_output.h"

namespace gt::report {

// The figures of one period that are compared.
struct PeriodFigures {
  ReportPeriod period;
  bool has_data = false;  // energy data
  double total_tce = 0, total_tco2 = 0;
  PeriodOutput output;
  Intensities intensities;
  std::optional<double> figure(const std::string& indicator) const;  // "total_tce", an intensity
};

struct ComparedPeriod {
  ReportPeriod period;
  std::optional<PeriodFigures> figures;  // nullopt: could not be computed, `unavailable` says why
  std::string unavailable;
};

struct BenchmarkResult {
  const BenchmarkConfig* benchmark = nullptr;  // points into the bindings
  std::optional<double> value;                 // the period's intensity, report unit
  std::optional<BenchmarkJudgement> judgement;
};

struct IntensityReport {
  PeriodFigures current;
  ComparedPeriod previous, last_year;  // 环比, 同比
  std::vector<BenchmarkResult> benchmarks;
};

PeriodFigures periodFigures(const PeriodAccounts& accounts, PeriodOutput output,
                            const AccountingBindings& bindings);

// Builds the report for `current` (already computed by the caller). The comparison periods are
// computed the same way; one whose factors are missing (an older year's grid factor) is marked
// unavailable rather than stopping the report. Throws ReportError on database errors.
IntensityReport buildIntensityReport(const SiteConfig& site, const AccountingBindings& bindings,
                                     const FactorSet& factors, const PeriodActivityReader& reader,
                                     const std::filesystem::path& database,
                                     const PeriodAccounts& current);

}  // namespace gt::report
