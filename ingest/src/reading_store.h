// ReadingStore: every reading and alarm, kept in SQLite. One writer thread owns the write
// connection and is fed through a queue, so pollers never wait on the disk; it commits a
// transaction at least every `batch` (ingest.batch_ms) or every `batch_rows` rows, whichever
// comes first; the same transactions keep the aggregates (aggregate_writer.h) and, once a
// minute, delete raw rows past the retention horizon. docs/storage.md gives the schema and
// exactly what a crash can lose.
// sqlite3.h stays in the .cpp files.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bucket_stats.h"
#include "greentwin/messages.h"
#include "store_error.h"

namespace gt::ingest {

// The description of one stored series (table point).
struct PointInfo {
  std::string name;  // "<meter>.<point>"
  std::string meter, equipment, area;
  std::string unit;  // canonical unit
  std::string kind;  // "instant" | "cumulative"
  // Cumulative: where the register wraps (counterModulus()), stored in point.rollover.
  std::optional<double> rollover = std::nullopt;
};

// One row of table reading. A NaN value is stored as NULL.
struct StoredReading {
  int64_t point = 0;  // point id from ReadingStore::pointIds()
  TimeMs t = 0;       // UTC ms
  double value = 0;
  uint32_t quality = 0;
  // Storage policy "interval": the readings this row stands for (table reading_interval);
  // count 0 for a row stored on its own.
  IntervalSummary summary{};
};

// One row of table entry: the audit of a reading entered by hand or imported (entry_desk.h),
// whatever became of it. Written in the transaction that stores the reading itself.
struct EntryAudit {
  std::string kind;   // "manual" | "import"
  std::string point;  // as entered (an unknown name is audited too)
  TimeMs t = 0;
  double value = 0;  // canonical unit; NaN stored as NULL
  uint32_t quality = 0;
  std::string entered_by;
  TimeMs entered_at = 0;
  std::string reason;
  std::string source;  // "history.csv:12" or "cli"
  std::string result;  // "stored", "duplicate", "rejected: <why>"
};

struct StoreOptions {
  std::chrono::milliseconds batch{200};  // longest a queued row waits for its commit
  // Commit early when this many rows wait. A cap on one transaction's size (memory, WAL
  // growth, commit time), not the usual trigger: a commit costs about one page write per B-tree
  // leaf it touches, roughly one per point, so fewer, larger commits are much cheaper per row.
  std::size_t batch_rows = 100'000;
  std::size_t max_pending_rows = 2'000'000;  // beyond this (disk failing for hours) drop oldest
  // The site's time zone, minutes east of UTC ([site] timezone): where aggregate days, months
  // and years begin (local midnight).
  int utc_offset_minutes = 480;
  // Raw rows older than this are deleted (aggregates are kept for ever). 0: keep everything
  // (tools and tests); the daemon passes [ingest] raw_retention_days.
  int raw_retention_days = 0;
  // Store and forward ([[forward]] in site.toml): every stored reading also gets an outbox
  // sequence number in the same transaction (forward_outbox.h). Off without upper centres:
  // it costs store throughput (docs/storage.md, "Outbox").
  bool forward_log = false;
  // Staging (gateway scale, docs/storage.md "Staging"): new readings are appended to table
  // reading_stage and folded into reading every `stage_fold_every` or once `stage_fold_rows`
  // wait, whichever comes first; also by flush() and close(). 0 s: no staging, readings go
  // straight to reading (small sites: a commit touches few leaves anyway).
  std::chrono::seconds stage_fold_every{0};
  std::size_t stage_fold_rows = 3'000'000;
  // Wall clock for the retention horizon; a parameter so tests can move time.
  std::function<TimeMs()> now = nowUtcMs;
};

struct StoreStats {
  uint64_t rows_committed = 0;  // rows sent to the database (replayed duplicates included)
  uint64_t commits = 0;
  uint64_t failed_commits = 0;
  uint64_t rows_dropped = 0;  // lost because the database failed for too long
  uint64_t rows_too_old = 0;  // not stored: older than the raw retention horizon
  uint64_t rows_expired = 0;  // raw rows deleted by retention in this run
  uint64_t folds = 0;         // staging: folds committed
  uint64_t rows_folded = 0;   // staging: rows moved from reading_stage into reading
};

class ReadingStore {
 public:
  // Opens or creates the database at `file`, creates or checks the schema, registers `points`
  // (new ones get ids, known ones keep theirs) and closes the alarms a previous run left open,
  // as of `started`. Then starts the writer thread. Holds the database's WriterLock until
  // close(): throws StoreError when another process writes it, or on any database error.
  static std::unique_ptr<ReadingStore> open(const std::filesystem::path& file,
                                            const std::vector<PointInfo>& points, TimeMs started,
                                            StoreOptions options = {});
  ~ReadingStore();  // close()
  ReadingStore(const ReadingStore&) = delete;
  ReadingStore& operator=(const ReadingStore&) = delete;

  // Point ids by name, for StoredReading::point; fixed after open().
  const std::unordered_map<std::string, int64_t>& pointIds() const;
  // The id a new alarm should get: one more than any alarm id ever stored.
  int64_t nextAlarmId() const;

  // Thread-safe and non-blocking: queue rows / an alarm raise or clear for the writer.
  void append(std::vector<StoredReading> rows);
  void record(const wire::AlarmEvent& event);
  void record(std::vector<EntryAudit> entries);
  // Blocks until everything queued before the call has been committed (or failed to), and
  // folded into table reading when staging is on.
  void flush();
  // Commits everything queued and stops the writer. Idempotent.
  void close() noexcept;
  StoreStats stats() const;

 private:
  struct Writer;
  explicit ReadingStore(std::unique_ptr<Writer> writer);
  std::unique_ptr<Writer> writer_;
};

}  // namespace gt::ingest
