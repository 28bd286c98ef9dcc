// Alarm hysteresis per meter (see alarm_tracker.h for the rules).
#include "alarm_tracker.h"

#include <cassert>
#include <cmath>

namespace gt::ingest {

uint32_t meterFaultFlags() {
  return quality::kNotANumber | quality::kOutOfRange | quality::kRegressed | quality::kStuck;
}

AlarmTracker::AlarmTracker(std::vector<MeterIdentity> meters, AlarmRules rules, int64_t first_id)
    : meters_(std::move(meters)), state_(meters_.size()), rules_(rules), next_id_(first_id) {
  assert(rules_.comm_fault_after >= 1 && rules_.comm_clear_after >= 1 &&
         rules_.meter_clear_after >= 1 && rules_.clock_clear_after >= 1);
}

wire::AlarmEvent AlarmTracker::raise(std::size_t meter, Active& alarm, AlarmCode code, TimeMs t,
                                     std::string text) {
  const MeterIdentity& who = meters_[meter];
  alarm.raised = true;
  alarm.raise = wire::AlarmEvent{next_id_++,         who.meter, who.equipment,  who.area, code,
                                 AlarmState::Raised, t,         std::move(text)};
  return alarm.raise;
}

wire::AlarmEvent AlarmTracker::clear(std::size_t /*meter*/, Active& alarm, TimeMs t,
                                     std::string text) {
  alarm.raised = false;
  wire::AlarmEvent event = alarm.raise;
  event.state = AlarmState::Cleared;
  event.t = t;
  event.text = std::move(text);
  return event;
}

std::vector<wire::AlarmEvent> AlarmTracker::pollFailed(std::size_t meter, TimeMs t,
                                                       std::string_view why) {
  MeterState& s = state_.at(meter);
  std::vector<wire::AlarmEvent> events;
  ++s.failures;
  s.successes = 0;
  if (!s.comm.raised && s.failures >= rules_.comm_fault_after) {
    s.online = false;
    events.push_back(raise(meter, s.comm, AlarmCode::CommunicationFault, t,
                           meters_[meter].meter + " does not answer (" +
                               std::to_string(s.failures) +
                               " failed polls in a row, last: " + std::string(why) + ")"));
  }
  return events;
}

std::vector<wire::AlarmEvent> AlarmTracker::pollSucceeded(std::size_t meter, TimeMs t,
                                                          uint32_t flags,
                                                          std::string_view flagged_points) {
  MeterState& s = state_.at(meter);
  std::vector<wire::AlarmEvent> events;
  s.failures = 0;
  ++s.successes;
  s.last_ok = t;
  const std::string& name = meters_[meter].meter;
  if (s.comm.raised) {
    if (s.successes >= rules_.comm_clear_after) {
      s.online = true;
      events.push_back(clear(meter, s.comm, t, name + " answers again"));
    }
  } else {
    s.online = true;
  }

  if ((flags & meterFaultFlags()) != 0) {
    s.clean = 0;
    if (!s.fault.raised) {
      events.push_back(raise(meter, s.fault, AlarmCode::MeterFault, t,
                             name + " reports implausible values: " + std::string(flagged_points)));
    }
  } else if (s.fault.raised && ++s.clean >= rules_.meter_clear_after) {
    events.push_back(
        clear(meter, s.fault, t,
              name + " values plausible again (" + std::to_string(s.clean) + " clean polls)"));
  }
  return events;
}

std::vector<wire::AlarmEvent> AlarmTracker::clockRead(std::size_t meter, TimeMs t,
                                                      double offset_s) {
  MeterState& s = state_.at(meter);
  const MeterIdentity& who = meters_[meter];
  assert(who.clock_alarm_s > 0);
  std::vector<wire::AlarmEvent> events;
  const double off = std::abs(offset_s);
  const auto seconds = [](double v) { return std::to_string(std::llround(v)) + " s"; };
  const std::string direction = offset_s > 0 ? "ahead of" : "behind";
  if (off > who.clock_alarm_s) {
    s.clock_within = 0;
    if (!s.clock.raised) {
      events.push_back(raise(meter, s.clock, AlarmCode::MeterClockOff, t,
                             who.meter + " clock is " + direction + " the daemon's by " +
                                 seconds(off) + " (limit " + seconds(who.clock_alarm_s) +
                                 "): set the meter's clock"));
    }
  } else if (off <= who.clock_alarm_s / 2) {
    ++s.clock_within;
    if (s.clock.raised && s.clock_within >= rules_.clock_clear_after) {
      events.push_back(clear(meter, s.clock, t,
                             who.meter + " clock within " + seconds(who.clock_alarm_s / 2) +
                                 " of the daemon's again (" + std::to_string(s.clock_within) +
                                 " reads, now " + seconds(offset_s) + ")"));
    }
  } else {
    s.clock_within = 0;
  }
  return events;
}

std::vector<wire::AlarmEvent> AlarmTracker::active() const {
  std::vector<wire::AlarmEvent> all;
  for (const MeterState& s : state_) {
    if (s.comm.raised) all.push_back(s.comm.raise);
    if (s.fault.raised) all.push_back(s.fault.raise);
    if (s.clock.raised) all.push_back(s.clock.raise);
  }
  return all;
}

}  // namespace gt::ingest
