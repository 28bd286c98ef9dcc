// IngestDaemon: greentwin-ingest put together. One GatewayChannel thread per gateway polls the
// meters; this class's run() loop (the dispatcher) takes their PollReports in arrival order,
// keeps the AlarmTracker, and feeds the ReadingStore writer and the Publisher. Everything that
// decides lives in the pure classes; this file only wires them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "greentwin/site_config.h"

namespace gt::ingest {

struct DaemonOptions {
  std::filesystem::path database;
  std::string publish_endpoint, request_endpoint;
  int meter_clear_after = 5;  // clean polls that clear a meter fault
};

class IngestDaemon {
 public:
  // Opens the database and binds the sockets; polling starts in run(). Throws StoreError or
  // std::runtime_error with a message for the operator. `site` must outlive the daemon.
  static std::unique_ptr<IngestDaemon> open(const SiteConfig& site, const DaemonOptions& options);
  ~IngestDaemon();
  IngestDaemon(const IngestDaemon&) = delete;
  IngestDaemon& operator=(const IngestDaemon&) = delete;

  // Polls, stores and publishes until requestStop(); then stops polling, commits everything
  // queued and closes the sockets before returning.
  void run();
  // Thread-safe (called from the signal-waiting thread).
  void requestStop() noexcept;

  struct Parts;

 private:
  explicit IngestDaemon(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace gt::ingest
