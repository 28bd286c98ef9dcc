// Product output and output value entered per period (table production_output): the
// denominators of the intensities (seed 000 §9.7.1.3.3 notes 5-6, DB 64/T 1930-2023 B.10).
// Entries are checked against accounting.toml's [[product]] list, stored with who entered them,
// when, why and from which document, and never changed afterwards: a correction is a newer entry
// for the same product and period. sqlite3.h stays in the .cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "accounting_bindings.h"
#include "greentwin/clock.h"
#include "report_period.h"

namespace gt::report {

struct OutputEntry {
  int64_t id = 0;                  // row id once stored
  std::string period;              // as entered: "2026-10"
  TimeMs start = 0, end = 0;       // its UTC bounds, [start, end)
  std::string product;             // [[product]] id; empty: the whole site's output value only
  std::optional<double> quantity;  // qualified product in `unit`
  std::string unit;
  std::optional<double> output_value;  // 10^4 yuan (万元)
  std::optional<double> value_added;   // 10^4 yuan
  std::string entered_by, reason, source;
  std::string via;  // "manual" or "csv <file>:<line>"
  TimeMs entered_t = 0;
};

// Checks `entry` against the bindings: a declared product, its unit, numbers finite and >= 0,
// at least one figure, who and why given. Returns the problem, or "" when it is fine.
std::string checkOutputEntry(const OutputEntry& entry, const AccountingBindings& bindings);

// Adds entries to `database` in one transaction (all or none), creating the table when an older
// greentwin-ingest made the file. Throws ReportError: no such file, not a greentwin-ingest
// database, a locked or read-only file.
void storeOutputEntries(const std::filesystem::path& database,
                        const std::vector<OutputEntry>& entries);

// Reads a CSV file with the header period,product,quantity,unit,output_value,value_added,by,why,
// source (any order; empty cells: not given) into entries, each checked; the periods are parsed
// in the site's zone. Throws ReportError "file:line: problem" at the first bad line.
std::vector<OutputEntry> readOutputCsv(const std::filesystem::path& file,
                                       const AccountingBindings& bindings, int utc_offset_minutes,
                                       TimeMs now);

// The output of a period: for each product (and the site-level entries), the newest entry of
// each entered period lying inside [start, end); an entry inside a longer one of the same
// product is left out (the month's figure includes its days).
struct ProductOutput {
  std::string product;  // "" for site-level output value entries
  std::optional<double> quantity;
  std::string unit;
  double output_value = 0, value_added = 0;
  bool has_output_value = false, has_value_added = false;
  TimeMs quantity_covered_ms = 0;  // length of the entered periods that give a quantity
};
struct PeriodOutput {
  std::vector<OutputEntry> entries;     // counted, oldest period first
  std::vector<ProductOutput> products;  // in [[product]] order, then the site-level line
  std::optional<double> output_value;   // sum over products; nullopt when nothing gives one
  std::optional<double> value_added;
  TimeMs output_value_covered_ms = 0;  // of the period, by entries with an output value
  TimeMs value_added_covered_ms = 0;
  const ProductOutput* find(const std::string& product) const;
};

// Opens `database` read-only (a database without the table has no output). Throws ReportError.
PeriodOutput readPeriodOutput(const std::filesystem::path& database,
                              const AccountingBindings& bindings, TimeMs start, TimeMs end);
// The same from entries already read (pure; used by readPeriodOutput and the tests).
PeriodOutput selectPeriodOutput(const std::vector<OutputEntry>& stored,
                                const AccountingBindings& bindings, TimeMs start, TimeMs end);

}  // namespace gt::report
