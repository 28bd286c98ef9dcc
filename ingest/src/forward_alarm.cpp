// The forward_backlog alarm of one upper centre (see forward_alarm.h for the rules).
#include "forward_alarm.h"

#include <cassert>

namespace gt::ingest {

namespace {
// Site-wide alarms (budget, intensity, forwarding) share the pseudo-area of kpi_alarms.h.
constexpr const char* kSiteArea = "site";
}  // namespace

ForwardAlarm::ForwardAlarm(const ForwardTarget& target)
    : centre_(target.id),
      endpoint_(target.endpoint),
      after_ms_(static_cast<TimeMs>(target.alarm_after_s) * 1000) {
  assert(after_ms_ >= 1000);
}

std::optional<wire::AlarmEvent> ForwardAlarm::update(const ForwarderStats& stats, TimeMs now,
                                                     const std::function<int64_t()>& next_id) {
  const bool waiting = stats.waiting_rows > 0;
  const TimeMs age = waiting && stats.oldest_waiting_t ? now - stats.oldest_waiting_t : 0;
  if (waiting && !stats.reachable) {
    if (unacknowledged_since_ == 0) unacknowledged_since_ = now;
  } else {
    unacknowledged_since_ = 0;
  }
  const TimeMs unacknowledged = unacknowledged_since_ ? now - unacknowledged_since_ : 0;
  const std::string backlog = std::to_string(stats.waiting_rows) + " readings waiting, oldest " +
                              std::to_string(age / 1000) + " s old";
  if (!raised_ && (unacknowledged >= after_ms_ || age >= after_ms_)) {
    raised_ = true;
    const std::string why =
        unacknowledged >= after_ms_
            ? "not acknowledging for " + std::to_string(unacknowledged / 1000) + " s"
            : "behind";
    raise_ = wire::AlarmEvent{
        next_id(),
        "forward:" + centre_,
        "",
        kSiteArea,
        AlarmCode::ForwardBacklog,
        AlarmState::Raised,
        now,
        "upper centre " + centre_ + " (" + endpoint_ + ") " + why + ": " + backlog};
    return raise_;
  }
  if (raised_ && stats.reachable && age < after_ms_ / 2) {
    raised_ = false;
    wire::AlarmEvent clear = raise_;
    clear.state = AlarmState::Cleared;
    clear.t = now;
    clear.text = "upper centre " + centre_ + " (" + endpoint_ + ") acknowledges again: " + backlog;
    return clear;
  }
  return std::nullopt;
}

}  // namespace gt::ingest
