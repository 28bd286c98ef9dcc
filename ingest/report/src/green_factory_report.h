// greentwin-report --kind green-factory: loads the DB 64/T 1930-2023 score table (from the
// bindings' factors folder) and the assessor's file ([green_factory] assessment), evaluates them
// with the year's measured accounts and returns the Annex A report document.
#pragma once

#include "accounting_bindings.h"
#include "green_factory_document.h"

namespace gt::report {

// Throws ReportError when accounting.toml names no assessment file or the period is not the
// assessed year, gt::ConfigError for a mistake in either file (file:line:col).
ReportDocument buildGreenFactoryReport(const SiteConfig& site, const AccountingBindings& bindings,
                                       const PeriodAccounts& accounts, Language language,
                                       TimeMs generated);

}  // namespace gt::report
