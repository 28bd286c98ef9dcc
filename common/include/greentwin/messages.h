// The ZeroMQ message schema between greentwin-ingest and its clients (the viewer, Python
// scripts, upper centres). Bodies are MessagePack maps with short string keys; every body
// carries "v" (schema version). docs/protocol.md is the normative description; this header is
// its C++ form. Decoders reject truncated input, trailing bytes and unknown versions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "greentwin/clock.h"
#include "greentwin/quality.h"

namespace gt::wire {

inline constexpr int kVersion = 1;

// PUB topics (first frame). Subscribers filter by prefix: "reading/" all readings,
// "reading/machining/" one area, "reading/machining/M-02" one meter; "alarm/" likewise.
std::string readingTopic(std::string_view area, std::string_view meter);
std::string alarmTopic(std::string_view area, std::string_view meter);
inline constexpr std::string_view kHeartbeatTopic = "heartbeat";

struct PointValue {
  std::string point;  // "<meter>.<name>"
  std::string unit;   // canonical unit
  TimeMs t = 0;       // sample time, UTC ms
  double value = 0;
  uint32_t quality = quality::kGood;
};

// All values read from one meter in one poll: the unit of publication.
struct ReadingBatch {
  std::string meter, equipment, area;
  std::vector<PointValue> values;
};

struct AlarmEvent {
  int64_t id = 0;  // stable across raise and clear of the same alarm
  std::string meter, equipment, area;
  AlarmCode code = AlarmCode::CommunicationFault;
  AlarmState state = AlarmState::Raised;
  TimeMs t = 0;
  std::string text;  // for people, English
};

// Sent every second; `started` changes when the daemon restarts, so clients re-ask for the
// snapshot, and silence tells them the daemon is gone.
struct Heartbeat {
  TimeMs t = 0;
  TimeMs started = 0;
  std::string site;
};

struct MeterState {
  std::string meter;
  bool online = false;
  TimeMs last_ok = 0;  // 0: never answered
};

// Requests on the ROUTER socket (one body frame; REQ or DEALER clients).
struct SnapshotRequest {};
struct HistoryRequest {
  std::string point;
  TimeMs from = 0, to = 0;  // half-open [from, to)
  int64_t limit = 10000;
};
using Request = std::variant<SnapshotRequest, HistoryRequest>;

struct SnapshotReply {
  TimeMs t = 0;
  TimeMs started = 0;
  std::string site;
  std::vector<ReadingBatch> latest;  // newest batch of every meter that has answered
  std::vector<AlarmEvent> alarms;    // active alarms
  std::vector<MeterState> meters;
};
struct HistorySample {
  TimeMs t = 0;
  double value = 0;
  uint32_t quality = 0;
};
struct HistoryReply {
  std::string point, unit;
  std::vector<HistorySample> samples;  // ascending time
  bool truncated = false;              // limit reached before `to`
};
struct ErrorReply {
  std::string error;
};
using Reply = std::variant<SnapshotReply, HistoryReply, ErrorReply>;

// Encoders return the body frame. Decoders return nullopt on any malformed body; `why`, when
// given, receives the reason ("truncated", "unknown version 7", ...).
std::string encode(const ReadingBatch& m);
std::string encode(const AlarmEvent& m);
std::string encode(const Heartbeat& m);
std::string encode(const Request& m);
std::string encode(const Reply& m);

std::optional<ReadingBatch> decodeReadingBatch(std::string_view body, std::string* why = nullptr);
std::optional<AlarmEvent> decodeAlarmEvent(std::string_view body, std::string* why = nullptr);
std::optional<Heartbeat> decodeHeartbeat(std::string_view body, std::string* why = nullptr);
std::optional<Request> decodeRequest(std::string_view body, std::string* why = nullptr);
std::optional<Reply> decodeReply(std::string_view body, std::string* why = nullptr);

}  // namespace gt::wire
