// greentwin-report: the energy or carbon report of one period, from the reading store, as CSV,
// XLSX and PDF. Exit 0 on success (also for a period without data: the report says so), 2 for
// anything the user must fix: arguments, the site or bindings files, the database, factors.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <sstream>

#include "accounting/accounting_error.h"
#include "csv_writer.h"
#include "energy_balance.h"
#include "green_factory_report.h"
#include "greentwin/time_zone.h"
#include "intensity_document.h"
#include "output_entry_command.h"
#include "pdf_writer.h"
#include "product_footprint_document.h"
#include "report_error.h"
#include "xlsx_writer.h"

using namespace gt;
using namespace gt::report;

namespace {

int run(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "enter-output") return runEnterOutput(argc, argv);
  CLI::App app{
      "GreenTwin period report: comprehensive energy (GB/T 2589-2020) or CO2 "
      "(GB/T 32150-2015), from the reading store"};
  std::string site_file, db_file, period_text, kind_text = "energy", formats = "csv,xlsx,pdf";
  std::string out_dir = ".", lang = "zh";
  app.add_option("--site", site_file, "site.toml")->required();
  app.add_option("--db", db_file, "reading database (default: [ingest] database of the site)");
  app.add_option("--period", period_text,
                 "2026-10-05T14 (hour), 2026-10-05 (day), 2026-W41 (ISO week), 2026-10 (month), "
                 "2026-Q4 (quarter), 2026 (year) or 2026-10-01..2026-10-15, in the site's zone")
      ->required();
  app.add_option("--kind", kind_text, "energy | carbon | green-factory (DB 64/T 1930-2023)")
      ->check(CLI::IsMember({"energy", "carbon", "green-factory"}));
  app.add_option("--format", formats, "comma-separated: csv, xlsx, pdf");
  app.add_option("--out", out_dir, "folder to write the files into");
  app.add_option("--lang", lang, "zh | en")->check(CLI::IsMember({"zh", "en"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  const SiteConfig site = loadSiteConfig(site_file);
  if (site.accounting.empty()) {
    throw ReportError(site_file +
                      ": [site] has no 'accounting' file: add accounting = "
                      "\"accounting.toml\" (docs/reports.md)");
  }
  const auto offset = fixedUtcOffsetMinutes(site.timezone);
  if (!offset) {
    throw ReportError(site_file + ": timezone '" + site.timezone +
                      "' is not a fixed-offset zone this program knows (" + knownFixedZones() +
                      ")");
  }
  std::string why;
  const auto period = parseReportPeriod(period_text, *offset, &why);
  if (!period) throw ReportError("--period " + why);

  std::vector<std::string> wanted;
  std::stringstream list(formats);
  for (std::string f; std::getline(list, f, ',');) {
    if (f != "csv" && f != "xlsx" && f != "pdf") {
      throw ReportError("--format: '" + f + "' is not csv, xlsx or pdf");
    }
    wanted.push_back(f);
  }

  const AccountingBindings bindings = loadAccountingBindings(site.accounting, site);
  const FactorSet factors = loadFactorSet(bindings);
  const std::filesystem::path db =
      db_file.empty() ? site.ingest.database : std::filesystem::path(db_file);
  const PeriodActivityReader reader = PeriodActivityReader::open(db);
  const PeriodAccounts accounts = computePeriodAccounts(site, bindings, factors, reader, *period);
  const ReportKind kind = kind_text == "carbon" ? ReportKind::Carbon : ReportKind::Energy;
  const Language language = lang == "en" ? Language::English : Language::Chinese;
  ReportDocument doc;
  if (kind_text == "green-factory") {
    std::vector<std::string> warnings;
    doc = buildGreenFactoryReport(site, bindings, accounts, db, language, nowUtcMs(), &warnings);
    for (const std::string& line : warnings) {
      std::fprintf(stderr, "greentwin-report: warning: %s\n", line.c_str());
    }
  } else {
    doc = buildReportDocument(kind, site, accounts, language, nowUtcMs());
    if (kind == ReportKind::Energy) {
      addEnergyBalanceTable(doc, site, computeEnergyBalance(accounts), language);
    }
    const IntensityReport intensity =
        buildIntensityReport(site, bindings, factors, reader, db, accounts);
    addIntensityTables(doc, kind, bindings, intensity, language);
    // Per product only where there are several: one product's is the site's (intensities).
    if (kind == ReportKind::Carbon && bindings.products.size() > 1) {
      addProductFootprintTable(doc, bindings,
                               computeProductFootprints(accounts, intensity.current.output,
                                                        bindings, bindings.footprint),
                               language);
    }
  }

  std::filesystem::create_directories(out_dir);
  const std::string stem = site.id + "-" + kind_text + "-" + period->label;
  for (const std::string& f : wanted) {
    const std::filesystem::path file = std::filesystem::path(out_dir) / (stem + "." + f);
    if (f == "csv") writeReportCsv(doc, file);
    if (f == "xlsx") writeReportXlsx(doc, file);
    if (f == "pdf") writeReportPdf(doc, file);
    std::printf("%s\n", file.c_str());
  }
  if (!accounts.has_data) {
    std::fprintf(stderr,
                 "greentwin-report: no usable reading of any bound meter in %s: the report "
                 "says \"no data\" and every figure is 0\n",
                 period->label.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "greentwin-report: %s\n", e.what());
  } catch (const ReportError& e) {
    std::fprintf(stderr, "greentwin-report: %s\n", e.what());
  } catch (const accounting::AccountingError& e) {
    std::fprintf(stderr, "greentwin-report: %s\n", e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    std::fprintf(stderr, "greentwin-report: %s\n", e.what());
  }
  return 2;
}
