// CentreReceiver: centre mode ([centre] in site.toml). A ROUTER socket takes the forwarded
// batches of any number of sites (CentreForwarder, or any client following docs/protocol.md),
// stores each in one transaction of this daemon's database, with the aggregates, and
// acknowledges it only once that transaction is committed. A site's point "M-01.p" is stored
// as "<site>/M-01.p". Rows go in with INSERT OR IGNORE, so a batch sent twice (its ack lost,
// a site restarted) is stored once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace gt::ingest {

struct ReceiverStats {
  uint64_t batches_stored = 0;
  uint64_t rows_received = 0;  // readings in stored batches, repeats included
  uint64_t rejected = 0;       // bodies that did not decode, or could not be stored
};

class CentreReceiver {
 public:
  // Opens `database` (its tables created by ReadingStore::open), binds `endpoint` and starts
  // the thread. `utc_offset_minutes`: the centre's zone, where its aggregate days begin.
  // Throws StoreError or std::runtime_error (the endpoint cannot be bound).
  static std::unique_ptr<CentreReceiver> start(const std::filesystem::path& database,
                                               const std::string& endpoint, int utc_offset_minutes);
  ~CentreReceiver();  // stop()
  CentreReceiver(const CentreReceiver&) = delete;
  CentreReceiver& operator=(const CentreReceiver&) = delete;

  void stop() noexcept;  // idempotent
  // The bound endpoint, with the port the system chose for "tcp://127.0.0.1:*".
  const std::string& endpoint() const;
  ReceiverStats stats() const;

  struct Impl;

 private:
  explicit CentreReceiver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gt::ingest
