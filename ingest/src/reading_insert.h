// The multi-row INSERT of readings that table reading and the staging table share: the VALUES
// list of `rows` rows of (point, t, value, quality), and one reading bound as such a row, a value
// that did not decode (NaN) as NULL (docs/storage.md). Internal to the storage .cpp files.
#pragma once

#include <sqlite3.h>

#include <cmath>
#include <string>
#include <string_view>

#include "reading_store.h"

namespace gt::ingest {

// Rows per multi-row INSERT: 256 parameters, far below SQLite's limit, and few enough
// statements that their per-statement cost stays small.
inline constexpr int kReadingRowsPerInsert = 64;

// `head` (e.g. "INSERT INTO reading(point, t, value, quality) VALUES") followed by `rows`
// parameter rows (?,?,?,?).
inline std::string readingInsertSql(std::string_view head, int rows) {
  std::string sql(head);
  for (int i = 0; i < rows; ++i) sql += i == 0 ? "(?,?,?,?)" : ",(?,?,?,?)";
  return sql;
}

// Binds `r` as the row whose first parameter is `first` (1-based): point, t, value, quality.
inline void bindReading(sqlite3_stmt* st, int first, const StoredReading& r) {
  sqlite3_bind_int64(st, first, r.point);
  sqlite3_bind_int64(st, first + 1, r.t);
  if (std::isnan(r.value)) {
    sqlite3_bind_null(st, first + 2);
  } else {
    sqlite3_bind_double(st, first + 2, r.value);
  }
  sqlite3_bind_int64(st, first + 3, r.quality);
}

}  // namespace gt::ingest
