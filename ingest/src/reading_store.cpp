// The ReadingStore writer thread: queue in, batched transactions out (see reading_store.h).
#include "reading_store.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <limits>
#include <mutex>
#include <thread>
#include <variant>

#include "aggregate_writer.h"
#include "blocking_queue.h"
#include "forward_outbox.h"
#include "log.h"
#include "reading_stage.h"
#include "store_schema.h"
#include "writer_lock.h"

namespace gt::ingest {

namespace {
struct FlushRequest {
  std::shared_ptr<std::promise<void>> done;
};
struct StopRequest {};
using StoreItem = std::variant<std::vector<StoredReading>, wire::AlarmEvent, FlushRequest,
                               StopRequest, std::vector<EntryAudit>>;
using Clock = std::chrono::steady_clock;
// The longest a committed transaction waits for its WAL fsync (see syncWalIfDue()).
constexpr std::chrono::seconds kWalSyncEvery{1};
// Retention: how often to look for expired raw rows, and how much to delete per transaction
// and per turn of the writer loop, so that a first clean-up of years of rows never holds the
// write lock for long (new readings wait at most about kExpireTurn more).
constexpr std::chrono::seconds kExpireEvery{60};
constexpr int64_t kExpireRowsPerTransaction = 5000;
constexpr std::chrono::milliseconds kExpireTurn{50};
constexpr TimeMs kDayMs = 86'400'000;
}  // namespace

struct ReadingStore::Writer {
  WriterLock writer_lock;  // released after db is closed (members die in reverse order)
  SqliteDb db;
  std::unique_ptr<AggregateWriter> aggregates;    // also writes the raw rows
  std::unique_ptr<ForwardLogWriter> forward_log;  // only with StoreOptions::forward_log
  std::unique_ptr<ReadingStage> stage;            // only with StoreOptions::stage_fold_every
  SqliteStatement insert_alarm, clear_alarm, insert_entry, expire_oldest, expire_bound,
      expire_reading, expire_interval;
  std::unordered_map<std::string, int64_t> point_ids;
  int64_t next_alarm_id = 1;
  StoreOptions options;

  BlockingQueue<StoreItem> queue;
  std::thread thread;
  std::once_flag closed;

  // Owned by the writer thread: what is waiting for the next transaction.
  std::vector<StoredReading> rows;
  std::vector<wire::AlarmEvent> alarms;
  std::vector<EntryAudit> entries;
  // Scratch for writeAll() and sortPending(), kept to reuse their capacity: the rows in key
  // order, where each ascending run of `rows` starts, and the unmerged [pos, end) of each run.
  std::vector<StoredReading> sorted;
  std::vector<std::size_t> run_starts;
  std::vector<std::pair<std::size_t, std::size_t>> heads;
  Clock::time_point oldest{};          // arrival of the oldest pending item
  Clock::time_point retry_at{};        // after a failed commit, when to try again
  Clock::time_point wal_synced{};      // last checkpoint started by syncWalIfDue()
  bool wal_unsynced = false;           // a commit since then
  uint64_t too_old = 0;                // rows of the transaction older than the horizon
  Clock::time_point next_expiry{};     // when expireRaw() next looks for work
  Clock::time_point last_fold{};       // staging: last fold committed (or attempted)
  std::vector<int64_t> expire_points;  // points still to clean in this round

  mutable std::mutex stats_mutex;
  StoreStats stats;

