// Writes a report document as a printable A4 PDF through cairo and pango, in Noto Sans CJK SC
// (fonts-noto-cjk) so Chinese text shows; tables wrap long cells and continue on new pages.
#pragma once

#include <filesystem>

#include "report_document.h"

namespace gt::report {

// Throws ReportError when cairo cannot create or finish the file.
void writeReportPdf(const ReportDocument& doc, const std::filesystem::path& file);

}  // namespace gt::report
