// RAII owners of SQLite handles (see sqlite_owner.h).
#include "sqlite_owner.h"

namespace gt::ingest {

SqliteDb SqliteDb::open(const std::filesystem::path& file, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);  // sqlite3_open_v2 may return a handle even on failure: free it
  if (rc != SQLITE_OK) {
    throw StoreError("cannot open database " + file.string() + ": " +
                     (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  // Readers and the writer may briefly lock each other out (checkpoints); wait, do not fail.
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close_v2(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

SqliteDb::~SqliteDb() {
  // close_v2 defers the close until the last statement is finalized, so the order in which
  // owners die does not matter.
  if (db_) sqlite3_close_v2(db_);
}

int SqliteDb::tryExec(std::string_view sql) {
  const std::string text(sql);
  return sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
}

void SqliteDb::exec(std::string_view sql, std::string_view what) {
  if (tryExec(sql) != SQLITE_OK) throw StoreError(std::string(what) + ": " + message());
}

SqliteStatement SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    throw StoreError("cannot prepare SQL statement (" + message() + "): " + std::string(sql));
  }
  return SqliteStatement(stmt);
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

void SqliteStatement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

}  // namespace gt::ingest
