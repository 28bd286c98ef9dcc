// The ReadingStore writer thread: queue in, batched transactions out (see reading_store.h).
#include "reading_store.h"

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
}  // namespace

struct ReadingStore::Writer {
  SqliteDb db;
  SqliteStatement insert_reading, insert_alarm, clear_alarm;
  std::unordered_map<std::string, int64_t> point_ids;
  int64_t next_alarm_id = 1;
  StoreOptions options;

  BlockingQueue<StoreItem> queue;
  std::thread thread;
  std::once_flag closed;

  // Owned by the writer thread: what is waiting for the next transaction.
  std::vector<StoredReading> rows;
  std::vector<wire::AlarmEvent> alarms;
  Clock::time_point oldest{};    // arrival of the oldest pending item
  Clock::time_point retry_at{};  // after a failed commit, when to try again

  mutable std::mutex stats_mutex;
  StoreStats stats;

  void run();
  bool commit();
  bool pending() const { return !rows.empty() || !alarms.empty(); }
  bool writeAll();
};

bool ReadingStore::Writer::writeAll() {
  sqlite3_stmt* ins = insert_reading.get();
  for (const StoredReading& r : rows) {
    sqlite3_bind_int64(ins, 1, r.point);
    sqlite3_bind_int64(ins, 2, r.t);
    if (std::isnan(r.value)) {
      sqlite3_bind_null(ins, 3);
    } else {
      sqlite3_bind_double(ins, 3, r.value);
    }
    sqlite3_bind_int64(ins, 4, r.quality);
    const int rc = sqlite3_step(ins);
    insert_reading.reset();
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
    std::lock_guard lock(stats_mutex);
    stats.rows_committed += rows.size();
    ++stats.commits;
    rows.clear();
    alarms.clear();
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
        rows.insert(rows.end(), r->begin(), r->end());
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
