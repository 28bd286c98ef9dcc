// Applying wire messages to the twin's state, and the mutex around it.
#include "twin_state.h"

#include <algorithm>
#include <utility>

namespace gt::twin {
namespace {

void mergeValues(TwinSnapshot& state, const wire::ReadingBatch& batch) {
  for (const wire::PointValue& v : batch.values) {
    auto it = state.points.find(v.point);
    if (it != state.points.end() && it->second.t > v.t) continue;
    state.points.insert_or_assign(v.point, PointReading{v.value, v.unit, v.t, v.quality});
  }
}

TimeMs newestSample(const wire::ReadingBatch& batch) {
  TimeMs newest = 0;
  for (const wire::PointValue& v : batch.values) newest = std::max(newest, v.t);
  return newest;
}

}  // namespace

void applySnapshotReply(TwinSnapshot& state, const wire::SnapshotReply& reply, TimeMs now) {
  for (const wire::ReadingBatch& batch : reply.latest) mergeValues(state, batch);
  state.alarms.clear();
  for (const wire::AlarmEvent& alarm : reply.alarms) {
    if (alarm.state == AlarmState::Raised) state.alarms.insert_or_assign(alarm.id, alarm);
  }
  state.meters.clear();
  for (const wire::MeterState& meter : reply.meters) {
    state.meters.insert_or_assign(meter.meter, MeterStatus{meter.online, meter.last_ok});
  }
  state.daemon_started = reply.started;
  state.has_snapshot = true;
  state.last_update = now;
}

void applyReadingBatch(TwinSnapshot& state, const wire::ReadingBatch& batch, TimeMs now) {
  mergeValues(state, batch);
  MeterStatus& meter = state.meters[batch.meter];
  meter.online = true;
  meter.last_ok = std::max(meter.last_ok, newestSample(batch));
  state.last_update = now;
}

void applyAlarmEvent(TwinSnapshot& state, const wire::AlarmEvent& event, TimeMs now) {
  if (event.state == AlarmState::Raised) {
    state.alarms.insert_or_assign(event.id, event);
    if (event.code == AlarmCode::CommunicationFault) state.meters[event.meter].online = false;
  } else {
    state.alarms.erase(event.id);
  }
  state.last_update = now;
}

void TwinState::apply(const wire::SnapshotReply& reply, TimeMs now) {
  std::lock_guard lock(mutex_);
  applySnapshotReply(state_, reply, now);
}

void TwinState::apply(const wire::ReadingBatch& batch, TimeMs now) {
  std::lock_guard lock(mutex_);
  applyReadingBatch(state_, batch, now);
}

void TwinState::apply(const wire::AlarmEvent& event, TimeMs now) {
  std::lock_guard lock(mutex_);
  applyAlarmEvent(state_, event, now);
}

void TwinState::apply(wire::KpiUpdate kpi) {
  std::lock_guard lock(mutex_);
  // KPIs are recomputed whole each time: the newest replaces what was there.
  if (!state_.kpi || kpi.t >= state_.kpi->t) state_.kpi = std::move(kpi);
}

void TwinState::apply(wire::BalanceUpdate balance) {
  std::lock_guard lock(mutex_);
  // Recomputed whole at every KPI tick, like the KPIs.
  if (!state_.balance || balance.t >= state_.balance->t) state_.balance = std::move(balance);
}

void TwinState::noteListening(int64_t monotonic_ms) {
  std::lock_guard lock(mutex_);
  state_.listening_since_ms = monotonic_ms;
}

void TwinState::noteHeartbeat(int64_t monotonic_ms) {
  std::lock_guard lock(mutex_);
  state_.last_heartbeat_ms = monotonic_ms;
}

void TwinState::noteRejected(std::string why) {
  std::lock_guard lock(mutex_);
  ++state_.rejected_messages;
  state_.last_rejection = std::move(why);
}

TwinSnapshot TwinState::snapshot() const {
  std::lock_guard lock(mutex_);
  return state_;
}

bool TwinState::hasSnapshot() const {
  std::lock_guard lock(mutex_);
  return state_.has_snapshot;
}

}  // namespace gt::twin
