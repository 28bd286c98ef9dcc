// XLSX through libxlsxwriter; the workbook handle has one owner and is closed exactly once.
#include "xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "report_error.h"

namespace gt::report {
namespace {

// workbook_close() writes the file and frees the handle: the owner calls it once, on the
// success path through close() or on unwinding.
class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& file) : wb_(workbook_new(file.c_str())) {
    if (!wb_) throw ReportError(file.string() + ": cannot create the XLSX workbook");
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (wb_) workbook_close(wb_);
  }
  lxw_workbook* get() const { return wb_; }
  lxw_error close() {
    lxw_workbook* wb = std::exchange(wb_, nullptr);
    return workbook_close(wb);
  }

 private:
  lxw_workbook* wb_;
};

}  // namespace

void writeReportXlsx(const ReportDocument& doc, const std::filesystem::path& file) {
  Workbook wb(file);
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), doc.sheet.c_str());
  if (!ws) throw ReportError(file.string() + ": cannot add the worksheet");
  lxw_format* title = workbook_add_format(wb.get());
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* bold = workbook_add_format(wb.get());
  format_set_bold(bold);
  lxw_format* header = workbook_add_format(wb.get());
  format_set_bold(header);
  format_set_bg_color(header, 0xDDE6F0);
  format_set_border(header, LXW_BORDER_THIN);

  std::vector<double> widths(12, 10.0);
  auto note_width = [&](lxw_col_t col, const std::string& s) {
    if (col >= widths.size()) widths.resize(col + 1, 10.0);
    // UTF-8 CJK characters are 3 bytes and about 2 columns wide.
    widths[col] = std::clamp(static_cast<double>(s.size()) * 0.75 + 2, widths[col], 60.0);
  };

  lxw_row_t row = 0;
  worksheet_write_string(ws, row++, 0, doc.title.c_str(), title);
  for (const auto& [label, value] : doc.facts) {
    worksheet_write_string(ws, row, 0, label.c_str(), bold);
    worksheet_write_string(ws, row++, 1, value.c_str(), nullptr);
  }
  for (const ReportTable& t : doc.tables) {
    ++row;
    worksheet_write_string(ws, row++, 0, t.title.c_str(), bold);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), t.columns[c].c_str(), header);
      note_width(static_cast<lxw_col_t>(c), t.columns[c]);
    }
    ++row;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const bool total = static_cast<int>(t.rows.size() - r) <= t.total_rows;
      for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
        const ReportCell& cell = t.rows[r][c];
        const auto col = static_cast<lxw_col_t>(c);
        if (cell.number) {
          worksheet_write_number(ws, row, col, *cell.number, total ? bold : nullptr);
        } else {
          worksheet_write_string(ws, row, col, cell.text.c_str(), total ? bold : nullptr);
        }
        note_width(col, cell.text);
      }
      ++row;
    }
  }
  ++row;
  for (const std::string& n : doc.notes) worksheet_write_string(ws, row++, 0, n.c_str(), nullptr);
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                         nullptr);
  }
  if (const lxw_error e = wb.close(); e != LXW_NO_ERROR) {
    throw ReportError(file.string() + ": cannot write the XLSX workbook: " + lxw_strerror(e));
  }
}

}  // namespace gt::report
