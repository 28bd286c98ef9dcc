// greentwin-report --kind green-factory: loads the DB 64/T 1930-2023 score table (from the
// bindings' factors folder) and the assessor's file ([green_factory] assessment), evaluates them
// with the year's measured accounts and returns the Annex A report document.
#pragma once

#include "accounting_bindings.h"
#include "green_factory_document.h"

namespace gt::report {

// The output value Q of Annex B (B.4-B.11) is the assessment file's [output_value] when it
// gives one, else the year's output value entered in `database`'s production_output
// (greentwin-report enter-output or CSV); the report says which. Missing evidence files add a
// "file:line:col: ..." line to `warnings`.
// Throws ReportError when accounting.toml names no assessment file, the period is not the
// assessed year, or neither source gives an output value; gt::ConfigError for a mistake in
// either file (file:line:col).
ReportDocument buildGreenFactoryReport(const SiteConfig& site, const AccountingBindings& bindings,
                                       const PeriodAccounts& accounts,
                                       const std::filesystem::path& database, Language language,
                                       TimeMs generated, std::vector<std::string>* warnings);

}  // namespace gt::report
