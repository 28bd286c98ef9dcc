// The green-factory report from the site's files and the year's accounts.
#include "green_factory_report.h"

#include "report_error.h"

namespace gt::report {

ReportDocument buildGreenFactoryReport(const SiteConfig& site, const AccountingBindings& bindings,
                                       const PeriodAccounts& accounts, Language language,
                                       TimeMs generated) {
  if (bindings.green_factory_assessment.empty()) {
    throw ReportError(bindings.file.string() +
                      ": no assessment file: add [green_factory] assessment = "
                      "\"green-factory-<year>.toml\" (docs/reports.md, \"Green-factory "
                      "assessment\")");
  }
  const accounting::GreenFactoryScoreTable table =
      accounting::loadGreenFactoryScoreTable(bindings.factors_dir / "db64t1930-2023-annex-c.toml");
  const GreenFactoryInput input = loadGreenFactoryInput(bindings.green_factory_assessment, table);
  const GreenFactoryEvaluation evaluation = evaluateGreenFactory(table, input, accounts);
  return buildGreenFactoryDocument(site, table, input, accounts, evaluation, language, generated);
}

}  // namespace gt::report
