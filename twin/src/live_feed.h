// The viewer's link to greentwin-ingest: a thread that owns the ZeroMQ sockets, subscribes to
// readings, alarms and the heartbeat, asks for snapshots on a DEALER (never REQ: a lost reply
// would wedge REQ's send/receive state machine for good) and writes everything it decodes
// into a TwinState. ZeroMQ stays inside live_feed.cpp; callers see only this class.
#pragma once

#include <cstdint>
#include <memory>

#include "greentwin/site_config.h"
#include "twin_state.h"

namespace gt::twin {

// The monotonic clock the feed stamps heartbeats with, in milliseconds; the UI passes the same
// clock to connectionState().
int64_t monotonicMs();

class LiveFeed {
 public:
  // Connects to ingest.publish (SUB) and ingest.request (DEALER) and starts the thread.
  // Connecting is lazy: a daemon that is not running yet is not an error, ZeroMQ keeps
  // trying. Throws std::runtime_error naming the endpoint when one is malformed.
  // `state` must outlive the feed.
  static std::unique_ptr<LiveFeed> start(const IngestSettings& endpoints, TwinState& state);

  ~LiveFeed();  // stops the thread (within ~100 ms) and closes the sockets without lingering
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  struct Impl;

 private:
  explicit LiveFeed(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gt::twin