  void run();
  bool commit();
  bool foldStage();
  bool pending() const { return !rows.empty() || !alarms.empty() || !entries.empty(); }
  bool writeAll();
  void sortPending();
  void syncWalIfDue();
  TimeMs keepFrom() const;
  void expireRaw();
};

// The oldest sample time kept raw, on a 15-minute boundary so that a retention pass never
// leaves a bucket half raw (a late reading's bucket is recomputed from its raw rows).
TimeMs ReadingStore::Writer::keepFrom() const {
  if (options.raw_retention_days <= 0) return std::numeric_limits<TimeMs>::min();
  const BucketCalendar calendar(options.utc_offset_minutes);
  return calendar.start(Span::Quarter, options.now() - options.raw_retention_days * kDayMs);
}

// Deletes raw rows older than the horizon, a few thousand at a time, one point after the
// other, for at most kExpireTurn per call. Aggregates are never deleted.
void ReadingStore::Writer::expireRaw() {
  if (options.raw_retention_days <= 0 || Clock::now() < next_expiry) return;
  if (expire_points.empty()) {
    for (const auto& [name, id] : point_ids) expire_points.push_back(id);
  }
  const TimeMs horizon = keepFrom();
  const auto stop_at = Clock::now() + kExpireTurn;
  while (!expire_points.empty() && Clock::now() < stop_at) {
    const int64_t point = expire_points.back();
    // Nothing expired (the usual case): one B-tree descent, not a scan.
    sqlite3_stmt* st = expire_oldest.get();
    sqlite3_bind_int64(st, 1, point);
    int rc = sqlite3_step(st);
    const bool clean = rc == SQLITE_ROW && (sqlite3_column_type(st, 0) == SQLITE_NULL ||
                                            sqlite3_column_int64(st, 0) >= horizon);
    expire_oldest.reset();
    if (rc != SQLITE_ROW) break;
    if (clean) {
      expire_points.pop_back();
      continue;
    }
    // Delete below the horizon, or below the kExpireRowsPerTransaction-th row if that is
    // earlier: a bounded transaction.
    TimeMs bound = horizon;
    st = expire_bound.get();
    sqlite3_bind_int64(st, 1, point);
    sqlite3_bind_int64(st, 2, kExpireRowsPerTransaction);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) bound = std::min<TimeMs>(bound, sqlite3_column_int64(st, 0));
    expire_bound.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) break;
    if (db.tryExec("BEGIN IMMEDIATE") != SQLITE_OK) break;
    int64_t deleted = 0;
    bool ok = true;
    for (SqliteStatement* del : {&expire_reading, &expire_interval}) {
      sqlite3_bind_int64(del->get(), 1, point);
      sqlite3_bind_int64(del->get(), 2, bound);
      ok = ok && sqlite3_step(del->get()) == SQLITE_DONE;
      if (del == &expire_reading) deleted = sqlite3_changes(db.get());
      del->reset();
    }
    if (!ok || db.tryExec("COMMIT") != SQLITE_OK) {
      logWarn("database: cannot delete expired raw readings (", db.message(),
              "); trying again in a minute");
      db.tryExec("ROLLBACK");
      break;
    }
    wal_unsynced = true;
    {
      std::lock_guard lock(stats_mutex);
      stats.rows_expired += static_cast<uint64_t>(deleted);
    }
    if (bound == horizon) expire_points.pop_back();  // this point is clean
  }
  // More to do: come back at the next turn of the writer loop, after pending commits.
  next_expiry = expire_points.empty() ? Clock::now() + kExpireEvery : Clock::now();
}

// synchronous=NORMAL fsyncs the WAL only when a checkpoint runs, so the time between
// checkpoints is what a power loss can undo. The automatic checkpoint is by WAL size
// (kWalCheckpointPages, store_schema.cpp); this one also bounds it in time. PASSIVE: it never
// waits for readers, and a checkpoint it cannot finish is completed by a later one. Called on
// every turn of the writer loop, which turns at least once a second even when idle.
void ReadingStore::Writer::syncWalIfDue() {
  const auto now = Clock::now();
  if (!wal_unsynced || now - wal_synced < kWalSyncEvery) return;
  wal_synced = now;
  wal_unsynced = false;
  const int rc =
      sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    logWarn("database: checkpoint failed (", db.message(), "); retrying after the next commit");
  }
}

namespace {
bool keyLess(const StoredReading& a, const StoredReading& b) {
  return a.point != b.point ? a.point < b.point : a.t < b.t;
}
// Beyond this many ascending runs in the pending rows, a plain stable sort.
constexpr std::size_t kMaxMergeRuns = 256;
}  // namespace

