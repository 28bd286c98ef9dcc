// The month-to-date accounts greentwin-ingest's KPI thread judges intensities with
// (intensity_check.h), kept between ticks. Month to date means from the local month's first
// midnight to the end of the last entered output period inside the month and not after today
// (daily entries; a whole-month entry only counts once the month is over): energy and output
// then cover the same span.
//
// Rebuilding them reads every bound point's readings of the month, which at a 10 s KPI interval
// would read the month again and again for nothing. They are rebuilt only when what they were
// computed from changed: the local date, the entered output (production_output), or the
// readings of the span as the day aggregates see them (late readings included), or a point or
// a meter replacement added. A tick in which nothing was committed reads no table at all
// (PRAGMA data_version); one in which only readings after the span arrived reads a few index
// entries. Not thread-safe: one per thread, like the reader it is given.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "period_accounts.h"
#include "production_output.h"

namespace gt::kpi {

struct MonthToDate {
  std::string date;            // the local date they are for: "2026-11-23"
  report::ReportPeriod month;  // the whole local month
  report::ReportPeriod span;   // month start .. end of the entered output (Custom kind)
  // Computed only when output is entered in the month (span longer than nothing).
  std::optional<report::PeriodAccounts> accounts;
  report::PeriodOutput output;  // the entered output of the span (selectPeriodOutput)
};

class MonthToDateAccounts {
 public:
  // The accounts as of `now` (UTC ms), rebuilt only when their inputs changed (see above).
  // `database` is the file `reader` reads. The reference stays valid until the next call.
  // Throws report::ReportError (database) or accounting::AccountingError (missing factors);
  // after a throw the next call rebuilds.
  const MonthToDate& current(const SiteConfig& site, const report::AccountingBindings& bindings,
                             const report::FactorSet& factors,
                             const report::PeriodActivityReader& reader,
                             const std::filesystem::path& database, TimeMs now,
                             int utc_offset_minutes);

  // How many times current() rebuilt the accounts (for tests and the benchmark).
  int64_t rebuilds() const { return rebuilds_; }

 private:
  struct Key {
    std::string date;
    report::OutputMark output;
    std::optional<report::ReadingMark> readings;  // nullopt: the file cannot give one
  };
  void rebuild(const SiteConfig& site, const report::AccountingBindings& bindings,
               const report::FactorSet& factors, const report::PeriodActivityReader& reader,
               const std::filesystem::path& database, int utc_offset_minutes,
               const std::string& date, const report::OutputMark& output);

  std::optional<Key> key_;
  const report::PeriodActivityReader* reader_ = nullptr;  // data_version is per connection
  int64_t data_version_ = -1;
  MonthToDate value_;
  int64_t rebuilds_ = 0;
};

}  // namespace gt::kpi
