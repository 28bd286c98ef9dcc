// Move-only owners of sqlite3* and sqlite3_stmt* and the checks around them. Included only by
// the storage .cpp files, so sqlite3.h stays out of every other translation unit.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "store_error.h"

namespace gt::ingest {

class SqliteStatement;

class SqliteDb {
 public:
  // Opens `file` (flags: SQLITE_OPEN_*). Throws StoreError naming the file.
  static SqliteDb open(const std::filesystem::path& file, int flags);
  SqliteDb() = default;
  SqliteDb(SqliteDb&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  sqlite3* get() const { return db_; }
  // Runs SQL without results; throws StoreError("<what>: <sqlite message>") on failure.
  void exec(std::string_view sql, std::string_view what);
  // Same, returning the SQLite result code instead of throwing.
  int tryExec(std::string_view sql);
  SqliteStatement prepare(std::string_view sql);
  std::string message() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class SqliteStatement {
 public:
  SqliteStatement() = default;
  explicit SqliteStatement(sqlite3_stmt* s) : stmt_(s) {}
  SqliteStatement(SqliteStatement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  sqlite3_stmt* get() const { return stmt_; }
  // Resets for the next use and clears bindings; always succeeds on a valid statement.
  void reset() noexcept;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace gt::ingest
