// The XLSX and PDF writers on a real month's accounts: the workbook is a valid zip holding the
// report's sheet, and the PDF's first page renders (pdftoppm) to an image that is not blank.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "pdf_writer.h"
#include "period_accounts.h"
#include "report_test_support.h"
#include "xlsx_writer.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

ReportDocument octoberCarbonReport(const std::filesystem::path& folder) {
  const SiteConfig site = demoSite();
  const AccountingBindings bindings = parseAccountingBindings(
      bindingsHeader("factor_year = 2023") + kGridImportPoint, "accounting.toml", site);
  const std::filesystem::path db = folder / "greentwin.db";
  const TimeMs oct1 = 1790784000000;  // 2026-10-01 00:00 UTC+8
  writeReadingDb(db, {{"M-01.ep_imp", "kWh"}},
                 {{"M-01.ep_imp", oct1, 0.0}, {"M-01.ep_imp", oct1 + 86'400'000, 1000.0}});
  const auto period = parseReportPeriod("2026-10", 480);
  const PeriodAccounts acc = computePeriodAccounts(site, bindings, loadFactorSet(bindings),
                                                   PeriodActivityReader::open(db), *period);
  return buildReportDocument(ReportKind::Carbon, site, acc, Language::Chinese, oct1);
}

int shell(const std::string& command) {
  return std::system(command.c_str());
}

}  // namespace

TEST_CASE("the XLSX report is a workbook with the report's sheet", "[report]") {
  const TempFolder folder("greentwin-report-xlsx");
  const std::filesystem::path file = folder.path() / "carbon.xlsx";
  writeReportXlsx(octoberCarbonReport(folder.path()), file);
  const std::filesystem::path listing = folder.path() / "sheets.txt";
  REQUIRE(shell("/usr/bin/python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
                "print(z.testzip()); print(z.read('xl/workbook.xml').decode())\" " +
                file.string() + " > " + listing.string()) == 0);
  std::ifstream in(listing);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  CHECK(text.rfind("None\n", 0) == 0);  // testzip: no corrupt member
  CHECK(text.find("<sheet name=\"carbon\"") != std::string::npos);
}

TEST_CASE("the PDF report's first page renders and is not blank", "[report]") {
  const TempFolder folder("greentwin-report-pdf");
  const std::filesystem::path file = folder.path() / "carbon.pdf";
  writeReportPdf(octoberCarbonReport(folder.path()), file);
  REQUIRE(std::filesystem::file_size(file) > 1000);
  const std::filesystem::path png = folder.path() / "page";
  REQUIRE(shell("pdftoppm -png -r 60 -f 1 -l 1 -singlefile " + file.string() + " " +
                png.string()) == 0);
  // Count dark pixels with Pillow (python3-pil is in tools/setup): text and table lines.
  const std::filesystem::path count = folder.path() / "dark.txt";
  REQUIRE(shell("/usr/bin/python3 -c \"from PIL import Image; import sys; "
                "im=Image.open(sys.argv[1]).convert('L'); print(im.size[0], im.size[1], "
                "sum(1 for p in im.getdata() if p < 128))\" " +
                png.string() + ".png > " + count.string()) == 0);
  std::ifstream in(count);
  int width = 0, height = 0, dark = 0;
  in >> width >> height >> dark;
  CHECK(width == 497);   // A4 at 60 dpi: 8.27 in x 60, rounded up
  CHECK(height == 702);  // 11.69 in x 60
  CHECK(dark > 2000);    // a blank page has none
}
