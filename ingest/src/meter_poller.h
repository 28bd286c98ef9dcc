// MeterPoller: one poll of one meter. Sends the meter's planned reads over a MeterLink (for a
// DL/T 645 meter, one read per point's data identifier), decodes each point (register codec,
// scale, unit conversion to canonical), validates it and keeps the
// meter's counters. It owns no connection and no thread; a GatewayChannel calls it in turn with
// the other meters behind the same gateway.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "greentwin/messages.h"
#include "meter_clock.h"
#include "meter_link.h"
#include "point_validator.h"
#include "read_plan.h"

namespace gt::ingest {

struct MeterCounters {
  uint64_t polls_ok = 0;
  uint64_t timeouts = 0;
  uint64_t exceptions = 0;
  uint64_t bad_frames = 0;
  uint64_t connection_errors = 0;
  uint64_t reconnects =
      0;  // times the gateway link was reopened after failing in this meter's poll
  // DL/T 645 meters with watchClock(): the meter clock's offset at its last read (seconds,
  // meter_clock.h), and how many reads found it off by more than the meter's clock_alarm_s.
  std::optional<double> clock_offset_s;
  uint64_t clocks_off = 0;
  bool clock_watched = false;  // watchClock() applies: the clock_reads_* below mean something
  uint64_t clock_reads_ok = 0, clock_reads_failed = 0;
  TimeMs clock_read_t = 0;  // daemon UTC of the last good clock read; 0: none
};

struct PollOutcome {
  std::optional<LinkError> error;  // nullopt: every read answered
  wire::ReadingBatch batch;        // the points read (all of them when the poll succeeded)
  // Template index of each of batch.values, so that consumers find a value's point without
  // hashing its name (100 000 readings a second at gateway scale).
  std::vector<uint32_t> points;
  uint32_t flags = 0;   // union of the readings' quality flags
  std::string flagged;  // "ua out_of_range, ep_imp regressed", for alarm texts
  TimeMs t = 0;         // UTC ms when the poll ended
  bool ok() const { return !error; }
};

class MeterPoller {
 public:
  using UtcClock = std::function<TimeMs()>;

  // `meter` must have its template resolved and outlive the poller.
  explicit MeterPoller(const Meter& meter, ValidationRules rules = {}, UtcClock clock = nowUtcMs);

  const Meter& meter() const { return meter_; }
  const ReadPlan& plan() const { return plan_; }
  const MeterCounters& counters() const { return counters_; }
  void countReconnect() { ++counters_.reconnects; }

  // Reads every planned request; the first failure ends the poll (the points of the requests
  // that answered are still in the batch). Never throws on link errors.
  PollOutcome poll(MeterLink& link);

  // DL/T 645 meters: read the meter's clock after the first poll that succeeds and then every
  // `every` (meter_clock.h); its local time is taken `utc_offset_minutes` east of UTC.
  void watchClock(int utc_offset_minutes, std::chrono::milliseconds every = std::chrono::hours(1));

  // A poll that could not be attempted because the gateway link is down.
  PollOutcome unreachable(const LinkError& why);

  // Cumulative point `point` (template index) continues from a stored high-water mark and
  // knows its recorded replacements (point_validator.h). Before the first poll only: the
  // poller is not shared between threads.
  void resumeCounter(std::size_t point, std::optional<double> mark, TimeMs mark_t,
                     const std::vector<CounterEvent>& events);
  // A replacement recorded while the daemon runs (greentwin-counter replaced), for template
  // point `point`. On the polling thread only (GatewayChannel::addReplacement).
  void addReplacement(std::size_t point, const CounterEvent& event);

 private:
  void count(const LinkError& error);
  void readClock(MeterLink& link);
  void setPlan(ReadPlan plan);
  PollOutcome pollValues(MeterLink& link);  // DL/T 645: one read per data identifier
  // Validates point `i`'s canonical value (nullopt: undecodable) and adds it to the batch.
  void record(PollOutcome& out, std::size_t i, std::optional<double> value, TimeMs t);

  const Meter& meter_;
  LinkTarget target_;
  ReadPlan plan_;
  std::vector<std::vector<uint32_t>> read_points_;  // template indices each plan read carries
  std::vector<PointValidator> validators_;
  std::vector<std::string> point_ids_;  // "<meter>.<point>"
  MeterCounters counters_;
  UtcClock clock_;
  std::optional<MeterClockWatch> meter_clock_;  // DL/T 645 meters with watchClock() only
};

}  // namespace gt::ingest
