// The per-link polling loop (see gateway_channel.h).
#include "gateway_channel.h"

#include <algorithm>

#include "log.h"

namespace gt::ingest {

GatewayChannel::GatewayChannel(std::string name, std::unique_ptr<MeterLink> link,
                               std::vector<Member> members, Sink sink, ChannelOptions options)
    : name_(std::move(name)),
      link_(std::move(link)),
      members_(std::move(members)),
      sink_(std::move(sink)),
      options_(options),
      reconnect_(options.reconnect_min, options.reconnect_max) {
  const SteadyTime start = std::chrono::steady_clock::now();
  // Spread the first polls over 100 ms so a gateway does not see all its meters at once on
  // every tick.
  const std::size_t n = std::max<std::size_t>(members_.size(), 1);
  for (std::size_t i = 0; i < members_.size(); ++i) {
    const Meter& m = members_[i].poller->meter();
    schedules_.emplace_back(Millis(m.interval_ms), start + Millis(100 * i / n),
                            options_.backoff_after, options_.meter_backoff_max);
    // Register meters send one request per plan read; DL/T 645 and CJ/T 188 one per point.
    const ReadPlan& plan = members_[i].poller->plan();
    const std::size_t requests = plan.reads.empty() ? m.tmpl->points.size() : plan.reads.size();
    worst_poll_.push_back(Millis(m.timeout_ms) *
                          static_cast<long>(std::max<std::size_t>(requests, 1)));
    longest_poll_ = std::max(longest_poll_, worst_poll_.back());
  }
}

GatewayChannel::~GatewayChannel() {
  stop();
}

void GatewayChannel::start() {
  thread_ = std::thread([this] { run(); });
}

void GatewayChannel::requestStop() noexcept {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

std::optional<std::size_t> GatewayChannel::slotOf(std::size_t meter_index) const {
  for (std::size_t slot = 0; slot < members_.size(); ++slot) {
    if (members_[slot].meter_index == meter_index) return slot;
  }
  return std::nullopt;
}

std::optional<Millis> GatewayChannel::pollNow(std::size_t meter_index, uint64_t ticket) {
  const std::optional<std::size_t> slot = slotOf(meter_index);
  if (!slot) return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    on_demand_.push_back(OnDemand{*slot, ticket});
  }
  wake_.notify_all();
  return longest_poll_ + options_.connect_timeout + worst_poll_[*slot];
}

void GatewayChannel::stop() noexcept {
  requestStop();
  if (thread_.joinable()) thread_.join();
}

bool GatewayChannel::ensureConnected(SteadyTime now, LinkError& why) {
  if (link_->connected()) return true;
  if (now < reconnect_at_) {
    why = last_connect_error_;
    return false;
  }
  if (auto error = link_->connect(options_.connect_timeout)) {
    const Millis delay = reconnect_.next();
    reconnect_at_ = std::chrono::steady_clock::now() + delay;
    last_connect_error_ = *error;
    resyncing_ = false;  // the gateway is gone: its return is news again
    if (!lost_logged_) {
      logWarn(name_, " unreachable: ", error->detail, "; retrying with backoff up to ",
              options_.reconnect_max.count() / 1000.0, " s");
      lost_logged_ = true;
    } else {
      logDebug(name_, " still unreachable, next try in ", delay.count(), " ms");
    }
    why = *error;
    return false;
  }
  reconnect_.reset();
  if (resyncing_) {
    logDebug(name_, " reconnected after a bad answer");
  } else {
    logInfo(name_, ever_connected_ ? " reconnected" : " connected");
  }
  resyncing_ = false;
  ever_connected_ = true;
  lost_logged_ = false;
  return true;
}

void GatewayChannel::pollOne(std::size_t slot, SteadyTime now, std::vector<uint64_t> tickets) {
  Member& member = members_[slot];
  PollSchedule& schedule = schedules_[slot];
  LinkError why;
  PollOutcome outcome;
  if (!ensureConnected(now, why)) {
    outcome = member.poller->unreachable(why);
  } else {
    outcome = member.poller->poll(*link_);
    if (outcome.error && outcome.error->kind == LinkErrorKind::Connection) {
      // The link is closed; reopen it at once for the next meter, then back off.
      link_->close();
      member.poller->countReconnect();
      logWarn(name_, " connection lost while polling ", member.poller->meter().id, ": ",
              outcome.error->detail);
      reconnect_at_ = std::chrono::steady_clock::now();
    } else if (options_.reopen_after_bad_answer && outcome.error &&
               (outcome.error->kind == LinkErrorKind::BadFrame ||
                (outcome.error->kind == LinkErrorKind::Timeout && outcome.error->exception == 0))) {
      // A garbled answer, or one that comes after the timeout, leaves the TCP byte stream out
      // of step: the next meter's request would read the leftovers as its own answer and be
      // blamed for them. Reopening is the one sure resync (libmodbus 3.1 flushes only what
      // has already arrived), and costs a connect per failed poll, which backoff bounds.
      link_->close();
      resyncing_ = true;
      member.poller->countReconnect();
      logDebug(name_, " reopened after a bad answer from ", member.poller->meter().id, ": ",
               outcome.error->detail);
      reconnect_at_ = std::chrono::steady_clock::now();
    }
  }
  const SteadyTime done = std::chrono::steady_clock::now();
  if (outcome.ok()) {
    schedule.succeeded(done);
  } else {
    schedule.failed(done);
  }
  sink_(PollReport{member.meter_index, std::move(outcome), member.poller->counters(),
                   std::move(tickets)});
}

bool GatewayChannel::addReplacement(std::size_t meter_index, std::size_t point,
                                    const CounterEvent& event) {
  const std::optional<std::size_t> slot = slotOf(meter_index);
  if (!slot) return false;
  std::lock_guard lock(mutex_);
  replacements_.push_back(Replacement{*slot, point, event});
  return true;
}

void GatewayChannel::run() {
  while (true) {
    if (members_.empty()) break;
    std::size_t next = 0;
    for (std::size_t i = 1; i < schedules_.size(); ++i) {
      if (schedules_[i].due() < schedules_[next].due()) next = i;
    }
    std::vector<uint64_t> tickets;
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_until(lock, schedules_[next].due(),
                           [&] { return stopping_ || !on_demand_.empty(); })) {
        if (stopping_) break;
        // On-demand reads go before the scheduled polls: someone is waiting for the answer,
        // and the schedule only slips by one poll. Every ticket queued for the same meter
        // shares this poll.
        next = on_demand_.front().slot;
        std::erase_if(on_demand_, [&](const OnDemand& d) {
          if (d.slot != next) return false;
          tickets.push_back(d.ticket);
          return true;
        });
      }
      // Replacements need no wake-up: only a poll judges readings, and this is before it.
      for (const Replacement& r : replacements_) {
        members_[r.slot].poller->addReplacement(r.point, r.event);
      }
      replacements_.clear();
    }
    pollOne(next, std::chrono::steady_clock::now(), std::move(tickets));
  }
  link_->close();
}

}  // namespace gt::ingest
