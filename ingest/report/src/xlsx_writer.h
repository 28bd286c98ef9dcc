// Writes a report document as an XLSX workbook (libxlsxwriter): one sheet named after the
// report kind, numbers as numbers so an energy manager can total and chart them.
#pragma once

#include <filesystem>

#include "report_document.h"

namespace gt::report {

// Throws ReportError when the workbook cannot be written.
void writeReportXlsx(const ReportDocument& doc, const std::filesystem::path& file);

}  // namespace gt::report
