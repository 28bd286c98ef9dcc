// SiteSnapshot: what a client that just connected needs to draw the site: the newest batch of
// every meter that has answered, the alarms now raised, every meter's online state, and the
// daemon's clock state (daemon_clock.h). Pure state,
// fed in order by the publishing thread from the same events it publishes, so a snapshot never
// disagrees with the stream that follows it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "greentwin/messages.h"

namespace gt::ingest {

class SiteSnapshot {
 public:
  SiteSnapshot(std::string site, TimeMs started, std::vector<std::string> meters);

  void setLatest(wire::ReadingBatch batch);
  void setMeterState(const wire::MeterState& state);
  void apply(const wire::AlarmEvent& event);  // a raise adds, a clear removes (by id)
  void setClock(std::optional<wire::ClockState> clock) { clock_ = clock; }

  wire::SnapshotReply reply(TimeMs now) const;

 private:
  std::string site_;
  TimeMs started_;
  std::vector<std::string> order_;  // meters in site-file order
  std::map<std::string, wire::ReadingBatch> latest_;
  std::map<std::string, wire::MeterState> states_;
  std::map<int64_t, wire::AlarmEvent> alarms_;
  std::optional<wire::ClockState> clock_;  // the daemon's clock; nullopt until read
};

}  // namespace gt::ingest
