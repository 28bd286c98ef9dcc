// The side panel's KPI block: today's, this month's and this year's comprehensive energy (tce)
// and carbon (tCO2) against their budgets, as bars an executive reads at a glance, and the
// carbon quota with its year-end forecast. Draws what greentwin-ingest published (`kpi`);
// computes nothing.
#pragma once

#include <optional>

#include "greentwin/kpi_messages.h"
#include "ui_strings.h"

namespace gt::twin {

// Inside an ImGui window. Draws nothing when `kpi` is null (a site without accounting). Ends
// with the energy-balance Sankey's toggle (`sankey`: open now); returns its new state when
// pressed.
std::optional<bool> drawKpiSection(const wire::KpiUpdate* kpi, Language language, bool sankey);

}  // namespace gt::twin
