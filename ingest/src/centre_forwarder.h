// CentreForwarder: one thread per upper centre ([[forward]]) that sends the site's outbox
// (forward_outbox.h) to the centre over a DEALER socket, one batch at a time, and moves the
// centre's cursor when the centre acknowledges the batch. No acknowledgement within the resend
// time: the same batch again, with a doubling wait (at most a minute). The cursor is in SQLite,
// so a restart of either side resumes where the centre's last acknowledgement left off; the
// centre stores with INSERT OR IGNORE, so a batch it got twice is stored once.
// docs/protocol.md, "Store and forward".
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "greentwin/clock.h"
#include "greentwin/site_config.h"

namespace gt::ingest {

struct ForwarderStats {
  int64_t acked_seq = 0;
  int64_t waiting_rows = 0;     // outbox rows the centre does not have yet
  TimeMs oldest_waiting_t = 0;  // sample time of the oldest of them; 0: none
  uint64_t batches_acked = 0;   // in this run
  uint64_t rows_acked = 0;      // readings in those batches
  uint64_t resends = 0;         // batches sent again after no acknowledgement
  bool reachable = false;       // the last batch sent was acknowledged in time
};

class CentreForwarder {
 public:
  // Opens the centre's cursor in `database` (after ReadingStore::open created the tables) and
  // starts the thread. Throws StoreError.
  static std::unique_ptr<CentreForwarder> start(const std::filesystem::path& database,
                                                const std::string& site,
                                                const ForwardTarget& target);
  // Forgets the outbox cursors of centres not in `targets` (and the whole outbox when it is
  // empty), before the forwarders start. Throws StoreError.
  static void forgetOtherCentres(const std::filesystem::path& database,
                                 const std::vector<ForwardTarget>& targets);
  ~CentreForwarder();  // stop()
  CentreForwarder(const CentreForwarder&) = delete;
  CentreForwarder& operator=(const CentreForwarder&) = delete;

  // Stops the thread; a batch in flight is sent again after the next start. Idempotent.
  void stop() noexcept;
  ForwarderStats stats() const;
  const std::string& centre() const;

  struct Impl;

 private:
  explicit CentreForwarder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gt::ingest
