// Storing, importing and selecting entered production output (see production_output.h).
#include "production_output.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "production_output_schema.h"
#include "report_error.h"
#include "sqlite_handles.h"

namespace gt::report {
namespace {

Db openDatabase(const std::filesystem::path& file, int flags) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw ReportError(file.string() +
                      ": no such database (give the file greentwin-ingest writes, [ingest] "
                      "database in site.toml, with --db)");
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    throw ReportError(file.string() + ": cannot open the database: " + sqlite3_errmsg(raw));
  }
  sqlite3_busy_timeout(raw, 5000);  // the daemon may hold the write lock for a moment
  return db;
}

Statement prepare(sqlite3* db, const std::string& file, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
    throw ReportError(file + ": cannot query the production output: " + sqlite3_errmsg(db));
  }
  return Statement(s);
}

bool hasTable(sqlite3* db, const std::string& file, const char* name) {
  Statement st =
      prepare(db, file, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?1");
  sqlite3_bind_text(st.get(), 1, name, -1, SQLITE_STATIC);
  return sqlite3_step(st.get()) == SQLITE_ROW && sqlite3_column_int(st.get(), 0) == 1;
}

void bindOptional(sqlite3_stmt* st, int i, const std::optional<double>& v) {
  if (v) {
    sqlite3_bind_double(st, i, *v);
  } else {
    sqlite3_bind_null(st, i);
  }
}

std::optional<double> columnOptional(sqlite3_stmt* st, int i) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(st, i);
}

