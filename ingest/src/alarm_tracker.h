// AlarmTracker: raises and clears the alarms of every meter from the outcome of its polls, with
// hysteresis so a single lost frame neither raises nor clears anything. Pure: no I/O, no clock;
// times are parameters, and the events it returns are stored and published by the caller.
//
//   communication fault  raised after `comm_fault_after` failed polls in a row (timeout,
//                        connection loss, exception reply, bad frame); cleared after
//                        `comm_clear_after` good polls in a row. While raised the meter is
//                        offline.
//   meter fault          raised by a good poll whose readings carry not_a_number, out_of_range,
//                        regressed or stuck; cleared after `meter_clear_after` clean good polls
//                        in a row. Failed polls neither raise nor clear it.
//   meter clock off      (DL/T 645 meters, meter_clock.h) raised by a clock read whose offset
//                        from the daemon's clock is beyond the meter's `clock_alarm_s`; cleared
//                        after `clock_clear_after` reads in a row within half of it, so a clock
//                        set to just inside the limit, or drifting around it, does not raise
//                        and clear it at every read. Reads between the two limits keep it as
//                        it is. Polls neither raise nor clear it.
//
// Every alarm gets an id, unique in the store, that its raise and its clear share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/messages.h"

namespace gt::ingest {

struct AlarmRules {
  int comm_fault_after = 3;
  int comm_clear_after = 2;
  int meter_clear_after = 5;
  int clock_clear_after = 2;
};

// Quality flags that make a reading a meter fault.
uint32_t meterFaultFlags();

struct MeterIdentity {
  std::string meter, equipment, area;
  double clock_alarm_s = 300;  // [[meter]] clock_alarm_s, seconds, > 0
};

class AlarmTracker {
 public:
  // `first_id`: the id the next alarm gets (the store's highest id + 1).
  AlarmTracker(std::vector<MeterIdentity> meters, AlarmRules rules, int64_t first_id);

  // A poll of meter `meter` (index into the constructor's list) failed at `t`; `why` says how.
  std::vector<wire::AlarmEvent> pollFailed(std::size_t meter, TimeMs t, std::string_view why);

  // A poll succeeded at `t`. `flags` is the union of its readings' quality flags and
  // `flagged_points` names the points with meter-fault flags ("ua out_of_range").
  std::vector<wire::AlarmEvent> pollSucceeded(std::size_t meter, TimeMs t, uint32_t flags,
                                              std::string_view flagged_points);

  // The clock of meter `meter` was read at `t` and found `offset_s` seconds off the daemon's
  // (meter minus daemon).
  std::vector<wire::AlarmEvent> clockRead(std::size_t meter, TimeMs t, double offset_s);

  bool online(std::size_t meter) const { return state_.at(meter).online; }
  TimeMs lastOk(std::size_t meter) const { return state_.at(meter).last_ok; }
  std::vector<wire::AlarmEvent> active() const;  // raise events of the alarms now raised
  // The id of an alarm raised elsewhere on the same thread (the KPI budget alarms), so every
  // alarm id stays unique in the store.
  int64_t takeAlarmId() { return next_id_++; }

 private:
  struct Active {
    bool raised = false;
    wire::AlarmEvent raise;  // the event that raised it
  };
  struct MeterState {
    bool online = false;  // answered at least once and no communication fault raised
    TimeMs last_ok = 0;
    int failures = 0;      // failed polls in a row
    int successes = 0;     // good polls in a row
    int clean = 0;         // good polls in a row without meter-fault flags
    int clock_within = 0;  // clock reads in a row within half of clock_alarm_s
    Active comm, fault, clock;
  };

  wire::AlarmEvent raise(std::size_t meter, Active& alarm, AlarmCode code, TimeMs t,
                         std::string text);
  wire::AlarmEvent clear(std::size_t meter, Active& alarm, TimeMs t, std::string text);

  std::vector<MeterIdentity> meters_;
  std::vector<MeterState> state_;
  AlarmRules rules_;
  int64_t next_id_;
};

}  // namespace gt::ingest
