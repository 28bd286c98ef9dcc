// The intensity tables of the energy and carbon reports: output entered, intensities with their
// formulas, month-on-month and year-on-year comparison, benchmark levels reached. Pure.
#pragma once

#include "intensity_report.h"
#include "report_document.h"

namespace gt::report {

// Appends the tables for `kind` (energy: tce figures; carbon: tCO2 figures) to `doc`, before its
// data-coverage table, and the notes they need.
void addIntensityTables(ReportDocument& doc, ReportKind kind, const AccountingBindings& bindings,
                        const IntensityReport& report, Language language);

// "+2.50 %", or why the change is undefined ("base is 0", "no data in the base period").
std::string changeText(std::optional<double> current, std::optional<double> base,
                       bool base_available, Language language);

}  // namespace gt::report
