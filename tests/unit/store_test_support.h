// Shared by the reading-store tests (ingest_*_test.cpp that open a ReadingStore): the points of
// testSite()'s meter as the store registers them, one-number queries on the file the store wrote,
// and a database as the oldest greentwin-ingest left it, to test the upgrade on open.
#pragma once

#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include "reading_store.h"

namespace gt::ingest::test {

// M-01's power and energy points (hall, CNC-01), as in siteText().
inline std::vector<PointInfo> hallPoints() {
  return {{"M-01.p", "M-01", "CNC-01", "hall", "kW", "instant"},
          {"M-01.e", "M-01", "CNC-01", "hall", "kWh", "cumulative"}};
}

// The first column of the first row `sql` gives, read through a read-only connection of its
// own, as a report would; it waits up to 5 s for a writer thread to commit.
template <typename T>
T firstColumn(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  T value{};
  if constexpr (std::is_floating_point_v<T>) {
    value = sqlite3_column_double(st, 0);
  } else {
    value = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return value;
}

inline double scalar(const std::filesystem::path& file, const std::string& sql) {
  return firstColumn<double>(file, sql);
}

inline int64_t count(const std::filesystem::path& file, const std::string& sql) {
  return firstColumn<int64_t>(file, sql);
}

// Creates `file` with the tables of schema version 1 (meta, point, reading: no rollover
// column, no counter_event, no aggregates) and runs `rows`, the INSERTs a test needs.
inline void writeVersion1Db(const std::filesystem::path& file, const std::string& rows) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  const std::string sql = R"sql(
      CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO meta VALUES('schema_version', '1');
      CREATE TABLE point(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, meter TEXT NOT NULL,
        equipment TEXT NOT NULL, area TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT NOT NULL);
      CREATE TABLE reading(point INTEGER NOT NULL, t INTEGER NOT NULL, value REAL,
        quality INTEGER NOT NULL, PRIMARY KEY(point, t)) WITHOUT ROWID;
    )sql" + rows;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace gt::ingest::test
