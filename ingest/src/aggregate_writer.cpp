// The aggregate upkeep of the writer transaction (see aggregate_writer.h).
#include "aggregate_writer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "reading_insert.h"
#include "reading_stage.h"

namespace gt::ingest {

namespace {

// Aggregate rows per upsert statement: a transaction of the daemon upserts about five rows per
// point it touches (10 000 at 2 000 points), and one statement per row made the per-statement
// overhead of SQLite (step, reset, program start) a good part of their cost.
constexpr int kUpsertRows = 20;
constexpr int kAggregateParams = 13;  // point, span, bucket + the 10 kStatsColumns

std::optional<double> valueOf(const StoredReading& r) {
  if (std::isnan(r.value)) return std::nullopt;
  return r.value;
}

std::optional<double> columnDouble(sqlite3_stmt* st, int col) {
  if (sqlite3_column_type(st, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(st, col);
}

// Columns of table aggregate after (point, span, bucket), in the order bound and read.
constexpr const char* kStatsColumns =
    "count, bad_count, min_value, max_value, sum_value, first_t, first_value, last_t, "
    "last_value, prior_value";

// Binds a BucketStats to parameters first..first+9 (kStatsColumns).
void bindStats(sqlite3_stmt* st, int first, const BucketStats& s) {
  sqlite3_bind_int64(st, first, s.count);
  sqlite3_bind_int64(st, first + 1, s.bad_count);
  if (s.has_value) {
    sqlite3_bind_double(st, first + 2, s.min);
    sqlite3_bind_double(st, first + 3, s.max);
    sqlite3_bind_double(st, first + 4, s.sum);
    sqlite3_bind_int64(st, first + 5, s.first_t);
    sqlite3_bind_double(st, first + 6, s.first_v);
    sqlite3_bind_int64(st, first + 7, s.last_t);
    sqlite3_bind_double(st, first + 8, s.last_v);
  } else {
    for (int i = 2; i <= 8; ++i) sqlite3_bind_null(st, first + i);
  }
  if (s.prior) {
    sqlite3_bind_double(st, first + 9, *s.prior);
  } else {
    sqlite3_bind_null(st, first + 9);
  }
}

// Reads kStatsColumns starting at column `first`.
BucketStats readStats(sqlite3_stmt* st, int first) {
  BucketStats s;
  s.count = sqlite3_column_int64(st, first);
  s.bad_count = sqlite3_column_int64(st, first + 1);
  s.has_value = sqlite3_column_type(st, first + 7) != SQLITE_NULL;
  if (s.has_value) {
    s.min = sqlite3_column_double(st, first + 2);
    s.max = sqlite3_column_double(st, first + 3);
    s.sum = sqlite3_column_double(st, first + 4);
    s.first_t = sqlite3_column_int64(st, first + 5);
    s.first_v = sqlite3_column_double(st, first + 6);
    s.last_t = sqlite3_column_int64(st, first + 7);
    s.last_v = sqlite3_column_double(st, first + 8);
  }
  s.prior = columnDouble(st, first + 9);
  return s;
}

// An in-order batch only adds readings after those already in the bucket: counts and sums
// add up, the first reading stays, the last is replaced; the prior is the one known when the
// bucket was created. `rows` rows of (point, span, bucket, kStatsColumns) per statement.
std::string upsertSql(int rows) {
  std::string sql =
      std::string("INSERT INTO aggregate(point, span, bucket, ") + kStatsColumns + ") VALUES";
  for (int i = 0; i < rows; ++i) {
    sql += i == 0 ? "(" : ",(";
    for (int k = 0; k < kAggregateParams; ++k) sql += k == 0 ? "?" : ",?";
    sql += ")";
  }
  return sql +
         " ON CONFLICT(point, span, bucket) DO UPDATE SET "
         "count = count + excluded.count, bad_count = bad_count + excluded.bad_count, "
         "min_value = CASE WHEN excluded.last_t IS NULL THEN min_value WHEN last_t IS NULL "
         "  THEN excluded.min_value ELSE MIN(min_value, excluded.min_value) END, "
         "max_value = CASE WHEN excluded.last_t IS NULL THEN max_value WHEN last_t IS NULL "
         "  THEN excluded.max_value ELSE MAX(max_value, excluded.max_value) END, "
         "sum_value = CASE WHEN excluded.last_t IS NULL THEN sum_value WHEN last_t IS NULL "
         "  THEN excluded.sum_value ELSE sum_value + excluded.sum_value END, "
         "first_t = COALESCE(first_t, excluded.first_t), "
         "first_value = CASE WHEN first_t IS NULL THEN excluded.first_value ELSE first_value "
         "END, "
         "last_t = COALESCE(excluded.last_t, last_t), "
         "last_value = CASE WHEN excluded.last_t IS NULL THEN last_value "
         "  ELSE excluded.last_value END";
}

}  // namespace

AggregateWriter::AggregateWriter(SqliteDb& db, BucketCalendar calendar)
    : db_(db), calendar_(calendar) {
  insert_one_ =
      db.prepare("INSERT OR IGNORE INTO reading(point, t, value, quality) VALUES(?1, ?2, ?3, ?4)");
  insert_many_ = db.prepare(readingInsertSql(
      "INSERT OR IGNORE INTO reading(point, t, value, quality) VALUES", kReadingRowsPerInsert));
  insert_interval_ = db.prepare(
      "INSERT OR IGNORE INTO reading_interval(point, t, count, min_value, max_value, sum_value) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  max_t_ = db.prepare("SELECT MAX(t) FROM reading WHERE point=?1");
  last_good_ = db.prepare(
      "SELECT last_value, last_t FROM aggregate WHERE point=?1 AND span=0 AND last_t IS NOT NULL "
      "ORDER BY bucket DESC LIMIT 1");
  upsert_ = db.prepare(upsertSql(1));
  upsert_many_ = db.prepare(upsertSql(kUpsertRows));
  replace_ = db.prepare(std::string("INSERT OR REPLACE INTO aggregate(point, span, bucket, ") +
                        kStatsColumns +
                        ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  raw_bucket_ = db.prepare(
      "SELECT r.t, r.value, r.quality, i.count, i.min_value, i.max_value, i.sum_value "
      "FROM reading r LEFT JOIN reading_interval i ON i.point = r.point AND i.t = r.t "
      "WHERE r.point=?1 AND r.t>=?2 AND r.t<?3 ORDER BY r.t");
  prior_before_ = db.prepare(
      "SELECT last_value FROM aggregate WHERE point=?1 AND span=0 AND bucket<?2 "
      "AND last_t IS NOT NULL ORDER BY bucket DESC LIMIT 1");
  next_bucket_ = db.prepare(
      "SELECT bucket, last_t FROM aggregate WHERE point=?1 AND span=0 AND bucket>?2 "
      "ORDER BY bucket LIMIT 1");
  set_prior_ =
      db.prepare("UPDATE aggregate SET prior_value=?3 WHERE point=?1 AND span=0 AND bucket=?2");
  lower_rows_ = db.prepare(std::string("SELECT ") + kStatsColumns +
                           " FROM aggregate WHERE point=?1 AND span=?2 AND bucket>=?3 AND "
                           "bucket<?4 ORDER BY bucket");
}

bool AggregateWriter::loadTail(int64_t point, Tail& tail) {
  sqlite3_stmt* st = max_t_.get();
  sqlite3_bind_int64(st, 1, point);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
    tail.has_rows = true;
    tail.last_t = sqlite3_column_int64(st, 0);
  }
  max_t_.reset();
  if (rc != SQLITE_ROW) return false;
  st = last_good_.get();
  sqlite3_bind_int64(st, 1, point);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    tail.last_good = sqlite3_column_double(st, 0);
    // Raw rows may all be gone (retention) while the aggregates remain: never take a row
    // older than the newest aggregated one for an in-order one.
    const TimeMs aggregated = sqlite3_column_int64(st, 1);
    if (!tail.has_rows || aggregated > tail.last_t) tail.last_t = aggregated;
    tail.has_rows = true;
  }
  last_good_.reset();
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

bool AggregateWriter::insertRuns(const std::vector<StoredReading>& sorted) {
  if (!direct_) {
    stage_runs_.clear();
    for (const Run& run : fresh_) stage_runs_.emplace_back(run.first, run.end);
    if (!stage_->append(sorted, stage_runs_)) return false;
    for (const Run& run : fresh_) {
      for (std::size_t k = run.first; k < run.end; ++k) {
        if (!insertSummary(sorted[k])) return false;
      }
    }
    return true;
  }
  sqlite3_stmt* many = insert_many_.get();
  int bound = 0;  // rows bound to `many` so far
  for (const Run& run : fresh_) {
    for (std::size_t k = run.first; k < run.end; ++k) {
      bindReading(many, 4 * bound + 1, sorted[k]);
      if (++bound < kReadingRowsPerInsert) continue;
      bound = 0;
      const int rc = sqlite3_step(many);
      sqlite3_reset(many);
      if (rc != SQLITE_DONE) return false;
    }
  }
  // The last < 64 rows: the bound ones again, one statement each.
  for (auto run = fresh_.rbegin(); bound > 0 && run != fresh_.rend(); ++run) {
    const std::size_t take =
        std::min<std::size_t>(static_cast<std::size_t>(bound), run->end - run->first);
    for (std::size_t k = run->end - take; k < run->end; ++k) {
      bool inserted = false;
      if (!insertOne(sorted[k], inserted)) return false;
    }
    bound -= static_cast<int>(take);
  }
  for (const Run& run : fresh_) {
    for (std::size_t k = run.first; k < run.end; ++k) {
      if (!insertSummary(sorted[k])) return false;
    }
  }
  return true;
}

bool AggregateWriter::insertSummary(const StoredReading& r) {
  if (r.summary.count == 0) return true;
  sqlite3_stmt* st = insert_interval_.get();
  sqlite3_bind_int64(st, 1, r.point);
  sqlite3_bind_int64(st, 2, r.t);
  sqlite3_bind_int64(st, 3, r.summary.count);
  sqlite3_bind_double(st, 4, r.summary.min);
  sqlite3_bind_double(st, 5, r.summary.max);
  sqlite3_bind_double(st, 6, r.summary.sum);
  const int rc = sqlite3_step(st);
  insert_interval_.reset();
  return rc == SQLITE_DONE;
}

bool AggregateWriter::insertOne(const StoredReading& row, bool& inserted) {
  sqlite3_stmt* one = insert_one_.get();
  bindReading(one, 1, row);
  const int rc = sqlite3_step(one);
  sqlite3_reset(one);
  if (rc != SQLITE_DONE) return false;
  inserted = sqlite3_changes(db_.get()) > 0;
  return true;
}

bool AggregateWriter::upsert(int64_t point, Span span, TimeMs start, const BucketStats& stats) {
  pending_.push_back({point, span, start, stats});
  return true;
}

bool AggregateWriter::flushUpserts() {
  // In key order: consecutive rows land on the same leaf of the aggregate B-tree. Keys are
  // unique here (each call of aggregateInOrder() closes a bucket once, and a flush follows
  // each call that could repeat one), but stable anyway: a repeated key must merge in order.
  std::stable_sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
    if (a.point != b.point) return a.point < b.point;
    if (a.span != b.span) return a.span < b.span;
    return a.start < b.start;
  });
  std::size_t i = 0;
  bool ok = true;
  for (; ok && i + kUpsertRows <= pending_.size(); i += kUpsertRows) {
    sqlite3_stmt* st = upsert_many_.get();
    for (int k = 0; k < kUpsertRows; ++k) {
      const Pending& p = pending_[i + k];
      const int first = k * kAggregateParams + 1;
      sqlite3_bind_int64(st, first, p.point);
      sqlite3_bind_int(st, first + 1, static_cast<int>(p.span));
      sqlite3_bind_int64(st, first + 2, p.start);
      bindStats(st, first + 3, p.stats);
    }
    ok = sqlite3_step(st) == SQLITE_DONE;
    upsert_many_.reset();
  }
  for (; ok && i < pending_.size(); ++i) {
    const Pending& p = pending_[i];
    sqlite3_stmt* st = upsert_.get();
    sqlite3_bind_int64(st, 1, p.point);
    sqlite3_bind_int(st, 2, static_cast<int>(p.span));
    sqlite3_bind_int64(st, 3, p.start);
    bindStats(st, 4, p.stats);
    ok = sqlite3_step(st) == SQLITE_DONE;
    upsert_.reset();
  }
  pending_.clear();
  return ok;
}

bool AggregateWriter::replace(int64_t point, Span span, TimeMs start, const BucketStats& stats) {
  sqlite3_stmt* st = replace_.get();
  sqlite3_bind_int64(st, 1, point);
  sqlite3_bind_int(st, 2, static_cast<int>(span));
  sqlite3_bind_int64(st, 3, start);
  bindStats(st, 4, stats);
  const int rc = sqlite3_step(st);
  replace_.reset();
  return rc == SQLITE_DONE;
}

bool AggregateWriter::aggregateInOrder(const StoredReading* rows, std::size_t n, Tail& tail) {
  const int64_t point = rows[0].point;
  Open open[kSpans.size()];
  for (std::size_t i = 0; i < n; ++i) {
    const StoredReading& r = rows[i];
    for (std::size_t level = 0; level < kSpans.size(); ++level) {
      Open& o = open[level];
      if (o.active && r.t < o.end) continue;
      if (o.active && !upsert(point, kSpans[level], o.start, o.stats)) return false;
      o.active = true;
      o.start = calendar_.start(kSpans[level], r.t);
      o.end = calendar_.next(kSpans[level], o.start);
      o.stats = BucketStats{};
      // Used only if the bucket is new: then every earlier reading lies before it.
      o.stats.prior = tail.last_good;
    }
    const std::optional<double> v = valueOf(r);
    const IntervalSummary* summary = r.summary.count > 0 ? &r.summary : nullptr;
    for (Open& o : open) o.stats.add(r.t, v, r.quality, summary);
    if (v && (r.quality & kAggregateExcluded) == 0) tail.last_good = *v;
  }
  for (std::size_t level = 0; level < kSpans.size(); ++level) {
    if (open[level].active && !upsert(point, kSpans[level], open[level].start, open[level].stats)) {
      return false;
    }
  }
  tail.last_t = rows[n - 1].t;
  tail.has_rows = true;
  return true;
}

bool AggregateWriter::write(const std::vector<StoredReading>& sorted, TimeMs keep_from,
                            uint64_t& too_old) {
  // Pass 1, per point: the late rows (t at or before the point's tail; in (point, t) order
  // they come first) are inserted one by one, since each needs its own "was it inserted?";
  // the in-order rest is only located.
  fresh_.clear();
  late_.clear();
  pending_.clear();
  direct_ = stage_ == nullptr;
  if (stage_ && fold_first_) {
    if (!stage_->empty() && !stage_->fold()) return false;
    fold_first_ = false;
  }
  std::size_t i = 0;
  while (i < sorted.size()) {
    const int64_t point = sorted[i].point;
    std::size_t end = i;
    while (end < sorted.size() && sorted[end].point == point) ++end;

    auto found = tails_.find(point);
    if (found == tails_.end()) {
      Tail loaded;
      if (!loadTail(point, loaded)) return false;
      found = tails_.emplace(point, loaded).first;
    }
    touched_points_.push_back(point);
    Tail& tail = found->second;

    std::set<TimeMs> late_quarters;
    std::size_t k = i;
    for (; k < end && tail.has_rows && sorted[k].t <= tail.last_t; ++k) {
      const StoredReading& r = sorted[k];
      if (r.t < keep_from) {
        ++too_old;
        continue;
      }
      if (!direct_) {
        // A late row may repeat a staged one: fold, then this batch goes to reading whole.
        if (!stage_->empty() && !stage_->fold()) return false;
        direct_ = true;
      }
      bool inserted = false;
      if (!insertOne(r, inserted)) return false;
      if (!inserted) continue;  // a duplicate: the stored row, and its totals, stay
      if (!insertSummary(r)) return false;
      late_quarters.insert(calendar_.start(Span::Quarter, r.t));
    }
    std::size_t first_new = k;
    while (first_new < end && sorted[first_new].t < keep_from) {
      ++too_old;
      ++first_new;
    }
    if (first_new < end) fresh_.push_back({first_new, end, &tail});
    if (!late_quarters.empty()) late_.emplace_back(point, std::move(late_quarters));
    i = end;
  }
  // Pass 2: the in-order rows of all points in one stream of 64-row INSERTs. Per point they
  // are only ~50 rows in a daemon transaction (2 000 points), too few for a 64-row statement
  // of their own: inserting them point by point fell back to one statement per row.
  if (!insertRuns(sorted)) return false;
  // Pass 3: their bucket totals, merged into the stored ones. After their insert, as before:
  // a point's late recompute (pass 4) reads its raw rows, new ones included.
  for (const Run& run : fresh_) {
    if (!aggregateInOrder(&sorted[run.first], run.end - run.first, *run.tail)) return false;
  }
  if (!flushUpserts()) return false;
  // Pass 4: the buckets of the late rows, from the raw rows.
  for (const auto& [point, quarters] : late_) {
    if (!recomputeLate(point, quarters)) return false;
    // A late reading may be the newest good one: reload the tail when next needed.
    tails_.erase(point);
  }
  return true;
}

void AggregateWriter::rolledBack() {
  // Reloaded from the database, which the rollback restored, when next needed.
  for (int64_t point : touched_points_) tails_.erase(point);
  touched_points_.clear();
  pending_.clear();
  if (stage_) fold_first_ = true;
}

// 15-minute buckets from raw rows, then every level above from the one below, each parent
// once, in time order, so that a parent always reads finished children.
bool AggregateWriter::recomputeLate(int64_t point, const std::set<TimeMs>& quarters) {
  std::set<TimeMs> touched;
  for (TimeMs q : quarters) {
    if (!recomputeQuarter(point, q, touched)) return false;
  }
  for (std::size_t level = 1; level < kSpans.size(); ++level) {
    std::set<TimeMs> parents;
    for (TimeMs child : touched) parents.insert(calendar_.start(kSpans[level], child));
    for (TimeMs parent : parents) {
      if (!recomputeFromLower(point, kSpans[level], parent)) return false;
    }
    touched = std::move(parents);
  }
  return true;
}

bool AggregateWriter::recomputeQuarter(int64_t point, TimeMs start, std::set<TimeMs>& touched) {
  BucketStats stats;
  sqlite3_stmt* st = prior_before_.get();
  sqlite3_bind_int64(st, 1, point);
  sqlite3_bind_int64(st, 2, start);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) stats.prior = sqlite3_column_double(st, 0);
  prior_before_.reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return false;

