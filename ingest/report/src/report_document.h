// A report as a document: title, header facts, tables, notes, in one language. The writers
// (CSV, XLSX, PDF) lay out the same document, so the three files always say the same thing.
// Pure: the generation time is a parameter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "greentwin/clock.h"
#include "period_accounts.h"

namespace gt::report {

enum class ReportKind { Energy, Carbon };
enum class Language { Chinese, English };

struct ReportCell {
  std::string text;              // as printed: "1 517.24" is written "1517.24"
  std::optional<double> number;  // the value behind it, for spreadsheets
};

struct ReportTable {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<ReportCell>> rows;
  std::vector<bool> wide;  // per column: long text (sources, formulas) that may wrap
  int total_rows = 0;      // the last n rows are totals (printed bold)
};

struct ReportDocument {
  std::string title;
  std::string sheet;  // short ASCII name for a spreadsheet tab: "energy", "carbon"
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  std::vector<ReportTable> tables;
  std::vector<std::string> notes;
};

// The document of `kind` for `accounts`, in `language`. `generated` is when it is made.
ReportDocument buildReportDocument(ReportKind kind, const SiteConfig& site,
                                   const PeriodAccounts& accounts, Language language,
                                   TimeMs generated);

// "%.*f" with `decimals`, "-0.00" written "0.00".
std::string fixedText(double value, int decimals);

}  // namespace gt::report
