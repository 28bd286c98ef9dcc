// HistoryReader: answers history requests from the reading database over its own read-only
// connection, so queries never hold up the writer (WAL lets both run at once). Only committed
// rows are visible: the history never shows a reading a crash could still take back.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "bucket_calendar.h"
#include "greentwin/messages.h"
#include "store_error.h"

namespace gt::ingest {

// One aggregate bucket of one point (table aggregate). Values in the point's canonical unit;
// NaN where the bucket holds no good reading.
struct AggregateRow {
  TimeMs bucket = 0;      // UTC ms of the bucket's start (local midnight for day and longer)
  int64_t count = 0;      // good readings (an interval-stored row counts all it stands for)
  int64_t bad_count = 0;  // readings left out for their quality flags
  double min = 0, max = 0, mean = 0;
  double first = 0, last = 0;  // first and last good reading (cumulative: meter readings)
  // Cumulative points: the energy of the bucket, last reading minus the last good reading
  // before the bucket (or minus `first` when there is none); consecutive buckets add up
  // exactly. Instant points: last - first, rarely useful.
  double delta = 0;
};

struct AggregateSeries {
  std::string point, unit, kind;   // kind: "instant" | "cumulative"
  std::vector<AggregateRow> rows;  // ascending bucket
};

class HistoryReader {
 public:
  // Opens `file` read-only; the writer must have created it. Throws StoreError.
  static std::unique_ptr<HistoryReader> open(const std::filesystem::path& file);
  ~HistoryReader();
  HistoryReader(const HistoryReader&) = delete;
  HistoryReader& operator=(const HistoryReader&) = delete;

  // Samples of `request.point` with from <= t < to, ascending, at most `limit` (1..100000);
  // `truncated` when more exist in the range. A NULL value comes back as NaN. With a
  // `resolution` other than "raw", the aggregate buckets starting in [from, to) instead
  // (HistoryReply::buckets, and one sample per bucket). An unknown point or resolution, an
  // empty range or a bad limit give an ErrorReply; so does a database error.
  std::variant<wire::HistoryReply, wire::ErrorReply> query(const wire::HistoryRequest& request);

  // Aggregates of `span` of each of `points` whose bucket starts in [from, to), one series per
  // point in the order asked. An unknown point or an empty range give an ErrorReply; so does a
  // database error.
  std::variant<std::vector<AggregateSeries>, wire::ErrorReply> aggregates(
      const std::vector<std::string>& points, Span span, TimeMs from, TimeMs to);

  static constexpr int64_t kMaxLimit = 100'000;

 private:
  std::variant<wire::HistoryReply, wire::ErrorReply> queryBuckets(
      const wire::HistoryRequest& request);
  struct Connection;
  explicit HistoryReader(std::unique_ptr<Connection> c);
  std::unique_ptr<Connection> c_;
};

}  // namespace gt::ingest