// `rows` in (point, t) order into `sorted`, stably. The daemon's pending rows are a series of
// poll rounds, each usually in point order already: a stable merge of those ascending runs
// copies each row once, where std::stable_sort moved each about 15 times through a fresh
// temporary buffer (7-15% of the writer's time at 100 000-row transactions).
void ReadingStore::Writer::sortPending() {
  run_starts.clear();
  run_starts.push_back(0);
  for (std::size_t i = 1; i < rows.size() && run_starts.size() <= kMaxMergeRuns; ++i) {
    if (keyLess(rows[i], rows[i - 1])) run_starts.push_back(i);
  }
  if (run_starts.size() > kMaxMergeRuns) {
    sorted.assign(rows.begin(), rows.end());
    std::stable_sort(sorted.begin(), sorted.end(), keyLess);
    return;
  }
  // Min-heap of the head of each run; of equal keys the earlier run (earlier arrival) first.
  heads.clear();
  for (std::size_t r = 0; r < run_starts.size(); ++r) {
    heads.push_back({run_starts[r], r + 1 < run_starts.size() ? run_starts[r + 1] : rows.size()});
  }
  heads.erase(
      std::remove_if(heads.begin(), heads.end(), [](const auto& h) { return h.first >= h.second; }),
      heads.end());
  const auto later = [this](const std::pair<std::size_t, std::size_t>& a,
                            const std::pair<std::size_t, std::size_t>& b) {
    const StoredReading& x = rows[a.first];
    const StoredReading& y = rows[b.first];
    if (keyLess(y, x)) return true;
    if (keyLess(x, y)) return false;
    return a.first > b.first;  // runs lie in arrival order: a smaller index arrived first
  };
  std::make_heap(heads.begin(), heads.end(), later);
  sorted.clear();
  sorted.reserve(rows.size());
  while (!heads.empty()) {
    std::pop_heap(heads.begin(), heads.end(), later);
    auto& h = heads.back();
    sorted.push_back(rows[h.first]);
    if (++h.first < h.second) {
      std::push_heap(heads.begin(), heads.end(), later);
    } else {
      heads.pop_back();
    }
  }
}

