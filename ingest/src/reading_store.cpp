// The ReadingStore writer thread: queue in, batched transactions out (see reading_store.h).
#include "reading_store.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <mutex>
#include <thread>
#include <variant>

#include "blocking_queue.h"
#include "log.h"
#include "store_schema.h"

namespace gt::ingest {

namespace {
struct FlushRequest {
  std::shared_ptr<std::promise<void>> done;
};
struct StopRequest {};
using StoreItem =
    std::variant<std::vector<StoredReading>, wire::AlarmEvent, FlushRequest, StopRequest>;
using Clock = std::chrono::steady_clock;
// The longest a committed transaction waits for its WAL fsync (see syncWalIfDue()).
constexpr std::chrono::seconds kWalSyncEvery{1};
}  // namespace

struct ReadingStore::Writer {
  SqliteDb db;
  static constexpr int kRowsPerInsert = 64;  // 256 parameters, far below SQLite's limit
  SqliteStatement insert_reading, insert_readings, insert_alarm, clear_alarm;
  std::unordered_map<std::string, int64_t> point_ids;
  int64_t next_alarm_id = 1;
  StoreOptions options;

  BlockingQueue<StoreItem> queue;
  std::thread thread;
  std::once_flag closed;

  // Owned by the writer thread: what is waiting for the next transaction.
  std::vector<StoredReading> rows;
  std::vector<wire::AlarmEvent> alarms;
  std::vector<StoredReading> sorted;  // scratch for writeAll(), kept to reuse its capacity
  Clock::time_point oldest{};         // arrival of the oldest pending item
  Clock::time_point retry_at{};       // after a failed commit, when to try again
  Clock::time_point wal_synced{};     // last checkpoint started by syncWalIfDue()
  bool wal_unsynced = false;          // a commit since then

  mutable std::mutex stats_mutex;
  StoreStats stats;

  void run();
  bool commit();
  bool pending() const { return !rows.empty() || !alarms.empty(); }
  bool writeAll();
  void syncWalIfDue();
};

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
// Binds one reading to parameters first..first+3 of an insert statement.
void bindReading(sqlite3_stmt* st, int first, const StoredReading& r) {
  sqlite3_bind_int64(st, first, r.point);
  sqlite3_bind_int64(st, first + 1, r.t);
  if (std::isnan(r.value)) {
    sqlite3_bind_null(st, first + 2);
  } else {
    sqlite3_bind_double(st, first + 2, r.value);
  }
  sqlite3_bind_int64(st, first + 3, r.quality);
}

// "INSERT OR IGNORE ... VALUES(?,?,?,?),(?,?,?,?),..." with `rows` row groups.
std::string insertReadingsSql(int rows) {
  std::string sql = "INSERT OR IGNORE INTO reading(point, t, value, quality) VALUES";
  for (int i = 0; i < rows; ++i) sql += i == 0 ? "(?,?,?,?)" : ",(?,?,?,?)";
  return sql;
}
}  // namespace

bool ReadingStore::Writer::writeAll() {
  // Key order: consecutive inserts land on the same or the next leaf of the (point, t) B-tree
  // instead of hopping across every point's pages once per poll round (5x faster at 2 000
  // points). A copy, because the pending rows stay in arrival order: the oldest are the ones
  // dropped if the disk fails. Stable, so that of two rows with one key the first to arrive is
  // still the one INSERT OR IGNORE keeps.
  sorted.assign(rows.begin(), rows.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const StoredReading& a, const StoredReading& b) {
                     return a.point != b.point ? a.point < b.point : a.t < b.t;
                   });
  // Many rows per statement: one VDBE program run per kRowsPerInsert rows, not per row.
  std::size_t i = 0;
  sqlite3_stmt* many = insert_readings.get();
  for (; i + kRowsPerInsert <= sorted.size(); i += kRowsPerInsert) {
    for (int k = 0; k < kRowsPerInsert; ++k) bindReading(many, 4 * k + 1, sorted[i + k]);
    const int rc = sqlite3_step(many);
    sqlite3_reset(many);
    if (rc != SQLITE_DONE) return false;
  }
  sqlite3_stmt* one = insert_reading.get();
  for (; i < sorted.size(); ++i) {
    bindReading(one, 1, sorted[i]);
    const int rc = sqlite3_step(one);
    sqlite3_reset(one);
    if (rc != SQLITE_DONE) return false;
  }
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
  } else {
    {
      std::lock_guard lock(stats_mutex);
      stats.rows_committed += rows.size();
      ++stats.commits;
    }
    rows.clear();
    alarms.clear();
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
        if (rows.empty()) {
          rows.swap(*r);
        } else {
          rows.insert(rows.end(), r->begin(), r->end());
        }
      } else if (auto* a = std::get_if<wire::AlarmEvent>(&*item)) {
        alarms.push_back(std::move(*a));
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
    for (auto& f : flushes) f->set_value();
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
  createSchema(w->db);
  w->point_ids = registerPoints(w->db, points);
  if (const int closed = closeOpenAlarms(w->db, started); closed > 0) {
    logInfo("database: closed ", closed, " alarm(s) left raised by the previous run");
  }
  w->next_alarm_id = maxAlarmId(w->db) + 1;
  w->insert_reading = w->db.prepare(
      "INSERT OR IGNORE INTO reading(point, t, value, quality) VALUES(?1, ?2, ?3, ?4)");
  w->insert_readings = w->db.prepare(insertReadingsSql(Writer::kRowsPerInsert));
  w->insert_alarm = w->db.prepare(
      "INSERT OR IGNORE INTO alarm(id, meter, equipment, area, code, raised_t, raise_text) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
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
