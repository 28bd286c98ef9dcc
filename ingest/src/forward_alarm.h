// ForwardAlarm: the forward_backlog alarm of one upper centre ([[forward]]), judged from its
// forwarder's stats (centre_forwarder.h) once a second by the dispatcher, which stores and
// publishes the events like any other alarm. Pure: no I/O, no clock; times are parameters.
//
//   raised   when readings wait and the centre has not acknowledged for `alarm_after_s` in a
//            row (down, or its link is), or when the oldest waiting reading is `alarm_after_s`
//            old (up, but not keeping up);
//   cleared  when the centre acknowledges again and the oldest waiting reading is younger than
//            half of `alarm_after_s`: the hysteresis keeps a backlog that hovers around the
//            limit from raising and clearing every second.
//
// Topic alarm/site/forward:<centre> (docs/protocol.md, "Store and forward").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "centre_forwarder.h"
#include "greentwin/messages.h"

namespace gt::ingest {

class ForwardAlarm {
 public:
  // `target.alarm_after_s` must be >= 1 (site_config.cpp checks it).
  explicit ForwardAlarm(const ForwardTarget& target);

  // Judges `stats` read at `now` (UTC ms). Returns the raise or clear event when the alarm
  // changes; `next_id` hands out its id (AlarmTracker::takeAlarmId).
  std::optional<wire::AlarmEvent> update(const ForwarderStats& stats, TimeMs now,
                                         const std::function<int64_t()>& next_id);
  bool raised() const { return raised_; }

 private:
  std::string centre_, endpoint_;
  TimeMs after_ms_;
  TimeMs unacknowledged_since_ = 0;  // first check with readings waiting and no ack; 0: none
  bool raised_ = false;
  wire::AlarmEvent raise_;
};

}  // namespace gt::ingest
