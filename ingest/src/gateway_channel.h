// GatewayChannel: the polling thread of one link: a Modbus TCP gateway (host:port) or an RS-485
// line (a serial device). Its meters are polled in turn, one request at a time (an RS-485 line
// carries one conversation at a time), each on its own PollSchedule; the link is reopened with
// a capped exponential backoff when it fails, without ever blocking another link's thread.
// Results leave the thread as PollReports through a sink (a queue push); nothing else is shared.
// pollNow() asks for an extra poll of one meter (an on-demand read): it runs on this same
// thread, between two scheduled polls, so a line still carries one conversation at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "meter_poller.h"
#include "poll_schedule.h"

namespace gt::ingest {

struct PollReport {
  std::size_t meter = 0;  // index into SiteConfig::meters
  PollOutcome outcome;
  MeterCounters counters;  // the meter's counters after this poll
  // The on-demand reads (pollNow tickets) this poll answers; empty for a scheduled poll.
  std::vector<uint64_t> tickets{};
};

struct ChannelOptions {
  Millis reconnect_min{500};
  Millis reconnect_max{30'000};
  Millis connect_timeout{1000};
  int backoff_after = 3;  // failed polls in a row before a meter is polled on backoff
  // Modbus TCP: reopen the connection after a garbled or late answer (see pollOne()).
  bool reopen_after_bad_answer = false;
  Millis meter_backoff_max{30'000};
};

class GatewayChannel {
 public:
  using Sink = std::function<void(PollReport&&)>;

  struct Member {
    std::size_t meter_index;  // reported back in PollReport::meter
    std::unique_ptr<MeterPoller> poller;
  };

  GatewayChannel(std::string name, std::unique_ptr<MeterLink> link, std::vector<Member> members,
                 Sink sink, ChannelOptions options = {});
  ~GatewayChannel();  // stops and joins
  GatewayChannel(const GatewayChannel&) = delete;
  GatewayChannel& operator=(const GatewayChannel&) = delete;

  void start();
  // Thread-safe, non-blocking: polls meter `meter_index` as soon as the poll in progress (if
  // any) ends, and reports it with `ticket` in PollReport::tickets; requests for the same meter
  // that queue up meanwhile share one poll. Returns how long that can take at worst (the poll
  // in progress, a connect and this meter's own requests, each request up to its timeout), or
  // nullopt when the meter is not on this link. A stopping channel drops the tickets.
  std::optional<Millis> pollNow(std::size_t meter_index, uint64_t ticket);
  // Thread-safe, non-blocking: template point `point` of meter `meter_index` had its meter
  // replaced (counter_continuity.h); applied on this thread before its next poll. False when
  // the meter is not on this link.
  bool addReplacement(std::size_t meter_index, std::size_t point, const CounterEvent& event);
  // Asks the thread to finish without waiting (to stop every channel at once).
  void requestStop() noexcept;
  // Asks the thread to finish; returns once it has (at most one meter timeout later).
  void stop() noexcept;

 private:
  void run();
  void pollOne(std::size_t slot, SteadyTime now, std::vector<uint64_t> tickets = {});
  std::optional<std::size_t> slotOf(std::size_t meter_index) const;
  bool ensureConnected(SteadyTime now, LinkError& why);

  std::string name_;
  std::unique_ptr<MeterLink> link_;
  std::vector<Member> members_;
  std::vector<PollSchedule> schedules_;
  // Worst duration of each member's poll (requests x timeout), and the longest of them: fixed
  // at construction so pollNow() can read them from any thread.
  std::vector<Millis> worst_poll_;
  Millis longest_poll_{0};
  Sink sink_;
  ChannelOptions options_;
  Backoff reconnect_;
  SteadyTime reconnect_at_{};
  bool ever_connected_ = false;
  bool lost_logged_ = false;
  bool resyncing_ = false;  // closed after a bad answer: reopening it is routine, not news
  LinkError last_connect_error_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  struct OnDemand {
    std::size_t slot;
    uint64_t ticket;
  };
  std::vector<OnDemand> on_demand_;  // oldest first; guarded by mutex_
  struct Replacement {
    std::size_t slot, point;
    CounterEvent event;
  };
  std::vector<Replacement> replacements_;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace gt::ingest
