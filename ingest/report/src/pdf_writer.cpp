// A4 PDF layout: title, facts, then each table with measured column widths, wrapped long
// cells, the header row repeated after a page break, totals in bold, and notes. Every cairo and
// pango object is held by a unique_ptr with its release function.
#include "pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "report_error.h"

namespace gt::report {
namespace {

struct SurfaceRelease {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextRelease {
  void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct LayoutRelease {
  void operator()(PangoLayout* l) const noexcept { g_object_unref(l); }
};
struct FontRelease {
  void operator()(PangoFontDescription* f) const noexcept { pango_font_description_free(f); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceRelease>;
using Context = std::unique_ptr<cairo_t, ContextRelease>;
using Layout = std::unique_ptr<PangoLayout, LayoutRelease>;
using Font = std::unique_ptr<PangoFontDescription, FontRelease>;

constexpr double kPageWidth = 595.276, kPageHeight = 841.890;  // A4 in points
constexpr double kMargin = 40, kFooter = 24;
constexpr double kPad = 2.5;  // inside a table cell
constexpr const char* kFamily = "Noto Sans CJK SC";

Font font(double size, bool bold) {
  Font f(pango_font_description_new());
  pango_font_description_set_family(f.get(), kFamily);
  pango_font_description_set_absolute_size(f.get(), size * PANGO_SCALE);
  pango_font_description_set_weight(f.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return f;
}

class PdfPage {
 public:
  PdfPage(const std::filesystem::path& file, std::string footer)
      : surface_(cairo_pdf_surface_create(file.c_str(), kPageWidth, kPageHeight)),
        footer_(std::move(footer)) {
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      throw ReportError(file.string() + ": cannot create the PDF: " +
                        cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
    cr_.reset(cairo_create(surface_.get()));
    y_ = kMargin;
  }

  // A layout of `text` in `size` points, wrapped at `width` (no wrapping when width <= 0).
  Layout layout(const std::string& text, double size, bool bold, double width) const {
    Layout l(pango_cairo_create_layout(cr_.get()));
    const Font f = font(size, bold);
    pango_layout_set_font_description(l.get(), f.get());
    pango_layout_set_text(l.get(), text.c_str(), static_cast<int>(text.size()));
    if (width > 0) {
      pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    }
    return l;
  }
  static std::pair<double, double> size(const Layout& l) {
    int w = 0, h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
  }
  void draw(const Layout& l, double x, double y) const {
    cairo_move_to(cr_.get(), x, y);
    pango_cairo_show_layout(cr_.get(), l.get());
  }

  // Moves to a new page unless `height` still fits on this one.
  void need(double height) {
    if (y_ + height <= kPageHeight - kMargin - kFooter) return;
    finishPage();
    y_ = kMargin;
  }
  void finishPage() {
    const Layout f = layout(footer_ + "   " + std::to_string(page_), 7, false, 0);
    cairo_set_source_rgb(cr_.get(), 0.4, 0.4, 0.4);
    draw(f, kMargin, kPageHeight - kMargin);
    cairo_set_source_rgb(cr_.get(), 0, 0, 0);
    cairo_show_page(cr_.get());
    ++page_;
  }
  void finish(const std::filesystem::path& file) {
    finishPage();
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      throw ReportError(file.string() + ": cannot write the PDF: " +
                        cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
  }

  cairo_t* cr() const { return cr_.get(); }
  double& y() { return y_; }

 private:
  Surface surface_;
  Context cr_;
  std::string footer_;
  double y_ = 0;
  int page_ = 1;
};

// Column widths: natural widths, then the long-text columns (or, without them, all columns)
// shrunk in proportion so the table fits the text width.
std::vector<double> columnWidths(PdfPage& page, const ReportTable& t, double size,
                                 double available) {
  std::vector<double> w(t.columns.size(), 0);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    w[c] = PdfPage::size(page.layout(t.columns[c], size, true, 0)).first + 2 * kPad;
    for (const auto& row : t.rows) {
      if (c < row.size()) {
        w[c] = std::max(w[c],
                        PdfPage::size(page.layout(row[c].text, size, false, 0)).first + 2 * kPad);
      }
    }
  }
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  if (total <= available) return w;
  double wide_sum = 0;
  for (std::size_t c = 0; c < w.size(); ++c) wide_sum += t.wide[c] ? w[c] : 0;
  const double excess = total - available;
  if (wide_sum > excess + 40) {
    for (std::size_t c = 0; c < w.size(); ++c) {
      if (t.wide[c]) w[c] -= excess * w[c] / wide_sum;
    }
  } else {
    for (double& x : w) x *= available / total;
  }
  return w;
}

void drawTable(PdfPage& page, const ReportTable& t) {
  constexpr double kSize = 7.5;
  const double available = kPageWidth - 2 * kMargin;
  const std::vector<double> widths = columnWidths(page, t, kSize, available);
  cairo_t* cr = page.cr();

  const Layout title = page.layout(t.title, 10.5, true, available);
  // Keep the title and header with the first row: a tall first row must not leave them alone
  // at the foot of a page.
  double first_row = 0;
  for (std::size_t c = 0; !t.rows.empty() && c < widths.size() && c < t.rows[0].size(); ++c) {
    first_row = std::max(
        first_row,
        PdfPage::size(page.layout(t.rows[0][c].text, kSize, false, widths[c] - 2 * kPad)).second);
  }
  page.need(PdfPage::size(title).second + 30 + first_row);
  page.y() += 8;
  page.draw(title, kMargin, page.y());
  page.y() += PdfPage::size(title).second + 4;

  auto draw_row = [&](const std::vector<std::string>& texts, const std::vector<bool>& right,
                      bool bold, bool header) {
    std::vector<Layout> cells;
    double height = 0;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      cells.push_back(
          page.layout(c < texts.size() ? texts[c] : "", kSize, bold, widths[c] - 2 * kPad));
      if (c < right.size() && right[c]) {
        pango_layout_set_alignment(cells.back().get(), PANGO_ALIGN_RIGHT);
      }
      height = std::max(height, PdfPage::size(cells.back()).second);
    }
    height += 2 * kPad;
    double x = kMargin;
    const double y = page.y();
    if (header) {
      cairo_set_source_rgb(cr, 0.87, 0.90, 0.94);
      cairo_rectangle(cr, kMargin, y, std::accumulate(widths.begin(), widths.end(), 0.0), height);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (std::size_t c = 0; c < widths.size(); ++c) {
      page.draw(cells[c], x + kPad, y + kPad);
      cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
      cairo_set_line_width(cr, 0.4);
      cairo_rectangle(cr, x, y, widths[c], height);
      cairo_stroke(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
      x += widths[c];
    }
    page.y() += height;
  };
  auto row_height = [&](const std::vector<ReportCell>& row) {
    double h = 0;
    for (std::size_t c = 0; c < widths.size() && c < row.size(); ++c) {
      h = std::max(
          h, PdfPage::size(page.layout(row[c].text, kSize, false, widths[c] - 2 * kPad)).second);
    }
    return h + 2 * kPad;
  };

  const std::vector<bool> no_right(t.columns.size(), false);
  draw_row(t.columns, no_right, true, true);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const double h = row_height(row);
    if (page.y() + h > kPageHeight - kMargin - kFooter) {
      page.need(h + 100);
      draw_row(t.columns, no_right, true, true);  // the header again on the new page
    }
    std::vector<std::string> texts;
    std::vector<bool> right;
    for (const ReportCell& cell : row) {
      texts.push_back(cell.text);
      right.push_back(cell.number.has_value());
    }
    draw_row(texts, right, static_cast<int>(t.rows.size() - r) <= t.total_rows, false);
  }
}

}  // namespace

void writeReportPdf(const ReportDocument& doc, const std::filesystem::path& file) {
  std::string site;
  if (!doc.facts.empty()) site = doc.facts.front().second;
  PdfPage page(file, "GreenTwin · " + site + " · " + doc.title + " ·");
  const double available = kPageWidth - 2 * kMargin;

  const Layout title = page.layout(doc.title, 18, true, available);
  pango_layout_set_alignment(title.get(), PANGO_ALIGN_CENTER);
  page.draw(title, kMargin, page.y());
  page.y() += PdfPage::size(title).second + 10;

  // Facts: label column, then the value.
  double label_width = 0;
  for (const auto& fact : doc.facts) {
    label_width = std::max(label_width, PdfPage::size(page.layout(fact.first, 9, true, 0)).first);
  }
  label_width += 10;
  for (const auto& [label, value] : doc.facts) {
    const Layout l = page.layout(label, 9, true, 0);
    const Layout v = page.layout(value, 9, false, available - label_width);
    page.need(PdfPage::size(v).second + 2);
    page.draw(l, kMargin, page.y());
    page.draw(v, kMargin + label_width, page.y());
    page.y() += PdfPage::size(v).second + 2;
  }
  cairo_set_line_width(page.cr(), 0.8);
  cairo_move_to(page.cr(), kMargin, page.y() + 4);
  cairo_line_to(page.cr(), kPageWidth - kMargin, page.y() + 4);
  cairo_stroke(page.cr());
  page.y() += 6;

  for (const ReportTable& t : doc.tables) drawTable(page, t);

  page.y() += 10;
  for (const std::string& n : doc.notes) {
    const Layout l = page.layout("• " + n, 7.5, false, available);
    page.need(PdfPage::size(l).second + 3);
    page.draw(l, kMargin, page.y());
    page.y() += PdfPage::size(l).second + 3;
  }
  page.finish(file);
}

}  // namespace gt::report
