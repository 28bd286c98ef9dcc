// The store-and-forward messages between a site's greentwin-ingest and an upper centre
// (docs/protocol.md, "Store and forward"): a batch of stored readings named by a range of the
// site's outbox sequence numbers, and the centre's acknowledgement of the last one it has
// committed. MessagePack maps like the rest of the wire schema (messages.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/clock.h"

namespace gt::wire {

// A point as the site stores it; the centre stores it as "<site>/<name>".
struct ForwardPoint {
  std::string name;  // "<meter>.<point>"
  std::string unit;  // canonical unit
  std::string kind;  // "instant" | "cumulative"
  friend bool operator==(const ForwardPoint&, const ForwardPoint&) = default;
};

struct ForwardReading {
  uint32_t point = 0;  // index into ForwardBatch::points
  TimeMs t = 0;        // sample time, UTC ms
  double value = 0;    // NaN travels as nil
  uint32_t quality = 0;
  // A reading stored by `store = "interval"`: the good readings of its interval it stands for
  // (the site's table reading_interval), so the centre's aggregates count them as the site's
  // do. count 0: a reading stored on its own (sent as 4 fields, not 8).
  int64_t count = 0;
  double min = 0, max = 0, sum = 0;
};

// Readings with outbox sequence numbers in [first_seq, last_seq]. A range may hold fewer
// readings than numbers (a number whose reading was deleted by retention, or a duplicate).
struct ForwardBatch {
  std::string site;
  int64_t first_seq = 0, last_seq = 0;
  std::vector<ForwardPoint> points;
  std::vector<ForwardReading> readings;
};

// "Everything up to last_seq is committed here": sent only after the centre's transaction.
struct ForwardAck {
  std::string site;
  int64_t last_seq = 0;
};

std::string encode(const ForwardBatch& m);
std::string encode(const ForwardAck& m);
// nullopt on any malformed body (also a point index out of range); `why` gets the reason.
std::optional<ForwardBatch> decodeForwardBatch(std::string_view body, std::string* why = nullptr);
std::optional<ForwardAck> decodeForwardAck(std::string_view body, std::string* why = nullptr);

}  // namespace gt::wire
