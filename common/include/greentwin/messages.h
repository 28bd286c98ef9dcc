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

#include "greentwin/balance_messages.h"
#include "greentwin/clock.h"
#include "greentwin/counter_messages.h"
#include "greentwin/entry_messages.h"
#include "greentwin/kpi_messages.h"
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

// How a meter's polls went since the daemon started (cumulative; docs/protocol.md, snapshot).
struct PollCounters {
  uint64_t polls_ok = 0;
  uint64_t timeouts = 0;           // no answer within the meter's timeout_ms
  uint64_t exceptions = 0;         // Modbus exception replies
  uint64_t bad_frames = 0;         // answers that did not decode (CRC, length, wrong unit id)
  uint64_t connection_errors = 0;  // the link failed or could not be opened
  uint64_t reconnects = 0;         // times the link was reopened after failing in its poll
  friend bool operator==(const PollCounters&, const PollCounters&) = default;
};

// How the reads of a meter's own clock went since the daemon started (DL/T 645 meters;
// docs/protocol.md, snapshot). The offset of the last good read is MeterState::clock_offset_s.
struct ClockReads {
  uint64_t ok = 0;      // reads that gave a date and time
  uint64_t failed = 0;  // reads that did not (no answer, refused, a date that is no date)
  TimeMs last_t = 0;    // daemon UTC of the last good read; 0: none yet
  friend bool operator==(const ClockReads&, const ClockReads&) = default;
};

struct MeterState {
  std::string meter;
  bool online = false;
  TimeMs last_ok = 0;                                   // 0: never answered
  std::optional<PollCounters> counters = std::nullopt;  // absent from older daemons
  // Meters with a clock (DL/T 645): its time minus the daemon's UTC at the read, in seconds,
  // the meter's local time taken in the site's time zone. Absent until first read.
  std::optional<double> clock_offset_s = std::nullopt;
  std::optional<ClockReads> clock_reads = std::nullopt;  // meters whose clock is read only
};

// Requests on the ROUTER socket (one body frame; REQ or DEALER clients).
struct SnapshotRequest {};
struct HistoryRequest {
  std::string point;
  TimeMs from = 0, to = 0;  // half-open [from, to)
  int64_t limit = 10000;
  // "raw" (stored readings), or aggregates: "15min", "hour", "day", "month", "year" (buckets
  // that start in [from, to)). Sent only when not "raw", so older clients are unchanged.
  std::string resolution = "raw";
};
// ExplainRequest (kpi_messages.h): one KPI figure expanded into its inputs; answered with an
// ExplainReply body (decodeExplainReply) or an error.
// Read: poll one meter now, out of its schedule. Answered with the fresh readings (a
// ReadingBatch, the very body the PUB sends) or an error when the meter is unknown or does
// not answer.
struct ReadRequest {
  std::string meter;  // meter id, "M-03"
};
// EnterRequest (entry_messages.h): readings typed in or imported, answered with an EnterReply
// body or an error.
// ReplacedRequest (counter_messages.h): a meter replacement, stored and applied at once;
// answered with a ReplacedReply body or an error.
// BalanceRequest (balance_messages.h): the energy balance of a past period, answered with a
// BalanceUpdate body or an error. Last, so the older indices stay.
using Request = std::variant<SnapshotRequest, HistoryRequest, ExplainRequest, ReadRequest,
                             EnterRequest, ReplacedRequest, BalanceRequest>;

// The daemon's clock as the kernel's NTP discipline reports it (adjtimex(2)), so that a client
// knows how far the sample times can be trusted (docs/protocol.md, "Snapshot").
struct ClockState {
  bool synchronized = false;  // disciplined by NTP/PTP: STA_UNSYNC clear, state not TIME_ERROR
  double offset_ms = 0;       // the last offset from the reference the discipline measured
  double max_error_ms = 0;    // the kernel's bound on the error (grows while unsynchronised)
  double est_error_ms = 0;    // its estimate of the error
  friend bool operator==(const ClockState&, const ClockState&) = default;
};

// Store and forward to one [[forward]] centre, as the site's daemon sees it (docs/protocol.md,
// "Snapshot"): a plant engineer tells a centre that is behind from one that is down.
struct ForwardState {
  std::string centre;         // [[forward]] id
  bool reachable = false;     // the last batch sent was acknowledged in time
  int64_t waiting_rows = 0;   // readings in the outbox the centre does not have yet
  int64_t oldest_age_ms = 0;  // snapshot time minus the oldest waiting sample time; 0: none
  uint64_t rows_acked = 0;    // readings acknowledged since the daemon started
  uint64_t resends = 0;       // batches sent again since the daemon started
  friend bool operator==(const ForwardState&, const ForwardState&) = default;
};

struct SnapshotReply {
  TimeMs t = 0;
  TimeMs started = 0;
  std::string site;
  std::vector<ReadingBatch> latest;  // newest batch of every meter that has answered
  std::vector<AlarmEvent> alarms;    // active alarms
  std::vector<MeterState> meters;
  std::optional<ClockState> clock = std::nullopt;  // absent from older daemons
  std::vector<ForwardState> forward{};             // [[forward]] centres; absent without any
};
struct HistorySample {
  TimeMs t = 0;
  double value = 0;
  uint32_t quality = 0;
};
// One aggregate bucket (docs/storage.md, "Aggregates"); NaN values travel as nil.
struct HistoryBucket {
  TimeMs t = 0;  // bucket start, UTC ms
  int64_t count = 0, bad_count = 0;
  double min = 0, max = 0, mean = 0, first = 0, last = 0;
  double delta = 0;  // cumulative points: the bucket's consumption (kWh, m3, ...)
};
struct HistoryReply {
  std::string point, unit;
  std::vector<HistorySample> samples;  // ascending time
  bool truncated = false;              // limit reached before `to`
  // Aggregated replies (resolution other than "raw"): `buckets` holds the full rows, and each
  // sample is [bucket start, mean (instant) or delta (cumulative), 0 or not_a_number].
  std::string resolution = "raw";
  std::vector<HistoryBucket> buckets{};
};
struct ErrorReply {
  std::string error;
};
// ReadingBatch last: the reply to a read request (type "readings"); appended so the indices of
// the older alternatives stay as they were.
using Reply = std::variant<SnapshotReply, HistoryReply, ErrorReply, ReadingBatch>;

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