std::string columnText(sqlite3_stmt* st, int i) {
  const unsigned char* t = sqlite3_column_text(st, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

// One CSV record (RFC 4180 quoting; no line breaks inside a field).
std::vector<std::string> csvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Length of the union of [start, end) spans.
TimeMs unionLength(std::vector<std::pair<TimeMs, TimeMs>> spans) {
  std::sort(spans.begin(), spans.end());
  TimeMs total = 0, reach = INT64_MIN;
  for (const auto& [s, e] : spans) {
    const TimeMs from = std::max(s, reach);
    if (e > from) total += e - from;
    reach = std::max(reach, e);
  }
  return total;
}

}  // namespace

const ProductOutput* PeriodOutput::find(const std::string& product) const {
  for (const ProductOutput& p : products) {
    if (p.product == product) return &p;
  }
  return nullptr;
}

std::string checkOutputEntry(const OutputEntry& e, const AccountingBindings& bindings) {
  if (!e.quantity && !e.output_value && !e.value_added) {
    return "give at least one of quantity, output value, value added";
  }
  for (const auto& [v, name] :
       {std::pair{e.quantity, "quantity"}, std::pair{e.output_value, "output value"},
        std::pair{e.value_added, "value added"}}) {
    if (v && !(std::isfinite(*v) && *v >= 0)) {
      return std::string(name) + " must be a number >= 0";
    }
  }
  if (e.product.empty()) {
    if (e.quantity) return "a quantity needs its product (--product <id of a [[product]]>)";
  } else {
    const ProductConfig* p = bindings.findProduct(e.product);
    if (!p) {
      std::string known;
      for (const ProductConfig& q : bindings.products) known += (known.empty() ? "" : ", ") + q.id;
      return "product '" + e.product + "' is not declared in " + bindings.file.filename().string() +
             " ([[product]]; declared: " + (known.empty() ? "none" : known) + ")";
    }
    if (e.quantity && e.unit != p->unit) {
      return "product '" + e.product + "' is counted in '" + p->unit + "', not '" + e.unit + "'";
    }
  }
  if (e.entered_by.empty()) return "say who enters it (--by)";
  if (e.reason.empty()) return "say why (--why): first entry, correction of ...";
  if (e.source.empty()) return "name the document the figures come from (--source)";
  return "";
}

void storeOutputEntries(const std::filesystem::path& database,
                        const std::vector<OutputEntry>& entries) {
  const std::string file = database.string();
  Db db = openDatabase(database, SQLITE_OPEN_READWRITE);
  if (!hasTable(db.get(), file, "point")) {
    throw ReportError(file + ": not a greentwin-ingest database (no point table)");
  }
  auto exec = [&](const char* sql, const char* what) {
    char* error = nullptr;
    if (sqlite3_exec(db.get(), sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : sqlite3_errmsg(db.get());
      sqlite3_free(error);
      throw ReportError(file + ": " + what + ": " + message);
    }
  };
  exec("BEGIN IMMEDIATE", "cannot lock the database to add production output");
  try {
    exec(kProductionOutputTableSql, "cannot create the production_output table");
    Statement insert =
        prepare(db.get(), file,
                "INSERT INTO production_output(period, start_t, end_t, product, quantity, unit, "
                "output_value, value_added, entered_by, entered_t, reason, source, via) "
                "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    for (const OutputEntry& e : entries) {
      sqlite3_stmt* st = insert.get();
      sqlite3_bind_text(st, 1, e.period.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 2, e.start);
      sqlite3_bind_int64(st, 3, e.end);
      sqlite3_bind_text(st, 4, e.product.c_str(), -1, SQLITE_TRANSIENT);
      bindOptional(st, 5, e.quantity);
      sqlite3_bind_text(st, 6, e.unit.c_str(), -1, SQLITE_TRANSIENT);
      bindOptional(st, 7, e.output_value);
      bindOptional(st, 8, e.value_added);
      sqlite3_bind_text(st, 9, e.entered_by.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 10, e.entered_t);
      sqlite3_bind_text(st, 11, e.reason.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 12, e.source.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 13, e.via.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(st) != SQLITE_DONE) {
        throw ReportError(file + ": cannot store the entry of " + e.period + ": " +
                          sqlite3_errmsg(db.get()));
      }
      sqlite3_reset(st);
    }
    exec("COMMIT", "cannot commit the production output");
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<OutputEntry> readOutputCsv(const std::filesystem::path& file,
                                       const AccountingBindings& bindings, int utc_offset_minutes,
                                       TimeMs now) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ReportError(file.string() + ": cannot open the CSV file");
  const std::vector<std::string> known = {"period", "product",      "quantity",
                                          "unit",   "output_value", "value_added",
                                          "by",     "why",          "source"};
  std::map<std::string, std::size_t> column;
  std::vector<OutputEntry> entries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = file.string() + ":" + std::to_string(number) + ": ";
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // Excel's BOM
    if (trimmed(line).empty()) continue;
    std::vector<std::string> fields = csvFields(line);
    for (std::string& f : fields) f = trimmed(f);
    if (column.empty()) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (std::find(known.begin(), known.end(), fields[i]) == known.end()) {
          throw ReportError(where + "unknown column '" + fields[i] +
                            "' (columns: period, product, quantity, unit, output_value, "
                            "value_added, by, why, source)");
        }
        column[fields[i]] = i;
      }
      for (const char* required : {"period", "by", "why", "source"}) {
        if (!column.count(required)) {
          throw ReportError(where + "the header has no '" + required + "' column");
        }
      }
      continue;
    }
    if (fields.size() != column.size()) {
      throw ReportError(where + std::to_string(fields.size()) + " fields, the header has " +
                        std::to_string(column.size()));
    }
    auto cell = [&](const char* name) -> std::string {
      const auto it = column.find(name);
      return it == column.end() ? "" : fields[it->second];
    };
    auto numberCell = [&](const char* name) -> std::optional<double> {
      const std::string text = cell(name);
      if (text.empty()) return std::nullopt;
      std::size_t used = 0;
      double v = 0;
      try {
        v = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != text.size()) throw ReportError(where + name + " '" + text + "' is not a number");
      return v;
    };
    OutputEntry e;
    e.period = cell("period");
    std::string why;
    const auto period = parseReportPeriod(e.period, utc_offset_minutes, &why);
    if (!period) throw ReportError(where + "period " + why);
    e.start = period->start;
    e.end = period->end;
    e.product = cell("product");
    e.quantity = numberCell("quantity");
    e.unit = cell("unit");
    if (e.unit.empty() && !e.product.empty()) {
      if (const ProductConfig* p = bindings.findProduct(e.product)) e.unit = p->unit;
    }
    e.output_value = numberCell("output_value");
    e.value_added = numberCell("value_added");
    e.entered_by = cell("by");
    e.reason = cell("why");
    e.source = cell("source");
    e.via = "csv " + file.filename().string() + ":" + std::to_string(number);
    e.entered_t = now;
    if (const std::string problem = checkOutputEntry(e, bindings); !problem.empty()) {
      throw ReportError(where + problem);
    }
    entries.push_back(std::move(e));
  }
  if (column.empty()) throw ReportError(file.string() + ":1: empty file: no header line");
  if (entries.empty()) throw ReportError(file.string() + ": no entries after the header");
  return entries;
}

