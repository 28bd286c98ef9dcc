// AggregateWriter: keeps table aggregate (15 min, hour, day, month, year per point) in step
// with table reading, inside the writer's transaction, so a crash never leaves one without the
// other. Internal to the storage .cpp files (includes sqlite3.h); docs/storage.md, "Aggregates".
//
// Two paths, chosen per row by the point's newest stored time (its "tail"):
//   - in order (t later than anything stored for the point): the row is surely new, and its
//     bucket totals are merged into the stored ones by an upsert at every level;
//   - late (a CSV import, a store-and-forward replay, a duplicate): the row is inserted alone,
//     and only if SQLite really inserted it (INSERT OR IGNORE may not) is its 15-minute
//     bucket recomputed from the raw rows, then the hour, day, month and year above it from
//     the level below. A duplicate therefore never counts twice.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bucket_calendar.h"
#include "bucket_stats.h"
#include "reading_store.h"
#include "sqlite_owner.h"

namespace gt::ingest {

class ReadingStage;

class AggregateWriter {
 public:
  // Prepares its statements on `db`, which must outlive it and hold the version-2 tables.
  AggregateWriter(SqliteDb& db, BucketCalendar calendar);

  // Inside an open transaction: stores `sorted` (rows in (point, t) order, no two with the
  // same key) in tables reading and reading_interval, and updates the aggregates. Rows older
  // than `keep_from` (the raw retention horizon, on a 15-minute boundary) are not stored: their
  // raw neighbours are gone, so their bucket could not be recomputed; `too_old` counts them.
  // Returns false on an SQLite error; the caller rolls back and then calls rolledBack().
  bool write(const std::vector<StoredReading>& sorted, TimeMs keep_from, uint64_t& too_old);
  // The transaction was rolled back: forget what write() learnt from it.
  void rolledBack();
  // The transaction was committed: what write() learnt holds.
  void committed() { touched_points_.clear(); }

  // Gateway scale (reading_stage.h): in-order rows go to `stage` (which must outlive this)
  // instead of table reading. A batch with a late row folds the stage first and goes to
  // reading whole, so the late path (and its recompute from raw rows) sees every row.
  void setStage(ReadingStage* stage) { stage_ = stage; }

  // Rebuilds every aggregate of `point` from its raw rows (schema migration). Inside a
  // transaction; throws StoreError.
  void rebuild(int64_t point);

 private:
  struct Tail {
    TimeMs last_t = 0;  // newest stored sample time; valid when has_rows
    bool has_rows = false;
    std::optional<double> last_good;  // newest good value (cumulative: the meter reading)
  };
  // Bucket being built at one level during an in-order run.
  struct Open {
    bool active = false;
    TimeMs start = 0, end = 0;
    BucketStats stats;
  };

  bool loadTail(int64_t point, Tail& tail);
  // In-order rows of one point: sorted[first, end), all later than its tail.
  struct Run {
    std::size_t first = 0, end = 0;
    Tail* tail = nullptr;  // in tails_ (node-based: stays put while others are added)
  };
  bool insertRuns(const std::vector<StoredReading>& sorted);
  bool insertOne(const StoredReading& row, bool& inserted);
  bool insertSummary(const StoredReading& row);
  bool aggregateInOrder(const StoredReading* rows, std::size_t n, Tail& tail);
  // Queues the merge of `stats` into the stored bucket; flushUpserts() writes the queue.
  bool upsert(int64_t point, Span span, TimeMs start, const BucketStats& stats);
  bool flushUpserts();
  bool replace(int64_t point, Span span, TimeMs start, const BucketStats& stats);
  bool recomputeLate(int64_t point, const std::set<TimeMs>& quarters);
  bool recomputeQuarter(int64_t point, TimeMs start, std::set<TimeMs>& touched);
  bool recomputeFromLower(int64_t point, Span span, TimeMs start);

  SqliteDb& db_;
  BucketCalendar calendar_;
  SqliteStatement insert_one_, insert_many_, insert_interval_, max_t_, last_good_, upsert_,
      upsert_many_, replace_, raw_bucket_, prior_before_, next_bucket_, set_prior_, lower_rows_;
  std::unordered_map<int64_t, Tail> tails_;
  std::vector<int64_t> touched_points_;  // tails changed by the current transaction
  // Scratch of write(), kept to reuse its capacity.
  std::vector<Run> fresh_;
  std::vector<std::pair<int64_t, std::set<TimeMs>>> late_;
  struct Pending {
    int64_t point;
    Span span;
    TimeMs start;
    BucketStats stats;
  };
  std::vector<Pending> pending_;  // upserts not yet written (flushUpserts())
  ReadingStage* stage_ = nullptr;
  // The tails are reloaded from table reading, which misses staged rows: after a rollback
  // (tails dropped) the next write() folds the stage before it loads any.
  bool fold_first_ = false;
  bool direct_ = true;  // this write() puts its rows in reading, not in the stage
  std::vector<std::pair<std::size_t, std::size_t>> stage_runs_;  // scratch of insertRuns()
};

}  // namespace gt::ingest
