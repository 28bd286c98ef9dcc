// The store-and-forward outbox (docs/storage.md, "Outbox"): table forward_log gives every
// stored reading a sequence number, in the very transaction that stores it, and table
// forward_cursor keeps, per upper centre, the last number that centre acknowledged. Readings
// wait there, however long a centre is down, until every configured centre has them.
// Internal to the storage .cpp files (includes sqlite3.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "greentwin/forward_messages.h"
#include "reading_store.h"
#include "sqlite_owner.h"

namespace gt::ingest {

// The writing side, used by the ReadingStore writer inside its transaction.
class ForwardLogWriter {
 public:
  // Prepares its statements on `db`, which must outlive it and hold table forward_log.
  explicit ForwardLogWriter(SqliteDb& db);
  // Logs the rows of `sorted` at or after `keep_from` (the ones the store really keeps).
  // Returns false on an SQLite error (the caller rolls back).
  bool append(const std::vector<StoredReading>& sorted, TimeMs keep_from);

 private:
  SqliteDb& db_;
  SqliteStatement insert_one_, insert_many_;
};

// Queue depth of one centre.
struct OutboxDepth {
  int64_t acked_seq = 0;
  int64_t waiting_rows = 0;     // sequence numbers logged after acked_seq
  TimeMs oldest_waiting_t = 0;  // sample time of the first waiting reading; 0: none waiting
};

// The reading side of one centre, on its own connection (the forwarder's thread).
class ForwardOutbox {
 public:
  // Opens `database` (created by ReadingStore::open) and the cursor of `centre` (new: 0, so
  // it receives everything still in the log). Throws StoreError.
  static ForwardOutbox open(const std::filesystem::path& database, const std::string& centre);
  // Forgets the cursors of centres no longer configured, so they do not hold the log for
  // ever, and empties the log when there are none. Throws StoreError.
  static void keepOnlyCentres(const std::filesystem::path& database,
                              const std::vector<std::string>& centres);

  int64_t ackedSeq() const { return acked_; }
  // Up to `max_rows` sequence numbers after ackedSeq(), with their readings; nullopt when
  // nothing waits or on an SQLite error (`error` set then).
  std::optional<wire::ForwardBatch> nextBatch(const std::string& site, int max_rows,
                                              std::string& error);
  // The centre has committed everything up to `last_seq`: moves the cursor (durably) and
  // deletes the log rows that every centre has. False on an SQLite error (`error` set).
  bool acknowledge(int64_t last_seq, std::string& error);
  std::optional<OutboxDepth> depth();

 private:
  ForwardOutbox() = default;
  bool loadPoints();

  SqliteDb db_;
  std::string centre_;
  int64_t acked_ = 0;
  SqliteStatement batch_, advance_, prune_, max_seq_, oldest_;
  std::unordered_map<int64_t, wire::ForwardPoint> points_;
};

}  // namespace gt::ingest
