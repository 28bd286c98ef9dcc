// The month-to-date accounts and when to rebuild them (see month_to_date_accounts.h). The
// figures are the report's: computePeriodAccounts and selectPeriodOutput.
#include "month_to_date_accounts.h"

#include <algorithm>

#include "report_error.h"
#include "report_period.h"

namespace gt::kpi {

const MonthToDate& MonthToDateAccounts::current(const SiteConfig& site,
                                                const report::AccountingBindings& bindings,
                                                const report::FactorSet& factors,
                                                const report::PeriodActivityReader& reader,
                                                const std::filesystem::path& database, TimeMs now,
                                                int utc_offset_minutes) {
  const std::string date = report::formatLocalSecond(now, utc_offset_minutes).substr(0, 10);
  const bool same_reader = reader_ == &reader;
  // Taken before anything is read: a commit landing during the rebuild then shows up as a new
  // version next tick, which costs a needless check, never a stale figure.
  const int64_t version = reader.dataVersion();
  if (key_ && same_reader && key_->date == date && version == data_version_) return value_;

  const report::OutputMark output = reader.outputMark();
  if (key_ && same_reader && key_->date == date && key_->output == output && key_->readings) {
    const auto readings = reader.readingMark(value_.span.start, value_.span.end);
    if (readings == key_->readings) {
      data_version_ = version;
      return value_;
    }
  }
  key_.reset();  // a throw below leaves nothing half-built to be trusted
  rebuild(site, bindings, factors, reader, database, utc_offset_minutes, date, output);
  reader_ = &reader;
  data_version_ = version;
  return value_;
}

void MonthToDateAccounts::rebuild(const SiteConfig& site,
                                  const report::AccountingBindings& bindings,
                                  const report::FactorSet& factors,
                                  const report::PeriodActivityReader& reader,
                                  const std::filesystem::path& database, int utc_offset_minutes,
                                  const std::string& date, const report::OutputMark& output) {
  const auto day = report::parseReportPeriod(date, utc_offset_minutes);
  const auto month = report::parseReportPeriod(date.substr(0, 7), utc_offset_minutes);
  if (!day || !month) throw report::ReportError("KPI period of " + date);
  MonthToDate m;
  m.date = date;
  m.month = *month;
  const report::PeriodOutput entered =
      report::readPeriodOutput(database, bindings, month->start, day->end);
  TimeMs span_end = month->start;
  for (const report::OutputEntry& e : entered.entries) span_end = std::max(span_end, e.end);
  m.span = *month;
  m.span.kind = report::PeriodKind::Custom;
  m.span.end = span_end;
  m.span.label = date.substr(0, 7) + "-01.." +
                 report::formatLocalMinute(span_end, utc_offset_minutes).substr(0, 10);
  // The readings' mark before the readings: see current().
  const auto readings = reader.readingMark(m.span.start, m.span.end);
  if (span_end > month->start) {
    m.accounts = report::computePeriodAccounts(site, bindings, factors, reader, m.span);
    m.output = report::selectPeriodOutput(entered.entries, bindings, m.span.start, m.span.end);
  }
  ++rebuilds_;
  value_ = std::move(m);
  key_ = Key{date, output, readings};
}

}  // namespace gt::kpi