bool ReadingStore::Writer::writeAll() {
  // Key order: consecutive inserts land on the same or the next leaf of the (point, t) B-tree
  // instead of hopping across every point's pages once per poll round (5x faster at 2 000
  // points). A copy, because the pending rows stay in arrival order: the oldest are the ones
  // dropped if the disk fails. Stable, so that of two rows with one key the first to arrive is
  // still the one INSERT OR IGNORE keeps.
  sortPending();
  // Of two rows with one key only the first counts, as INSERT OR IGNORE would keep it; the
  // aggregates must not see the second.
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const StoredReading& a, const StoredReading& b) {
                             return a.point == b.point && a.t == b.t;
                           }),
               sorted.end());
  too_old = 0;
  if (!aggregates->write(sorted, keepFrom(), too_old)) return false;
  if (forward_log && !forward_log->append(sorted, keepFrom())) return false;
  for (const wire::AlarmEvent& a : alarms) {
    int rc;
    if (a.state == AlarmState::Raised) {
      sqlite3_stmt* st = insert_alarm.get();
      sqlite3_bind_int64(st, 1, a.id);
      sqlite3_bind_text(st, 2, a.meter.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 3, a.equipment.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 4, a.area.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(st, 5, static_cast<int>(a.code));
      sqlite3_bind_int64(st, 6, a.t);
      sqlite3_bind_text(st, 7, a.text.c_str(), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step(st);
      insert_alarm.reset();
    } else {
      sqlite3_stmt* st = clear_alarm.get();
      sqlite3_bind_int64(st, 1, a.id);
      sqlite3_bind_int64(st, 2, a.t);
      sqlite3_bind_text(st, 3, a.text.c_str(), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step(st);
      clear_alarm.reset();
    }
    if (rc != SQLITE_DONE) return false;
  }
  for (const EntryAudit& e : entries) {
    sqlite3_stmt* st = insert_entry.get();
    sqlite3_bind_text(st, 1, e.kind.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, e.point.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, e.t);
    if (std::isfinite(e.value)) {
      sqlite3_bind_double(st, 4, e.value);
    } else {
      sqlite3_bind_null(st, 4);
    }
    sqlite3_bind_int64(st, 5, e.quality);
    sqlite3_bind_text(st, 6, e.entered_by.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, e.entered_at);
    sqlite3_bind_text(st, 8, e.reason.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 9, e.source.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 10, e.result.c_str(), -1, SQLITE_TRANSIENT);
    const int rc = sqlite3_step(st);
    insert_entry.reset();
    if (rc != SQLITE_DONE) return false;
  }
  return true;
}

// One transaction with everything pending. On failure nothing is lost from memory: the rows
// stay pending and are retried (the transaction is all or nothing, and INSERT OR IGNORE makes
// the retry harmless).
bool ReadingStore::Writer::commit() {
  if (db.tryExec("BEGIN IMMEDIATE") != SQLITE_OK) {
    logError("database: cannot start a transaction (", db.message(), "); ", rows.size(),
             " readings wait in memory, retrying in 1 s");
  } else if (!writeAll() || db.tryExec("COMMIT") != SQLITE_OK) {
    logError("database: cannot store ", rows.size(), " readings (", db.message(),
             "); they wait in memory, retrying in 1 s");
    db.tryExec("ROLLBACK");
    aggregates->rolledBack();
    if (stage) stage->rolledBack();
  } else {
    aggregates->committed();
    if (stage) stage->committed();
    if (too_old > 0) {
      logWarn("database: ", too_old, " readings older than [ingest] raw_retention_days (",
              options.raw_retention_days, " days) were not stored");
    }
    {
      std::lock_guard lock(stats_mutex);
      stats.rows_committed += rows.size();
      stats.rows_too_old += too_old;
      ++stats.commits;
    }
    rows.clear();
    alarms.clear();
    entries.clear();
    wal_unsynced = true;
    return true;
  }
  std::lock_guard lock(stats_mutex);
  ++stats.failed_commits;
  retry_at = Clock::now() + std::chrono::seconds(1);
  if (rows.size() > options.max_pending_rows) {
    const std::size_t drop = rows.size() - options.max_pending_rows;
    rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(drop));
    stats.rows_dropped += drop;
    logError("database: dropped the ", drop, " oldest readings waiting for a failing database");
  }
  return false;
}

// Moves the staged rows into table reading, in a transaction of its own between the
// writer's commits. A failure leaves them staged (readable through reading_all) for the next
// try; a kill -9 during the fold rolls it back as a whole, and the next open folds again.
bool ReadingStore::Writer::foldStage() {
  last_fold = Clock::now();
  const uint64_t staged = stage->rows();
  if (db.tryExec("BEGIN IMMEDIATE") != SQLITE_OK || !stage->fold() ||
      db.tryExec("COMMIT") != SQLITE_OK) {
    logError("database: cannot fold ", staged, " staged readings into table reading (",
             db.message(), "); they stay staged, retrying later");
    db.tryExec("ROLLBACK");
    stage->rolledBack();
    return false;
  }
  stage->committed();
  wal_unsynced = true;
  std::lock_guard lock(stats_mutex);
  ++stats.folds;
  stats.rows_folded += staged;
  return true;
}

void ReadingStore::Writer::run() {
  bool stopping = false;
  while (!stopping) {
    auto deadline = Clock::now() + std::chrono::seconds(1);
    if (pending()) deadline = std::max(oldest + options.batch, retry_at);
    std::vector<std::shared_ptr<std::promise<void>>> flushes;
    bool commit_now = false;
    if (auto item = queue.popUntil(deadline)) {
      if (!pending()) oldest = Clock::now();
      if (auto* r = std::get_if<std::vector<StoredReading>>(&*item)) {
        // Swapped in only while `rows` is still small: otherwise its capacity, grown by
        // earlier transactions, would be traded for the poll round's and regrown by
        // reallocation (and fresh page faults) on every transaction.
        if (rows.empty() && rows.capacity() < r->size()) {
          rows.swap(*r);
        } else {
          rows.insert(rows.end(), r->begin(), r->end());
        }
      } else if (auto* a = std::get_if<wire::AlarmEvent>(&*item)) {
        alarms.push_back(std::move(*a));
      } else if (auto* e = std::get_if<std::vector<EntryAudit>>(&*item)) {
        entries.insert(entries.end(), std::make_move_iterator(e->begin()),
                       std::make_move_iterator(e->end()));
      } else if (auto* f = std::get_if<FlushRequest>(&*item)) {
        flushes.push_back(f->done);
        commit_now = true;
      } else {
        stopping = true;
        commit_now = true;
      }
    }
    const auto now = Clock::now();
    const bool due = rows.size() >= options.batch_rows || now >= oldest + options.batch;
    if (pending() && (commit_now || (due && now >= retry_at))) {
      if (!commit() && stopping) {
        // Last chance at shutdown: try once more after the busy timeout, then report the loss.
        if (!commit()) {
          logError("database: ", rows.size(), " readings and ", alarms.size(),
                   " alarm changes could not be stored before exit");
        }
      }
    }
    if (stage && !pending() && stage->rows() > 0 &&
        (commit_now || stage->rows() >= options.stage_fold_rows ||
         Clock::now() - last_fold >= options.stage_fold_every)) {
      foldStage();
    }
    for (auto& f : flushes) f->set_value();
    if (!stopping && !pending()) expireRaw();
    syncWalIfDue();
  }
}

ReadingStore::ReadingStore(std::unique_ptr<Writer> writer) : writer_(std::move(writer)) {}

std::unique_ptr<ReadingStore> ReadingStore::open(const std::filesystem::path& file,
                                                 const std::vector<PointInfo>& points,
                                                 TimeMs started, StoreOptions options) {
  auto w = std::make_unique<Writer>();
  w->options = options;
  w->db = SqliteDb::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  // After the open, so that an unusable path is reported by SQLite naming the database.
  w->writer_lock = WriterLock::take(file);
  createSchema(w->db, options.utc_offset_minutes);
  w->point_ids = registerPoints(w->db, points);
  if (const int closed = closeOpenAlarms(w->db, started); closed > 0) {
    logInfo("database: closed ", closed, " alarm(s) left raised by the previous run");
  }
  w->next_alarm_id = maxAlarmId(w->db) + 1;
  w->aggregates =
      std::make_unique<AggregateWriter>(w->db, BucketCalendar(options.utc_offset_minutes));
  // Rows staged by a run that died before its fold: into reading now, before any tail is
  // loaded (the tails come from table reading). Also when staging is now off.
  auto stage = std::make_unique<ReadingStage>(w->db);
  if (stage->rows() > 0) {
    logInfo("database: folding ", stage->rows(), " readings staged by the previous run");
    w->stage = std::move(stage);
    if (!w->foldStage()) throw StoreError("cannot fold the staged readings: " + w->db.message());
    stage = std::move(w->stage);
  }
  if (options.stage_fold_every.count() > 0) {
    w->stage = std::move(stage);
    w->aggregates->setStage(w->stage.get());
  }
  w->last_fold = Clock::now();
  if (options.forward_log) w->forward_log = std::make_unique<ForwardLogWriter>(w->db);
  w->expire_oldest = w->db.prepare("SELECT MIN(t) FROM reading WHERE point=?1");
  w->expire_bound =
      w->db.prepare("SELECT t FROM reading WHERE point=?1 ORDER BY t LIMIT 1 OFFSET ?2");
  w->expire_reading = w->db.prepare("DELETE FROM reading WHERE point=?1 AND t<?2");
  w->expire_interval = w->db.prepare("DELETE FROM reading_interval WHERE point=?1 AND t<?2");
  w->insert_alarm = w->db.prepare(
      "INSERT OR IGNORE INTO alarm(id, meter, equipment, area, code, raised_t, raise_text) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  w->insert_entry = w->db.prepare(
      "INSERT INTO entry(kind, point, t, value, quality, entered_by, entered_at, reason, source, "
      "result) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  w->clear_alarm = w->db.prepare(
      "UPDATE alarm SET cleared_t=?2, cleared_by='recovered', clear_text=?3 WHERE id=?1");
  Writer* raw = w.get();
  w->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<ReadingStore>(new ReadingStore(std::move(w)));
}

ReadingStore::~ReadingStore() {
  close();
}

const std::unordered_map<std::string, int64_t>& ReadingStore::pointIds() const {
  return writer_->point_ids;
}

int64_t ReadingStore::nextAlarmId() const {
  return writer_->next_alarm_id;
}

void ReadingStore::append(std::vector<StoredReading> rows) {
  if (!rows.empty()) writer_->queue.push(std::move(rows));
}

void ReadingStore::record(const wire::AlarmEvent& event) {
  writer_->queue.push(event);
}

void ReadingStore::record(std::vector<EntryAudit> entries) {
  if (!entries.empty()) writer_->queue.push(std::move(entries));
}

void ReadingStore::flush() {
  if (!writer_->thread.joinable()) return;
  auto done = std::make_shared<std::promise<void>>();
  auto future = done->get_future();
  writer_->queue.push(FlushRequest{std::move(done)});
  future.wait();
}

void ReadingStore::close() noexcept {
  std::call_once(writer_->closed, [this] {
    if (writer_->thread.joinable()) {
      writer_->queue.push(StopRequest{});
      writer_->thread.join();
    }
    // Fold the WAL back into the main file so a copied .db is complete on its own.
    writer_->db.tryExec("PRAGMA wal_checkpoint(TRUNCATE)");
  });
}

StoreStats ReadingStore::stats() const {
  std::lock_guard lock(writer_->stats_mutex);
  return writer_->stats;
}

}  // namespace gt::ingest
