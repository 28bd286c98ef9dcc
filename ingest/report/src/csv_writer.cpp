// CSV text of a report document.
#include "csv_writer.h"

#include <fstream>

#include "report_error.h"

namespace gt::report {
namespace {

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

template <typename Range, typename Text>
std::string line(const Range& cells, Text text_of) {
  std::string s;
  bool first = true;
  for (const auto& c : cells) {
    if (!first) s += ',';
    first = false;
    s += field(text_of(c));
  }
  return s + "\r\n";
}

}  // namespace

std::string reportCsv(const ReportDocument& doc) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: without it Excel reads the file as ANSI
  out += field(doc.title) + "\r\n";
  for (const auto& [label, value] : doc.facts) out += field(label) + "," + field(value) + "\r\n";
  for (const ReportTable& t : doc.tables) {
    out += "\r\n" + field(t.title) + "\r\n";
    out += line(t.columns, [](const std::string& s) { return s; });
    for (const auto& row : t.rows) out += line(row, [](const ReportCell& c) { return c.text; });
  }
  if (!doc.notes.empty()) {
    out += "\r\n";
    for (const std::string& n : doc.notes) out += field(n) + "\r\n";
  }
  return out;
}

void writeReportCsv(const ReportDocument& doc, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary);
  const std::string text = reportCsv(doc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw ReportError(file.string() + ": cannot write the CSV report");
}

}  // namespace gt::report
