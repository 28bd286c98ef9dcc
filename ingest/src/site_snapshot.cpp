// The snapshot state served to new clients (see site_snapshot.h).
#include "site_snapshot.h"

namespace gt::ingest {

SiteSnapshot::SiteSnapshot(std::string site, TimeMs started, std::vector<std::string> meters)
    : site_(std::move(site)), started_(started), order_(std::move(meters)) {
  for (const std::string& m : order_) states_[m] = wire::MeterState{m, false, 0};
}

void SiteSnapshot::setLatest(wire::ReadingBatch batch) {
  std::string meter = batch.meter;
  latest_[meter] = std::move(batch);
}

void SiteSnapshot::setMeterState(const wire::MeterState& state) {
  states_[state.meter] = state;
}

void SiteSnapshot::apply(const wire::AlarmEvent& event) {
  if (event.state == AlarmState::Raised) {
    alarms_[event.id] = event;
  } else {
    alarms_.erase(event.id);
  }
}

wire::SnapshotReply SiteSnapshot::reply(TimeMs now) const {
  wire::SnapshotReply r;
  r.t = now;
  r.started = started_;
  r.site = site_;
  r.clock = clock_;
  for (const std::string& m : order_) {
    if (auto it = latest_.find(m); it != latest_.end()) r.latest.push_back(it->second);
    r.meters.push_back(states_.at(m));
  }
  for (const auto& [id, event] : alarms_) r.alarms.push_back(event);
  return r;
}

}  // namespace gt::ingest
