// The side panel's KPI block: today's, this month's and this year's comprehensive energy (tce)
// and carbon (tCO2) against their budgets, as bars an executive reads at a glance, and the
// carbon quota with its year-end forecast. Draws what greentwin-ingest published (`kpi`);
// computes nothing.
#pragma once

#include "greentwin/kpi_messages.h"
#include "ui_strings.h"

namespace gt::twin {

// Inside an ImGui window. Draws nothing when `kpi` is null (a site without accounting).
void drawKpiSection(const wire::KpiUpdate* kpi, Language language);

}  // namespace gt::twin
