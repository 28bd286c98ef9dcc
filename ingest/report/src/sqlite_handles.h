// Owners of the SQLite handles greentwin-report opens (the reading store, read-only, and the
// production_output table): closed and finalized on every path, errors included.
#pragma once

#include <sqlite3.h>

#include <memory>

namespace gt::report {

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

}  // namespace gt::report
