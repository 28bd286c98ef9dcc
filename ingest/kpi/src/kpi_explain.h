// The `explain` request (docs/protocol.md): one KPI figure expanded into what it was computed
// from: per boundary meter point its consumption, first and last usable reading and coverage;
// every factor with its value, unit, source document and file:line:col; each term's formula with
// its numbers; and the period's bounds. The same PeriodAccounts greentwin-report's "how each
// figure was computed" tables are made from (docs/reports.md), so the panel and the report
// cannot disagree.
#pragma once

#include "greentwin/kpi_messages.h"
#include "kpi_computer.h"

namespace gt::kpi {

// `request.kpi`: a figure id ("energy_day", "carbon_month", "quota_forecast", ...) or just
// "energy" / "carbon". `request.period`: docs/reports.md syntax, or empty for the figure's
// current period at `now`. Throws report::ReportError for an unknown figure or a bad period
// (the message says what is accepted) and what computePeriodAccounts throws.
wire::ExplainReply explainFigure(const SiteConfig& site, const report::AccountingBindings& bindings,
                                 const report::FactorSet& factors,
                                 const report::PeriodActivityReader& reader,
                                 const wire::ExplainRequest& request, int utc_offset_minutes,
                                 TimeMs now);

}  // namespace gt::kpi