PeriodOutput selectPeriodOutput(const std::vector<OutputEntry>& stored,
                                const AccountingBindings& bindings, TimeMs start, TimeMs end) {
  // The newest entry of each (product, entered period) inside [start, end).
  std::map<std::tuple<std::string, TimeMs, TimeMs>, const OutputEntry*> newest;
  for (const OutputEntry& e : stored) {
    if (e.start < start || e.end > end) continue;
    const OutputEntry*& slot = newest[{e.product, e.start, e.end}];
    if (!slot || e.id > slot->id) slot = &e;
  }
  PeriodOutput out;
  for (const auto& [key, e] : newest) {
    const bool inside_longer = std::any_of(newest.begin(), newest.end(), [&](const auto& other) {
      const OutputEntry* o = other.second;
      return o != e && o->product == e->product && o->start <= e->start && e->end <= o->end &&
             (o->end - o->start) > (e->end - e->start);
    });
    if (!inside_longer) out.entries.push_back(*e);
  }
  std::sort(out.entries.begin(), out.entries.end(), [](const OutputEntry& a, const OutputEntry& b) {
    return std::tie(a.start, a.end, a.product) < std::tie(b.start, b.end, b.product);
  });

  std::vector<std::string> order;
  for (const ProductConfig& p : bindings.products) order.push_back(p.id);
  order.push_back("");
  std::vector<std::pair<TimeMs, TimeMs>> value_spans, added_spans;
  for (const std::string& id : order) {
    ProductOutput p;
    p.product = id;
    std::vector<std::pair<TimeMs, TimeMs>> quantity_spans;
    bool any = false;
    for (const OutputEntry& e : out.entries) {
      if (e.product != id) continue;
      any = true;
      if (e.quantity) {
        p.quantity = p.quantity.value_or(0) + *e.quantity;
        p.unit = e.unit;
        quantity_spans.emplace_back(e.start, e.end);
      }
      if (e.output_value) {
        p.output_value += *e.output_value;
        p.has_output_value = true;
        value_spans.emplace_back(e.start, e.end);
      }
      if (e.value_added) {
        p.value_added += *e.value_added;
        p.has_value_added = true;
        added_spans.emplace_back(e.start, e.end);
      }
    }
    if (!any) continue;
    p.quantity_covered_ms = unionLength(quantity_spans);
    if (p.has_output_value) out.output_value = out.output_value.value_or(0) + p.output_value;
    if (p.has_value_added) out.value_added = out.value_added.value_or(0) + p.value_added;
    out.products.push_back(std::move(p));
  }
  out.output_value_covered_ms = unionLength(value_spans);
  out.value_added_covered_ms = unionLength(added_spans);
  return out;
}

PeriodOutput readPeriodOutput(const std::filesystem::path& database,
                              const AccountingBindings& bindings, TimeMs start, TimeMs end) {
  const std::string file = database.string();
  Db db = openDatabase(database, SQLITE_OPEN_READONLY);
  std::vector<OutputEntry> stored;
  if (hasTable(db.get(), file, "production_output")) {
    Statement st = prepare(
        db.get(), file,
        "SELECT id, period, start_t, end_t, product, quantity, unit, output_value, value_added, "
        "entered_by, entered_t, reason, source, via FROM production_output "
        "WHERE start_t >= ?1 AND end_t <= ?2");
    sqlite3_bind_int64(st.get(), 1, start);
    sqlite3_bind_int64(st.get(), 2, end);
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      OutputEntry e;
      e.id = sqlite3_column_int64(st.get(), 0);
      e.period = columnText(st.get(), 1);
      e.start = sqlite3_column_int64(st.get(), 2);
      e.end = sqlite3_column_int64(st.get(), 3);
      e.product = columnText(st.get(), 4);
      e.quantity = columnOptional(st.get(), 5);
      e.unit = columnText(st.get(), 6);
      e.output_value = columnOptional(st.get(), 7);
      e.value_added = columnOptional(st.get(), 8);
      e.entered_by = columnText(st.get(), 9);
      e.entered_t = sqlite3_column_int64(st.get(), 10);
      e.reason = columnText(st.get(), 11);
      e.source = columnText(st.get(), 12);
      e.via = columnText(st.get(), 13);
      stored.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) {
      throw ReportError(file + ": cannot read the production output: " + sqlite3_errmsg(db.get()));
    }
  }
  return selectPeriodOutput(stored, bindings, start, end);
}

}  // namespace gt::report
