// The enter-output subcommand of greentwin-report (see output_entry_command.h).
#include "output_entry_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "accounting_bindings.h"
#include "greentwin/time_zone.h"
#include "production_output.h"
#include "report_error.h"

namespace gt::report {

int runEnterOutput(int argc, char** argv) {
  CLI::App app{
      "Enter product output and output value for a period (stored with who, when, why and "
      "source; a correction is a new entry for the same product and period)",
      "greentwin-report enter-output"};
  std::string site_file, db_file, period_text, csv_file;
  OutputEntry e;
  std::optional<double> quantity, output_value, value_added;
  app.add_option("--site", site_file, "site.toml")->required();
  app.add_option("--db", db_file, "reading database (default: [ingest] database of the site)");
  app.add_option("--period", period_text, "2026-10-05, 2026-10, 2026 or 2026-10-01..2026-10-15");
  app.add_option("--product", e.product, "[[product]] id of accounting.toml (none: site total)");
  app.add_option("--quantity", quantity, "qualified product, in the product's unit");
  app.add_option("--unit", e.unit, "the product's unit (checked against accounting.toml)");
  app.add_option("--output-value", output_value, "industrial output value, 10^4 yuan (万元)");
  app.add_option("--value-added", value_added, "industrial value added, 10^4 yuan (万元)");
  app.add_option("--by", e.entered_by, "who enters it");
  app.add_option("--why", e.reason, "why: first entry, correction of ...");
  app.add_option("--source", e.source, "the document the figures come from");
  app.add_option("--csv", csv_file,
                 "import a CSV file instead: period,product,quantity,unit,output_value,"
                 "value_added,by,why,source");
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::ParseError& err) {
    const int rc = app.exit(err);
    return rc == 0 ? 0 : 2;
  }

  const SiteConfig site = loadSiteConfig(site_file);
  if (site.accounting.empty()) {
    throw ReportError(site_file +
                      ": [site] has no 'accounting' file: products are declared in "
                      "accounting.toml ([[product]], docs/reports.md)");
  }
  const auto offset = fixedUtcOffsetMinutes(site.timezone);
  if (!offset) {
    throw ReportError(site_file + ": timezone '" + site.timezone +
                      "' is not a fixed-offset zone this program knows (" + knownFixedZones() +
                      ")");
  }
  const AccountingBindings bindings = loadAccountingBindings(site.accounting, site);
  const std::filesystem::path db =
      db_file.empty() ? site.ingest.database : std::filesystem::path(db_file);

  std::vector<OutputEntry> entries;
  if (!csv_file.empty()) {
    if (!period_text.empty() || quantity || output_value || value_added) {
      throw ReportError("--csv: give the figures in the file, not also on the command line");
    }
    entries = readOutputCsv(csv_file, bindings, *offset, nowUtcMs());
  } else {
    if (period_text.empty()) throw ReportError("--period is required (or --csv <file>)");
    std::string why;
    const auto period = parseReportPeriod(period_text, *offset, &why);
    if (!period) throw ReportError("--period " + why);
    e.period = period->label;
    e.start = period->start;
    e.end = period->end;
    e.quantity = quantity;
    e.output_value = output_value;
    e.value_added = value_added;
    if (e.unit.empty() && !e.product.empty()) {
      if (const ProductConfig* p = bindings.findProduct(e.product)) e.unit = p->unit;
    }
    e.via = "manual";
    e.entered_t = nowUtcMs();
    if (const std::string problem = checkOutputEntry(e, bindings); !problem.empty()) {
      throw ReportError(problem);
    }
    entries.push_back(std::move(e));
  }
  storeOutputEntries(db, entries);
  std::printf("stored %zu production output entr%s in %s\n", entries.size(),
              entries.size() == 1 ? "y" : "ies", db.c_str());
  return 0;
}

}  // namespace gt::report
