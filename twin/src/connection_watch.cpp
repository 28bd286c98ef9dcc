// Link-health rules of the live feed; see the header for the reasons.
#include "connection_watch.h"

namespace gt::twin {

ConnectionState connectionState(int64_t listening_since_ms, int64_t last_heartbeat_ms,
                                int64_t now_ms, int64_t silence_limit_ms) {
  if (last_heartbeat_ms == 0) {
    return now_ms - listening_since_ms < silence_limit_ms ? ConnectionState::Connecting
                                                          : ConnectionState::Lost;
  }
  return now_ms - last_heartbeat_ms < silence_limit_ms ? ConnectionState::Live
                                                       : ConnectionState::Lost;
}

const char* connectionStateName(ConnectionState state) {
  switch (state) {
    case ConnectionState::Connecting:
      return "connecting";
    case ConnectionState::Live:
      return "live";
    case ConnectionState::Lost:
      return "lost";
  }
  return "?";
}

void SnapshotScheduler::onHeartbeat(TimeMs daemon_started, int64_t now_ms) {
  const bool was_silent =
      last_heartbeat_ms_ != 0 &&
      connectionState(start_ms_, last_heartbeat_ms_, now_ms) == ConnectionState::Lost;
  const bool restarted = known_started_ != 0 && daemon_started != known_started_;
  if (was_silent || restarted) {
    wanted_ = true;
    sent_ = false;  // ask at once, not after the retry delay
  }
  last_heartbeat_ms_ = now_ms;
}

void SnapshotScheduler::onSnapshotReply(TimeMs daemon_started) {
  known_started_ = daemon_started;
  wanted_ = false;
}

bool SnapshotScheduler::shouldRequest(int64_t now_ms) const {
  if (!wanted_) return false;
  if (!sent_) return true;
  const bool live = connectionState(start_ms_, last_heartbeat_ms_, now_ms) == ConnectionState::Live;
  return live && now_ms - last_sent_ms_ >= kSnapshotRetryMs;
}

void SnapshotScheduler::onRequestSent(int64_t now_ms) {
  sent_ = true;
  last_sent_ms_ = now_ms;
}

}  // namespace gt::twin
