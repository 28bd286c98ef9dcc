// The publishing thread: PUB stream, ROUTER requests, heartbeat (see publisher.h).
#include "publisher.h"

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "blocking_queue.h"
#include "log.h"
#include "site_snapshot.h"

namespace gt::ingest {

namespace {
struct Encoded {
  std::string topic, body;
};
struct ReadAnswer {
  uint64_t ticket = 0;
  std::string body;
};
// The reply body of a history, explain or enter request, from the worker thread.
struct SlowAnswer {
  uint64_t ticket = 0;
  std::string body;
};
using Event = std::variant<MeterUpdate, wire::AlarmEvent, Encoded, ReadAnswer, SlowAnswer>;
// A request for the worker thread; no request: the worker stops.
struct SlowJob {
  uint64_t ticket = 0;
  std::optional<wire::Request> request;
};
using Clock = std::chrono::steady_clock;

// Queued events wait at most this long: the thread polls the ROUTER with this timeout and
// drains the queue in between (simpler than an inproc wake-up socket per posting thread).
constexpr std::chrono::milliseconds kQueueLatency{10};

void sendPublished(zmq::socket_t& pub, const std::string& topic, const std::string& body) {
  // PUB never blocks: a slow subscriber past its high-water mark loses messages, not us.
  pub.send(zmq::buffer(topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
  pub.send(zmq::buffer(body), zmq::send_flags::dontwait);
}

std::string errorBody(std::string why) {
  return wire::encode(wire::Reply{wire::ErrorReply{std::move(why)}});
}
}  // namespace

struct Publisher::Impl {
  zmq::context_t context{1};
  zmq::socket_t pub{context, zmq::socket_type::pub};
  zmq::socket_t router{context, zmq::socket_type::router};
  PublisherOptions options;
  HistoryQuery history;
  ExplainQuery explain;
  ReadQuery read;
  EnterQuery enter;
  SiteSnapshot snapshot;
  DaemonClockWatch clock_watch;
  // Read requests waiting for their answer: the client's envelope (routing id, REQ delimiter)
  // and when to give up. Publisher thread only.
  struct PendingRead {
    std::vector<zmq::message_t> envelope;
    Clock::time_point deadline;
    std::string meter;
  };
  std::map<uint64_t, PendingRead> pending_reads;
  // History, explain and enter requests the worker is answering: the clients' envelopes.
  // Publisher thread only.
  std::map<uint64_t, std::vector<zmq::message_t>> pending_slow;
  uint64_t next_ticket = 1;
  BlockingQueue<Event> queue;
  std::atomic<bool> stopping{false};
  std::thread thread;
  // The worker: runs history, explain and enter (SQLite over months of readings, a wait for
  // the writer's commit) so heartbeats and live readings never wait for them.
  BlockingQueue<SlowJob> slow_jobs;
  std::atomic<bool> worker_stopping{false};
  std::thread worker;
  std::once_flag stopped;

  Impl(const PublisherOptions& o, HistoryQuery h, ExplainQuery e, ReadQuery r, EnterQuery n)
      : options(o),
        history(std::move(h)),
        explain(std::move(e)),
        read(std::move(r)),
        enter(std::move(n)),
        snapshot(o.site, o.started, o.meters),
        clock_watch(o.kernel_clock) {}

  void run();
  void drainQueue();
  void answerRequests();
  // The reply body, or nullopt when the request was taken as a pending read (its envelope is
  // moved out of `frames` then).
  std::optional<std::string> answer(std::vector<zmq::message_t>& frames);
  void sendReply(std::vector<zmq::message_t>& envelope, const std::string& body);
  void expireReads(Clock::time_point now);
  void runWorker();
  std::string answerSlow(const wire::Request& request);
};

void Publisher::Impl::drainQueue() {
  for (Event& event : queue.takeAll()) {
    if (auto* update = std::get_if<MeterUpdate>(&event)) {
      snapshot.setMeterState(update->state);
      if (update->publish) {
        const wire::ReadingBatch& b = update->batch;
        sendPublished(pub, wire::readingTopic(b.area, b.meter), wire::encode(b));
        snapshot.setLatest(std::move(update->batch));
      }
    } else if (auto* encoded = std::get_if<Encoded>(&event)) {
      sendPublished(pub, encoded->topic, encoded->body);
    } else if (auto* answered = std::get_if<ReadAnswer>(&event)) {
      auto it = pending_reads.find(answered->ticket);
      if (it == pending_reads.end()) continue;  // already answered with a timeout
      sendReply(it->second.envelope, answered->body);
      pending_reads.erase(it);
    } else if (auto* slow = std::get_if<SlowAnswer>(&event)) {
      auto it = pending_slow.find(slow->ticket);
      if (it == pending_slow.end()) continue;
      sendReply(it->second, slow->body);
      pending_slow.erase(it);
    } else {
      const auto& alarm = std::get<wire::AlarmEvent>(event);
      sendPublished(pub, wire::alarmTopic(alarm.area, alarm.meter), wire::encode(alarm));
      snapshot.apply(alarm);
    }
  }
}

void Publisher::Impl::sendReply(std::vector<zmq::message_t>& envelope, const std::string& body) {
  // Envelope: every frame before the body (routing id, and the empty delimiter of a REQ). A
  // client gone meanwhile makes the ROUTER drop the reply; it never blocks.
  for (zmq::message_t& frame : envelope) {
    router.send(frame, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
  }
  router.send(zmq::buffer(body), zmq::send_flags::dontwait);
}

void Publisher::Impl::expireReads(Clock::time_point now) {
  for (auto it = pending_reads.begin(); it != pending_reads.end();) {
    if (now < it->second.deadline) {
      ++it;
      continue;
    }
    logDebug("read of ", it->second.meter, " got no result in time; answered with an error");
    sendReply(it->second.envelope, errorBody("meter did not answer: timeout (no result for " +
                                             it->second.meter + " in time)"));
    it = pending_reads.erase(it);
  }
}

std::optional<std::string> Publisher::Impl::answer(std::vector<zmq::message_t>& frames) {
  const std::string_view body = frames.back().to_string_view();
  std::string why;
  const std::optional<wire::Request> request = wire::decodeRequest(body, &why);
  if (!request) {
    logDebug("malformed request (", why, ") answered with an error");
    return wire::encode(wire::Reply{wire::ErrorReply{"malformed request: " + why}});
  }
  if (std::holds_alternative<wire::SnapshotRequest>(*request)) {
    const TimeMs now = nowUtcMs();
    wire::SnapshotReply reply = snapshot.reply(now);
    if (options.forward_state) reply.forward = options.forward_state(now);
    return wire::encode(wire::Reply{std::move(reply)});
  }
  if (const auto* r = std::get_if<wire::ReadRequest>(&*request)) {
    if (!read) return errorBody("this daemon does not read meters on demand");
    const uint64_t ticket = next_ticket++;
    std::variant<std::chrono::milliseconds, wire::ErrorReply> started;
    try {
      started = read(*r, ticket);
    } catch (const std::exception& ex) {
      return errorBody(std::string("read failed: ") + ex.what());
    }
    if (auto* error = std::get_if<wire::ErrorReply>(&started)) {
      return wire::encode(wire::Reply{std::move(*error)});
    }
    // Keep the envelope; the reply goes out when answerRead() or the deadline comes.
    frames.pop_back();
    pending_reads.emplace(
        ticket, PendingRead{std::move(frames),
                            Clock::now() + std::get<std::chrono::milliseconds>(started), r->meter});
    return std::nullopt;
  }
  if (std::holds_alternative<wire::ExplainRequest>(*request) && !explain) {
    return wire::encode(wire::Reply{wire::ErrorReply{
        "this site has no KPIs: set [site] accounting in site.toml (docs/reports.md)"}});
  }
  if (std::holds_alternative<wire::EnterRequest>(*request) && !enter) {
    return errorBody("this daemon does not take entered readings");
  }
  if (std::holds_alternative<wire::ReplacedRequest>(*request) && !options.replaced) {
    return errorBody("this daemon does not take meter replacements");
  }
  if (std::holds_alternative<wire::BalanceRequest>(*request) && !options.balance) {
    return errorBody("this site has no energy balance: set [site] accounting in site.toml");
  }
  // History, explain and enter go to the worker; the reply goes out when it is done, so these
  // may answer out of order (docs/protocol.md).
  const uint64_t ticket = next_ticket++;
  frames.pop_back();
  pending_slow.emplace(ticket, std::move(frames));
  slow_jobs.push(SlowJob{ticket, *request});
  return std::nullopt;
}

std::string Publisher::Impl::answerSlow(const wire::Request& request) {
  if (const auto* e = std::get_if<wire::ExplainRequest>(&request)) {
    try {
      return explain(*e);
    } catch (const std::exception& ex) {
      return wire::encode(
          wire::Reply{wire::ErrorReply{std::string("explain failed: ") + ex.what()}});
    }
  }
  if (const auto* n = std::get_if<wire::EnterRequest>(&request)) {
    try {
      return enter(*n);
    } catch (const std::exception& ex) {
      return errorBody(std::string("enter failed: ") + ex.what());
    }
  }
  if (const auto* r = std::get_if<wire::ReplacedRequest>(&request)) {
    try {
      return options.replaced(*r);
    } catch (const std::exception& ex) {
      return errorBody(std::string("replaced failed: ") + ex.what());
    }
  }
  if (const auto* b = std::get_if<wire::BalanceRequest>(&request)) {
    try {
      return options.balance(*b);
    } catch (const std::exception& ex) {
      return errorBody(std::string("balance failed: ") + ex.what());
    }
  }
  const auto& h = std::get<wire::HistoryRequest>(request);
  try {
    auto result = history(h);
    if (auto* reply = std::get_if<wire::HistoryReply>(&result)) {
      return wire::encode(wire::Reply{std::move(*reply)});
    }
    return wire::encode(wire::Reply{std::get<wire::ErrorReply>(result)});
  } catch (const std::exception& e) {
    return wire::encode(wire::Reply{wire::ErrorReply{std::string("history failed: ") + e.what()}});
  }
}

void Publisher::Impl::answerRequests() {
  while (true) {
    std::vector<zmq::message_t> frames;
    const auto received =
        zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait);
    if (!received) return;
    if (frames.size() < 2) continue;  // a ROUTER always prepends the routing id
    const std::optional<std::string> reply = answer(frames);
    if (!reply) continue;  // a read, history, explain or enter: answered later
    frames.pop_back();
    sendReply(frames, *reply);
  }
}

void Publisher::Impl::run() {
  auto next_heartbeat = Clock::now();
  while (true) {
    const bool finishing = stopping.load();
    drainQueue();
    if (finishing) break;
    const auto now = Clock::now();
    expireReads(now);
    if (now >= next_heartbeat) {
      const wire::Heartbeat hb{nowUtcMs(), options.started, options.site};
      sendPublished(pub, std::string(wire::kHeartbeatTopic), wire::encode(hb));
      DaemonClockWatch::Check clock = clock_watch.check();
      if (!clock.message.empty()) log(clock.level, clock.message);
      snapshot.setClock(clock.state);
      next_heartbeat += options.heartbeat;
      if (next_heartbeat <= now) next_heartbeat = now + options.heartbeat;
    }
    zmq::pollitem_t items[] = {{router.handle(), 0, ZMQ_POLLIN, 0}};
    try {
      zmq::poll(items, 1, kQueueLatency);
      if (items[0].revents & ZMQ_POLLIN) answerRequests();
    } catch (const zmq::error_t& e) {
      if (e.num() != EINTR) logError("ZeroMQ request socket: ", e.what());
    }
  }
  // Reads still waiting: tell their clients rather than leave them to their own timeouts.
  for (auto& entry : pending_reads) {
    PendingRead& waiting = entry.second;
    sendReply(waiting.envelope,
              errorBody("daemon stopping: read of " + waiting.meter + " not answered"));
  }
  pending_reads.clear();
  for (auto& entry : pending_slow) {
    sendReply(entry.second, errorBody("daemon stopping: request not answered"));
  }
  pending_slow.clear();
}

void Publisher::Impl::runWorker() {
  while (true) {
    std::optional<SlowJob> job = slow_jobs.popUntil(Clock::now() + std::chrono::hours(1));
    if (!job) continue;
    if (!job->request) return;
    // Stopping: the publisher thread tells the clients still waiting.
    if (worker_stopping.load()) continue;
    queue.push(SlowAnswer{job->ticket, answerSlow(*job->request)});
  }
}

Publisher::Publisher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<Publisher> Publisher::start(const PublisherOptions& options, HistoryQuery history,
                                            ExplainQuery explain, ReadQuery read,
                                            EnterQuery enter) {
  auto impl = std::make_unique<Impl>(options, std::move(history), std::move(explain),
                                     std::move(read), std::move(enter));
  // Give subscribers half a second to receive the last messages at shutdown, then go.
  impl->pub.set(zmq::sockopt::linger, 500);
  impl->router.set(zmq::sockopt::linger, 0);
  try {
    impl->pub.bind(options.publish_endpoint);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error("cannot publish on " + options.publish_endpoint +
                             " ([ingest] publish): " + e.what() +
                             " (is another greentwin-ingest running?)");
  }
  try {
    impl->router.bind(options.request_endpoint);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error("cannot answer requests on " + options.request_endpoint +
                             " ([ingest] request): " + e.what() +
                             " (is another greentwin-ingest running?)");
  }
  // The sockets move to the publisher thread here; thread start is a full memory barrier.
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  impl->worker = std::thread([raw] { raw->runWorker(); });
  return std::unique_ptr<Publisher>(new Publisher(std::move(impl)));
}

Publisher::~Publisher() {
  stop();
}

void Publisher::post(MeterUpdate update) {
  impl_->queue.push(std::move(update));
}

void Publisher::post(wire::AlarmEvent event) {
  impl_->queue.push(std::move(event));
}

void Publisher::postEncoded(std::string topic, std::string body) {
  impl_->queue.push(Encoded{std::move(topic), std::move(body)});
}

void Publisher::answerRead(uint64_t ticket, std::string body) {
  impl_->queue.push(ReadAnswer{ticket, std::move(body)});
}

void Publisher::stop() noexcept {
  std::call_once(impl_->stopped, [this] {
    // The worker first (it finishes the request in hand), so its answers are sent below.
    impl_->worker_stopping = true;
    impl_->slow_jobs.push(SlowJob{});
    if (impl_->worker.joinable()) impl_->worker.join();
    impl_->stopping = true;
    if (impl_->thread.joinable()) impl_->thread.join();
    impl_->pub.close();
    impl_->router.close();
  });
}

}  // namespace gt::ingest
