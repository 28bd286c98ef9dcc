// When the live feed is healthy and when it must ask the daemon for a snapshot. Pure: time is
// a parameter in monotonic milliseconds, so the rules are tested without sockets or clocks.
//
// The daemon heartbeats every second. Three seconds of silence mean the link is lost
// (ZeroMQ reconnects by itself; we only say so). A snapshot is asked for at start, when a
// heartbeat carries a new `started` (the daemon restarted and its state is new), and when
// heartbeats return after a silence (we may have missed readings and alarm changes).
#pragma once

#include <cstdint>

#include "greentwin/clock.h"

namespace gt::twin {

enum class ConnectionState {
  Connecting,  // listening, no heartbeat yet, not silent for long enough to call it lost
  Live,        // a heartbeat less than the silence limit ago
  Lost,        // silence longer than the limit
};

inline constexpr int64_t kHeartbeatSilenceMs = 3000;
inline constexpr int64_t kSnapshotRetryMs = 2000;

// last_heartbeat_ms = 0 means none yet.
ConnectionState connectionState(int64_t listening_since_ms, int64_t last_heartbeat_ms,
                                int64_t now_ms, int64_t silence_limit_ms = kHeartbeatSilenceMs);

const char* connectionStateName(ConnectionState state);  // "connecting", "live", "lost"

class SnapshotScheduler {
 public:
  explicit SnapshotScheduler(int64_t start_ms) : start_ms_(start_ms) {}

  void onHeartbeat(TimeMs daemon_started, int64_t now_ms);
  void onSnapshotReply(TimeMs daemon_started);
  // True when a request should go out now. A request sent while the daemon is live and
  // unanswered after kSnapshotRetryMs is sent again (a DEALER never wedges on a lost reply).
  bool shouldRequest(int64_t now_ms) const;
  void onRequestSent(int64_t now_ms);

 private:
  int64_t start_ms_;
  bool wanted_ = true;
  bool sent_ = false;
  int64_t last_sent_ms_ = 0;
  int64_t last_heartbeat_ms_ = 0;  // 0: none yet
  TimeMs known_started_ = 0;       // 0: no snapshot yet
};

}  // namespace gt::twin
