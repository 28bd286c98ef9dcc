// The site's energy and carbon KPIs at one moment: today's (local day), this month's, this
// quarter's and this year's comprehensive energy (tce) and CO2 (tCO2) so far, each against its
// share of the annual targets (BudgetSplit), and the carbon quota with its year-end forecast
// (forecastYearEnd). The amounts are greentwin-report's: PeriodActivityReader +
// computePeriodAccounts, nothing recomputed here. Not thread-safe; one instance per thread.
//
// Cost: every call reads today's readings. The month and year before today, and the daily
// emissions the forecast needs, are read once per local day and kept: consecutive periods add up
// (docs/reports.md), so month-to-date = month-before-today + today.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounting_bindings.h"
#include "budget_split.h"
#include "greentwin/kpi_messages.h"
#include "kpi_alarms.h"
#include "period_accounts.h"
#include "period_activity_reader.h"

namespace gt::kpi {

inline constexpr TimeMs kDayMs = 86'400'000;

// The calendar quarter holding `date` ("2026-11-23") as a docs/reports.md custom period, end
// exclusive: "2026-10-01..2027-01-01".
std::string quarterLabel(std::string_view date);

class KpiComputer {
 public:
  // `site` must outlive the computer. `utc_offset_minutes`: the site's fixed zone.
  KpiComputer(const SiteConfig& site, report::AccountingBindings bindings,
              report::FactorSet factors, int utc_offset_minutes);

  // The KPIs at `now` (UTC ms); `day_accounts`, when given, receives today's accounts (the
  // energy balance is drawn from them). Throws report::ReportError (database) or
  // accounting::AccountingError (a factor the year needs is missing).
  wire::KpiUpdate compute(const report::PeriodActivityReader& reader, TimeMs now,
                          report::PeriodAccounts* day_accounts = nullptr);

  // What the budget alarms judge in `update`: the day figures' and the forecast's ratios.
  static KpiCheck alarmCheck(const wire::KpiUpdate& update);

  const report::AccountingBindings& bindings() const { return bindings_; }
  const report::FactorSet& factors() const { return factors_; }
  int utcOffsetMinutes() const { return utc_offset_minutes_; }

 private:
  struct Totals {
    double tce = 0, tco2 = 0;
  };
  struct DayCache {
    std::string date;  // the local day these were computed for
    Totals month_before, quarter_before, year_before;
    std::vector<double> daily_tco2;  // complete days with readings, newest first
  };
  Totals totals(const report::PeriodActivityReader& reader, TimeMs start, TimeMs end) const;
  void refreshCache(const report::PeriodActivityReader& reader, const std::string& date,
                    const report::ReportPeriod& day, const report::ReportPeriod& month,
                    const report::ReportPeriod& quarter, const report::ReportPeriod& year);

  const SiteConfig& site_;
  report::AccountingBindings bindings_;
  report::FactorSet factors_;
  int utc_offset_minutes_;
  std::optional<BudgetSplit> energy_split_, carbon_split_;
  std::optional<DayCache> cache_;
};

}  // namespace gt::kpi
