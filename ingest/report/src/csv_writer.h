// Writes a report document as CSV (RFC 4180 quoting), UTF-8 with a byte-order mark so Excel
// opens the Chinese text correctly. One block per table, separated by a blank line.
#pragma once

#include <filesystem>
#include <string>

#include "report_document.h"

namespace gt::report {

std::string reportCsv(const ReportDocument& doc);
// Throws ReportError when the file cannot be written.
void writeReportCsv(const ReportDocument& doc, const std::filesystem::path& file);

}  // namespace gt::report
