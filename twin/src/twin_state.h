// What the viewer knows about the plant right now: the latest value of every point, the
// active alarms, which meters answer, and whether the daemon is reachable. The live feed
// writes it from its thread; the UI copies a TwinSnapshot under the mutex once per frame and
// reads only the copy, so drawing never waits on the network.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "greentwin/balance_messages.h"
#include "greentwin/clock.h"
#include "greentwin/kpi_messages.h"
#include "greentwin/messages.h"

namespace gt::twin {

struct PointReading {
  double value = 0;
  std::string unit;  // canonical
  TimeMs t = 0;      // sample time, UTC ms
  uint32_t quality = quality::kGood;
};

struct MeterStatus {
  bool online = false;
  TimeMs last_ok = 0;  // UTC ms of the last answer; 0 never
};

// A plain copy of the state: no locks, safe to read for a whole frame.
struct TwinSnapshot {
  std::map<std::string, PointReading, std::less<>> points;  // by point id, "M-02.p"
  std::map<int64_t, wire::AlarmEvent> alarms;               // active alarms by alarm id
  std::map<std::string, MeterStatus, std::less<>> meters;   // meters the daemon told about
  TimeMs last_update = 0;     // UTC ms when a message was last applied; 0 never
  TimeMs daemon_started = 0;  // `started` of the snapshot applied last; 0 none yet
  bool has_snapshot = false;  // a SnapshotReply has been applied
  // Link health, in the feed's monotonic milliseconds (see connection_watch.h).
  int64_t listening_since_ms = 0;
  int64_t last_heartbeat_ms = 0;   // 0: none yet
  uint64_t rejected_messages = 0;  // bodies that failed to decode
  std::string last_rejection;      // why the last one failed
  // The daemon's latest energy/carbon KPIs (only a site with accounting publishes them).
  std::optional<wire::KpiUpdate> kpi;
  // The daemon's latest energy balance, today and month to date (published with the KPIs).
  std::optional<wire::BalanceUpdate> balance;
};

// Pure updates of a snapshot by one message; `now` is the UTC time of application.
// A snapshot reply replaces the alarms and meter states (it is the daemon's whole truth) and
// merges the values, keeping whichever sample of a point is newer: readings that overtook the
// reply on the other socket are not rolled back.
void applySnapshotReply(TwinSnapshot& state, const wire::SnapshotReply& reply, TimeMs now);
// A batch means its meter answered: the meter goes online and its values update (older
// samples than the ones held are ignored).
void applyReadingBatch(TwinSnapshot& state, const wire::ReadingBatch& batch, TimeMs now);
// Raised alarms become active, cleared ones go. A communication fault takes the meter
// offline; its clearing does not bring it back, the next reading does.
void applyAlarmEvent(TwinSnapshot& state, const wire::AlarmEvent& event, TimeMs now);

// The thread-safe holder. Every method locks briefly; none blocks on anything else.
class TwinState {
 public:
  void apply(const wire::SnapshotReply& reply, TimeMs now);
  void apply(const wire::ReadingBatch& batch, TimeMs now);
  void apply(const wire::AlarmEvent& event, TimeMs now);
  void apply(wire::KpiUpdate kpi);
  void apply(wire::BalanceUpdate balance);
  void noteListening(int64_t monotonic_ms);
  void noteHeartbeat(int64_t monotonic_ms);
  void noteRejected(std::string why);

  TwinSnapshot snapshot() const;
  bool hasSnapshot() const;

 private:
  mutable std::mutex mutex_;
  TwinSnapshot state_;
};

}  // namespace gt::twin
