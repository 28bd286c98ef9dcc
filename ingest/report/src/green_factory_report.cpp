// The green-factory report from the site's files and the year's accounts.
#include "green_factory_report.h"

#include "number_text.h"
#include "production_output.h"
#include "report_error.h"

namespace gt::report {

namespace {

// Q from production_output: the site's output value entered for the assessed year.
EnteredQuantity storedOutputValue(const GreenFactoryInput& input,
                                  const AccountingBindings& bindings,
                                  const PeriodAccounts& accounts,
                                  const std::filesystem::path& database) {
  const PeriodOutput out =
      readPeriodOutput(database, bindings, accounts.period.start, accounts.period.end);
  if (!out.output_value) {
    throw ReportError(input.file.string() + ": no [output_value], and " + database.string() +
                      " holds no output value for " + accounts.period.label +
                      ": enter it (greentwin-report enter-output --period " +
                      accounts.period.label +
                      " --output-value <10^4 yuan> ...) or add [output_value] (docs/reports.md)");
  }
  const double days = static_cast<double>(accounts.period.end - accounts.period.start) / 86'400'000;
  const double covered = static_cast<double>(out.output_value_covered_ms) / 86'400'000;
  EnteredQuantity q;
  q.value = *out.output_value;
  q.unit = "10^4 yuan";
  q.source = "production_output (greentwin-report enter-output), " +
             std::to_string(out.entries.size()) + " entries covering " +
             accounting::numberText(covered) + " of " + accounting::numberText(days) + " days";
  q.defined_at = database.filename().string();
  return q;
}

}  // namespace

ReportDocument buildGreenFactoryReport(const SiteConfig& site, const AccountingBindings& bindings,
                                       const PeriodAccounts& accounts,
                                       const std::filesystem::path& database, Language language,
                                       TimeMs generated, std::vector<std::string>* warnings) {
  if (bindings.green_factory_assessment.empty()) {
    throw ReportError(bindings.file.string() +
                      ": no assessment file: add [green_factory] assessment = "
                      "\"green-factory-<year>.toml\" (docs/reports.md, \"Green-factory "
                      "assessment\")");
  }
  const accounting::GreenFactoryScoreTable table =
      accounting::loadGreenFactoryScoreTable(bindings.factors_dir / "db64t1930-2023-annex-c.toml");
  GreenFactoryInput input = loadGreenFactoryInput(bindings.green_factory_assessment, table);
  if (input.output_value_entered) {
    input.output_value.source = "assessment file [output_value]: " + input.output_value.source;
  } else {
    input.output_value = storedOutputValue(input, bindings, accounts, database);
  }
  if (warnings) warnings->insert(warnings->end(), input.warnings.begin(), input.warnings.end());
  const GreenFactoryEvaluation evaluation = evaluateGreenFactory(table, input, accounts);
  return buildGreenFactoryDocument(site, table, input, accounts, evaluation, language, generated);
}

}  // namespace gt::report
