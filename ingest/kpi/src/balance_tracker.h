// The `balance` message of greentwin-ingest (issue 6, balance_messages.h): the report's energy
// balance (computeEnergyBalance) of today and of the month to date, with names and tce added for
// the viewer's Sankey. Today's comes from the day accounts the KPI computer has already built;
// the month before today is computed once per local day and kept, since consecutive periods add
// up (docs/reports.md): month to date = month before today + today. Not thread-safe.
#pragma once

#include <optional>
#include <string>

#include "greentwin/balance_messages.h"
#include "period_accounts.h"

namespace gt::kpi {

// The wire form of the balance of `acc`. `span`: a wire::kBalance* value; `to` the end of what
// it covers (now for a period so far). Throws report::ReportError when amounts of one carrier
// cannot be converted to one unit.
wire::BalancePeriod balancePeriod(const SiteConfig& site, const report::PeriodAccounts& acc,
                                  std::string_view span, TimeMs to);

// `before` followed by `after` (consecutive periods of the same bindings): amounts and tce add,
// the loss and its flag are recomputed. Carries the span and period of `after`, from `before`.
wire::BalancePeriod addBalancePeriods(const wire::BalancePeriod& before,
                                      const wire::BalancePeriod& after);

class BalanceTracker {
 public:
  // `site` must outlive the tracker.
  BalanceTracker(const SiteConfig& site, int utc_offset_minutes)
      : site_(site), utc_offset_minutes_(utc_offset_minutes) {}

  // Today's and the month to date's balance at `now`; `day` are the accounts of today's local
  // day (KpiComputer::compute gives them). Reads the month before today when the day changed.
  // Throws report::ReportError (database) or accounting::AccountingError (factors).
  wire::BalanceUpdate update(const report::AccountingBindings& bindings,
                             const report::FactorSet& factors,
                             const report::PeriodActivityReader& reader,
                             const report::PeriodAccounts& day, TimeMs now);

 private:
  const SiteConfig& site_;
  int utc_offset_minutes_;
  std::string cached_date_;  // local day `month_before_` was computed for
  std::optional<wire::BalancePeriod> month_before_;
};

}  // namespace gt::kpi