  st = raw_bucket_.get();
  sqlite3_bind_int64(st, 1, point);
  sqlite3_bind_int64(st, 2, start);
  sqlite3_bind_int64(st, 3, calendar_.next(Span::Quarter, start));
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    IntervalSummary summary;
    if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
      summary.count = sqlite3_column_int64(st, 3);
      summary.min = sqlite3_column_double(st, 4);
      summary.max = sqlite3_column_double(st, 5);
      summary.sum = sqlite3_column_double(st, 6);
    }
    stats.add(sqlite3_column_int64(st, 0), columnDouble(st, 1),
              static_cast<uint32_t>(sqlite3_column_int64(st, 2)),
              summary.count > 0 ? &summary : nullptr);
  }
  raw_bucket_.reset();
  if (rc != SQLITE_DONE) return false;
  if (!replace(point, Span::Quarter, start, stats)) return false;
  touched.insert(start);

  // The buckets after this one start from its last reading: carry it forward up to and
  // including the next bucket that has a good reading of its own.
  std::optional<double> carried = stats.has_value ? std::optional(stats.last_v) : stats.prior;
  TimeMs from = start;
  while (true) {
    st = next_bucket_.get();
    sqlite3_bind_int64(st, 1, point);
    sqlite3_bind_int64(st, 2, from);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
      next_bucket_.reset();
      return true;
    }
    if (rc != SQLITE_ROW) {
      next_bucket_.reset();
      return false;
    }
    from = sqlite3_column_int64(st, 0);
    const bool has_good = sqlite3_column_type(st, 1) != SQLITE_NULL;
    next_bucket_.reset();
    st = set_prior_.get();
    sqlite3_bind_int64(st, 1, point);
    sqlite3_bind_int64(st, 2, from);
    if (carried) {
      sqlite3_bind_double(st, 3, *carried);
    } else {
      sqlite3_bind_null(st, 3);
    }
    rc = sqlite3_step(st);
    set_prior_.reset();
    if (rc != SQLITE_DONE) return false;
    touched.insert(from);
    if (has_good) return true;
  }
}

