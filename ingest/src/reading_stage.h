// ReadingStage: the staging table of gateway-scale sites (docs/storage.md, "Staging"). New
// readings are appended to reading_stage, keyed (t, point), so a commit writes the few leaves
// at the B-tree's right edge instead of one leaf per point of table reading; every few minutes
// fold() moves them into reading in (point, t) order, so each of reading's leaves is written
// once per fold instead of once per commit. Used inside the writer's transactions only; view
// reading_all shows both tables to readers. Internal to the storage .cpp files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "reading_store.h"
#include "sqlite_owner.h"

namespace gt::ingest {

class ReadingStage {
 public:
  // Prepares its statements on `db`, which must outlive it and hold table reading_stage
  // (schema version 7). Counts the rows a previous run left staged (a crash before its fold).
  explicit ReadingStage(SqliteDb& db);

  // Inside an open transaction: stages rows[first..end) of `sorted` for each run. The caller
  // guarantees every row is new: later than anything stored for its point, in reading or here
  // (AggregateWriter's in-order path), so no INSERT OR IGNORE check across the two tables is
  // needed. Returns false on an SQLite error.
  bool append(const std::vector<StoredReading>& sorted,
              const std::vector<std::pair<std::size_t, std::size_t>>& runs);
  // Inside an open transaction: moves every staged row into table reading, in (point, t)
  // order, and empties the stage. INSERT OR IGNORE, so a fold replayed after a crash (or a row
  // that reached reading some other way) keeps the first row. Returns false on an SQLite error.
  bool fold();

  // Rows staged as of the last committed transaction (what fold() would move).
  uint64_t rows() const { return rows_; }
  // Nothing staged, counting what the current transaction did.
  bool empty() const { return (folded_ ? 0 : rows_) + added_ == 0; }
  // The caller's transaction ended: what append() and fold() did holds, or is undone.
  void committed();
  void rolledBack();

 private:
  SqliteDb& db_;
  SqliteStatement insert_one_, insert_many_, fold_, clear_;
  uint64_t rows_ = 0;                        // committed
  uint64_t added_ = 0;                       // by the current transaction
  bool folded_ = false;                      // the current transaction folded
  std::vector<const StoredReading*> order_;  // scratch of append(), kept for its capacity
};

}  // namespace gt::ingest
