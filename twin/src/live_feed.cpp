// The feed thread: poll both sockets, decode, apply to the TwinState, and ask for snapshots
// when the SnapshotScheduler says so.
#include "live_feed.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "connection_watch.h"

namespace gt::twin {

int64_t monotonicMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

namespace {

constexpr auto kPollTimeout = std::chrono::milliseconds(100);

void connectOrThrow(zmq::socket_t& socket, const std::string& endpoint, const char* key) {
  try {
    socket.connect(endpoint);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error(std::string("cannot connect to ") + key + " '" + endpoint +
                             "': " + e.what());
  }
}

std::string_view view(const zmq::message_t& frame) {
  return {static_cast<const char*>(frame.data()), frame.size()};
}

}  // namespace

struct LiveFeed::Impl {
  TwinState& state;
  zmq::context_t context{1};
  zmq::socket_t sub{context, zmq::socket_type::sub};
  zmq::socket_t dealer{context, zmq::socket_type::dealer};
  std::atomic<bool> stop{false};
  std::thread thread;

  explicit Impl(TwinState& s) : state(s) {}

  void run();
  void sendSnapshotRequest(SnapshotScheduler& scheduler, int64_t now);
  void onPublished(const std::vector<zmq::message_t>& parts, SnapshotScheduler& scheduler);
  void onReply(const std::vector<zmq::message_t>& parts, SnapshotScheduler& scheduler);
};

void LiveFeed::Impl::run() {
  const int64_t start = monotonicMs();
  state.noteListening(start);
  SnapshotScheduler scheduler(start);
  std::vector<zmq::pollitem_t> items{{sub.handle(), 0, ZMQ_POLLIN, 0},
                                     {dealer.handle(), 0, ZMQ_POLLIN, 0}};
  while (!stop.load()) {
    try {
      sendSnapshotRequest(scheduler, monotonicMs());
      zmq::poll(items, kPollTimeout);
      std::vector<zmq::message_t> parts;
      // Drain everything queued: a burst of readings must not be spread over many polls.
      while (zmq::recv_multipart(sub, std::back_inserter(parts), zmq::recv_flags::dontwait)) {
        onPublished(parts, scheduler);
        parts.clear();
      }
      while (zmq::recv_multipart(dealer, std::back_inserter(parts), zmq::recv_flags::dontwait)) {
        onReply(parts, scheduler);
        parts.clear();
      }
    } catch (const zmq::error_t& e) {
      state.noteRejected(std::string("ZeroMQ: ") + e.what());
      std::this_thread::sleep_for(kPollTimeout);
    }
  }
}

void LiveFeed::Impl::sendSnapshotRequest(SnapshotScheduler& scheduler, int64_t now) {
  if (!scheduler.shouldRequest(now)) return;
  // Empty delimiter first, as a REQ socket would send it, so the daemon's ROUTER sees the
  // usual envelope and echoes it back in front of the reply.
  const std::string body = wire::encode(wire::Request{wire::SnapshotRequest{}});
  std::vector<zmq::const_buffer> frames{zmq::const_buffer(nullptr, 0),
                                        zmq::buffer(body.data(), body.size())};
  if (zmq::send_multipart(dealer, frames, zmq::send_flags::dontwait)) {
    scheduler.onRequestSent(now);
  }
}

void LiveFeed::Impl::onPublished(const std::vector<zmq::message_t>& parts,
                                 SnapshotScheduler& scheduler) {
  if (parts.size() != 2) {
    state.noteRejected("published message with " + std::to_string(parts.size()) + " frames");
    return;
  }
  const std::string_view topic = view(parts[0]);
  const std::string_view body = view(parts[1]);
  std::string why;
  if (topic.starts_with("reading/")) {
    if (auto batch = wire::decodeReadingBatch(body, &why)) {
      state.apply(*batch, nowUtcMs());
      return;
    }
  } else if (topic.starts_with("alarm/")) {
    if (auto event = wire::decodeAlarmEvent(body, &why)) {
      state.apply(*event, nowUtcMs());
      return;
    }
  } else if (topic == wire::kKpiTopic) {
    if (auto kpi = wire::decodeKpiUpdate(body, &why)) {
      state.apply(std::move(*kpi));
      return;
    }
  } else if (topic == wire::kBalanceTopic) {
    if (auto balance = wire::decodeBalanceUpdate(body, &why)) {
      state.apply(std::move(*balance));
      return;
    }
  } else if (topic == wire::kHeartbeatTopic) {
    if (auto heartbeat = wire::decodeHeartbeat(body, &why)) {
      const int64_t now = monotonicMs();
      scheduler.onHeartbeat(heartbeat->started, now);
      state.noteHeartbeat(now);
      return;
    }
  } else {
    return;  // a topic of a later schema that merely shares our prefixes
  }
  state.noteRejected(std::string(topic) + ": " + why);
}

void LiveFeed::Impl::onReply(const std::vector<zmq::message_t>& parts,
                             SnapshotScheduler& scheduler) {
  // Envelope frames (the empty delimiter) come first; the body is the last frame.
  if (parts.empty() || parts.back().size() == 0) {
    state.noteRejected("reply without a body");
    return;
  }
  std::string why;
  auto reply = wire::decodeReply(view(parts.back()), &why);
  if (!reply) {
    state.noteRejected("reply: " + why);
    return;
  }
  if (auto* snapshot = std::get_if<wire::SnapshotReply>(&*reply)) {
    state.apply(*snapshot, nowUtcMs());
    state.noteHeartbeat(monotonicMs());  // a reply proves the daemon alive as well as a heartbeat
    scheduler.onSnapshotReply(snapshot->started);
  } else if (auto* error = std::get_if<wire::ErrorReply>(&*reply)) {
    state.noteRejected("daemon: " + error->error);
  }
}

std::unique_ptr<LiveFeed> LiveFeed::start(const IngestSettings& endpoints, TwinState& state) {
  auto impl = std::make_unique<Impl>(state);
  for (zmq::socket_t* socket : {&impl->sub, &impl->dealer}) socket->set(zmq::sockopt::linger, 0);
  for (const char* prefix : {"reading/", "alarm/", "heartbeat", "kpi", "balance"}) {
    impl->sub.set(zmq::sockopt::subscribe, prefix);
  }
  connectOrThrow(impl->sub, endpoints.publish, "ingest.publish");
  connectOrThrow(impl->dealer, endpoints.request, "ingest.request");
  // The sockets move to the feed thread here; starting a thread is the full memory barrier
  // ZeroMQ asks for when a socket changes threads.
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<LiveFeed>(new LiveFeed(std::move(impl)));
}

LiveFeed::LiveFeed(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LiveFeed::~LiveFeed() {
  impl_->stop.store(true);
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace gt::twin