bool AggregateWriter::recomputeFromLower(int64_t point, Span span, TimeMs start) {
  BucketStats stats;
  sqlite3_stmt* st = lower_rows_.get();
  sqlite3_bind_int64(st, 1, point);
  sqlite3_bind_int(st, 2, static_cast<int>(span) - 1);
  sqlite3_bind_int64(st, 3, start);
  sqlite3_bind_int64(st, 4, calendar_.next(span, start));
  int rc;
  bool first = true;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    stats.merge(readStats(st, 0), first);
    first = false;
  }
  lower_rows_.reset();
  if (rc != SQLITE_DONE) return false;
  return replace(point, span, start, stats);
}

void AggregateWriter::rebuild(int64_t point) {
  // Raw rows in chunks, each written as an in-order run: the bucket a chunk ends in is merged
  // with the next chunk's by the upsert, exactly as for the daemon's batches.
  SqliteStatement chunk = db_.prepare(
      "SELECT r.t, r.value, r.quality, i.count, i.min_value, i.max_value, i.sum_value "
      "FROM reading r LEFT JOIN reading_interval i ON i.point = r.point AND i.t = r.t "
      "WHERE r.point=?1 AND r.t>?2 ORDER BY r.t LIMIT 100000");
  db_.exec("DELETE FROM aggregate WHERE point=" + std::to_string(point),
           "cannot clear the aggregates of a point");
  Tail tail;
  TimeMs after = std::numeric_limits<TimeMs>::min();
  std::vector<StoredReading> rows;
  while (true) {
    rows.clear();
    sqlite3_bind_int64(chunk.get(), 1, point);
    sqlite3_bind_int64(chunk.get(), 2, after);
    int rc;
    while ((rc = sqlite3_step(chunk.get())) == SQLITE_ROW) {
      StoredReading r;
      r.point = point;
      r.t = sqlite3_column_int64(chunk.get(), 0);
      r.value = columnDouble(chunk.get(), 1).value_or(std::nan(""));
      r.quality = static_cast<uint32_t>(sqlite3_column_int64(chunk.get(), 2));
      if (sqlite3_column_type(chunk.get(), 3) != SQLITE_NULL) {
        r.summary = {sqlite3_column_int64(chunk.get(), 3), sqlite3_column_double(chunk.get(), 4),
                     sqlite3_column_double(chunk.get(), 5), sqlite3_column_double(chunk.get(), 6)};
      }
      rows.push_back(r);
    }
    chunk.reset();
    if (rc != SQLITE_DONE) throw StoreError("cannot read raw readings: " + db_.message());
    if (rows.empty()) break;
    after = rows.back().t;
    // The raw rows exist already; only the aggregate half of the in-order path runs.
    if (!aggregateInOrder(rows.data(), rows.size(), tail) || !flushUpserts()) {
      throw StoreError("cannot rebuild the aggregates: " + db_.message());
    }
  }
  tails_.erase(point);
}

}  // namespace gt::ingest
