// The forwarding thread of one upper centre (see centre_forwarder.h).
#include "centre_forwarder.h"

#include <algorithm>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "forward_outbox.h"
#include "log.h"

namespace gt::ingest {

namespace {
using Clock = std::chrono::steady_clock;
// How often the thread looks at the stop flag and, when idle, at the outbox.
constexpr std::chrono::milliseconds kTick{100};
constexpr std::chrono::milliseconds kLongestResendWait{60'000};
// How often the queue depth is read back from the database for stats().
constexpr std::chrono::seconds kDepthEvery{1};
// A connection is usually made within this; only a longer absence is worth a warning.
constexpr std::chrono::seconds kQuietWhileConnecting{3};
}  // namespace

struct CentreForwarder::Impl {
  std::string site;
  ForwardTarget target;
  ForwardOutbox outbox;
  zmq::context_t context{1};
  zmq::socket_t dealer{context, zmq::socket_type::dealer};
  std::atomic<bool> stopping{false};
  std::thread thread;
  std::once_flag stopped;
  mutable std::mutex stats_mutex;
  ForwarderStats stats;

  Impl(std::string s, ForwardTarget t, ForwardOutbox o)
      : site(std::move(s)), target(std::move(t)), outbox(std::move(o)) {}
  void run();
  void updateDepth();
};

void CentreForwarder::Impl::updateDepth() {
  if (const std::optional<OutboxDepth> d = outbox.depth()) {
    std::lock_guard lock(stats_mutex);
    stats.acked_seq = d->acked_seq;
    stats.waiting_rows = d->waiting_rows;
    stats.oldest_waiting_t = d->oldest_waiting_t;
  }
}

void CentreForwarder::Impl::run() {
  std::optional<wire::ForwardBatch> batch;  // in flight: sent, not yet acknowledged
  std::string body;
  Clock::time_point resend_at{};
  auto wait = std::chrono::milliseconds(target.resend_ms);
  bool warned_unreachable = false;
  bool sent_before = false;               // this batch went out at least once
  Clock::time_point unconnected_since{};  // first failed send since the last good one
  auto next_depth = Clock::now();
  while (!stopping.load()) {
    const auto now = Clock::now();
    if (now >= next_depth) {
      updateDepth();
      next_depth = now + kDepthEvery;
    }
    if (!batch) {
      std::string error;
      batch = outbox.nextBatch(site, target.batch_rows, error);
      if (!error.empty()) logWarn("forward ", target.id, ": cannot read the outbox: ", error);
      if (batch) {
        body = wire::encode(*batch);
        resend_at = Clock::time_point{};  // send now
      }
    }
    if (batch && Clock::now() >= resend_at) {
      if (sent_before) {
        {
          std::lock_guard lock(stats_mutex);
          ++stats.resends;
          stats.reachable = false;
        }
        if (!warned_unreachable) {
          logWarn("forward ", target.id, ": centre ", target.endpoint,
                  " did not acknowledge "
                  "seq ",
                  batch->first_seq, "..", batch->last_seq, " within ", wait.count() / 2,
                  " ms; sending it again");
          warned_unreachable = true;
        }
      }
      // The REQ envelope (an empty frame), as for every request to a greentwin ROUTER.
      // ZMQ_IMMEDIATE: with no connection the send fails here instead of queueing a copy that
      // would reach the centre late, after its resends.
      const bool sent =
          dealer.send(zmq::message_t(), zmq::send_flags::sndmore | zmq::send_flags::dontwait) &&
          dealer.send(zmq::buffer(body), zmq::send_flags::dontwait);
      if (sent) {
        unconnected_since = Clock::time_point{};
        sent_before = true;
        resend_at = Clock::now() + wait;
        wait = std::min(wait * 2, kLongestResendWait);
      } else {
        // Not connected: nothing went out, so no backoff; try again as soon as ZeroMQ has
        // reconnected (it retries every 200 ms to 5 s by itself).
        if (unconnected_since == Clock::time_point{}) unconnected_since = Clock::now();
        if (!warned_unreachable && Clock::now() - unconnected_since > kQuietWhileConnecting) {
          logWarn("forward ", target.id, ": centre ", target.endpoint,
                  " is not connected; readings wait in the outbox");
          warned_unreachable = true;
        }
        std::lock_guard lock(stats_mutex);
        stats.reachable = false;
        resend_at = Clock::now() + kTick;
      }
    }
    zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, kTick);
    if (!(item.revents & ZMQ_POLLIN)) continue;
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(dealer, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
      continue;
    }
    if (frames.empty()) continue;
    std::string why;
    const std::string_view reply(static_cast<const char*>(frames.back().data()),
                                 frames.back().size());
    const std::optional<wire::ForwardAck> ack = wire::decodeForwardAck(reply, &why);
    if (!ack) {
      logWarn("forward ", target.id, ": centre answered something else than an ack (", why,
              "); sending again later");
      continue;
    }
    // An ack of an earlier send of the same batch is as good as this one's; one of an older
    // batch (its first send's answer arriving after a resend was acked) is ignored.
    if (!batch || ack->last_seq != batch->last_seq) continue;
    std::string error;
    if (!outbox.acknowledge(ack->last_seq, error)) {
      // Not moved: the batch goes again and is stored once.
      logWarn("forward ", target.id, ": cannot move the cursor (", error, ")");
      resend_at = Clock::now() + std::chrono::seconds(1);
      continue;
    }
    if (warned_unreachable) {
      logInfo("forward ", target.id, ": centre ", target.endpoint, " acknowledges again");
      warned_unreachable = false;
    }
    {
      std::lock_guard lock(stats_mutex);
      ++stats.batches_acked;
      stats.rows_acked += batch->readings.size();
      stats.reachable = true;
    }
    batch.reset();
    sent_before = false;
    wait = std::chrono::milliseconds(target.resend_ms);
  }
  updateDepth();
}

CentreForwarder::CentreForwarder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<CentreForwarder> CentreForwarder::start(const std::filesystem::path& database,
                                                        const std::string& site,
                                                        const ForwardTarget& target) {
  auto impl = std::make_unique<Impl>(site, target, ForwardOutbox::open(database, target.id));
  impl->dealer.set(zmq::sockopt::linger, 0);
  impl->dealer.set(zmq::sockopt::immediate, 1);
  impl->dealer.set(zmq::sockopt::reconnect_ivl, 200);
  impl->dealer.set(zmq::sockopt::reconnect_ivl_max, 5000);
  try {
    impl->dealer.connect(target.endpoint);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error("forward '" + target.id + "': cannot use endpoint " + target.endpoint +
                             ": " + e.what());
  }
  impl->updateDepth();
  logInfo("forward ", target.id, ": to ", target.endpoint, ", ", impl->stats.waiting_rows,
          " readings waiting");
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<CentreForwarder>(new CentreForwarder(std::move(impl)));
}

void CentreForwarder::forgetOtherCentres(const std::filesystem::path& database,
                                         const std::vector<ForwardTarget>& targets) {
  std::vector<std::string> ids;
  for (const ForwardTarget& t : targets) ids.push_back(t.id);
  ForwardOutbox::keepOnlyCentres(database, ids);
}

CentreForwarder::~CentreForwarder() {
  stop();
}

void CentreForwarder::stop() noexcept {
  std::call_once(impl_->stopped, [this] {
    impl_->stopping = true;
    if (impl_->thread.joinable()) impl_->thread.join();
  });
}

ForwarderStats CentreForwarder::stats() const {
  std::lock_guard lock(impl_->stats_mutex);
  return impl_->stats;
}

const std::string& CentreForwarder::centre() const {
  return impl_->target.id;
}

}  // namespace gt::ingest
