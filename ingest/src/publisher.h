// Publisher: the daemon's ZeroMQ face, in one thread that owns both sockets (ZeroMQ sockets
// are not thread-safe). PUB sends [topic, body] for readings, alarms and a heartbeat every
// second; ROUTER answers snapshot, history, explain and enter requests, and anything malformed
// with an error reply. A read request (poll a meter now) is answered later: the publisher hands it
// to the daemon with a ticket, keeps the client's envelope, and replies when answerRead() brings
// the result, or with an error when none comes in time, so a slow or dead meter never holds
// up the thread. History, explain and enter run on a worker thread for the same reason (a
// year of readings, a wait for the writer's commit); their replies go back through the
// publisher thread, in the order they finish. Other threads hand it events through post();
// zmq.hpp stays in the .cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "daemon_clock.h"
#include "greentwin/messages.h"

namespace gt::ingest {

// The outcome of one poll as the outside world sees it.
struct MeterUpdate {
  wire::MeterState state;
  bool publish = false;  // a successful poll: publish `batch` and make it the latest
  wire::ReadingBatch batch;
};

struct PublisherOptions {
  std::string publish_endpoint;  // PUB binds here
  std::string request_endpoint;  // ROUTER binds here
  std::string site;
  TimeMs started = 0;
  std::vector<std::string> meters;  // snapshot order
  std::chrono::milliseconds heartbeat{1000};
  // The daemon's clock state, read at start and with every heartbeat, goes into snapshots;
  // changes are logged (daemon_clock.h). Tests feed their own.
  KernelClockReader kernel_clock = systemKernelClock();
  // The [[forward]] centres' states at `now` for snapshots (thread-safe; runs on the publisher
  // thread). Empty: no forwarding, and snapshots carry no "forward".
  std::function<std::vector<wire::ForwardState>(TimeMs now)> forward_state;
  // Answers `replaced` (counter_messages.h) with a complete reply body (replaced or error):
  // stores the event and applies it to the point's validator. Runs with the slow requests
  // (history, explain, enter), off the publisher thread. Empty: this daemon does not take them.
  std::function<std::string(const wire::ReplacedRequest&)> replaced;
  // Answers `balance` (balance_messages.h) with a complete reply body (balance or error): the
  // energy balance of a past period. Runs with the slow requests. Empty: no [site] accounting.
  std::function<std::string(const wire::BalanceRequest&)> balance;
};

class Publisher {
 public:
  using HistoryQuery = std::function<std::variant<wire::HistoryReply, wire::ErrorReply>(
      const wire::HistoryRequest&)>;
  // Answers `explain` (kpi_messages.h) with a complete reply body (explain or error); runs on
  // the worker thread. Empty: the daemon has no KPIs (no [site] accounting) and says so.
  using ExplainQuery = std::function<std::string(const wire::ExplainRequest&)>;
  // Starts an on-demand read (runs on the publisher thread, must not block): returns how long
  // to wait for its answerRead(ticket, ...) before replying with a timeout error, or an error
  // to reply at once (unknown meter). Empty: this daemon does not read on demand.
  using ReadQuery = std::function<std::variant<std::chrono::milliseconds, wire::ErrorReply>(
      const wire::ReadRequest&, uint64_t ticket)>;

  // Answers `enter` (entry_messages.h) with a complete reply body (entered or error). Runs on
  // the worker thread and waits for the commit (a batch_ms or so). Empty: this daemon does not
  // take entries.
  using EnterQuery = std::function<std::string(const wire::EnterRequest&)>;

  // Binds both sockets (throws std::runtime_error naming the endpoint when it cannot, e.g. the
  // port is taken) and starts the threads. `history`, `explain` and `enter` run one at a time
  // on the worker thread, never on the publisher thread.
  static std::unique_ptr<Publisher> start(const PublisherOptions& options, HistoryQuery history,
                                          ExplainQuery explain = {}, ReadQuery read = {},
                                          EnterQuery enter = {});
  ~Publisher();  // stop()
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  // Thread-safe, non-blocking.
  void post(MeterUpdate update);
  void post(wire::AlarmEvent event);
  // Publishes an encoded body on `topic` (the KPI message). Thread-safe, non-blocking.
  void postEncoded(std::string topic, std::string body);
  // The reply body (readings or error) of the read that ReadQuery got `ticket` for. Sent after
  // everything posted before it (so after the read's own PUB message); dropped when that read
  // was already answered with a timeout. Thread-safe, non-blocking.
  void answerRead(uint64_t ticket, std::string body);
  // Sends what is queued, closes the sockets and joins the thread. Idempotent.
  void stop() noexcept;

  struct Impl;

 private:
  explicit Publisher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gt::ingest
