// The consumption of a cumulative meter point over a period, read straight from the reading
// store (table `reading`, docs/storage.md), with how complete the data behind it is. The
// database is opened read-only; the daemon may be writing to it at the same time (WAL).
// sqlite3.h stays in the .cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"

namespace gt::report {

// Quality bits that make a reading unusable for a period total: out of range, regressed, stuck,
// spike, not a number, clock suspect (quality.h). Manual and estimated readings are used.
uint32_t unusableQualityMask();

struct PointActivity {
  std::string point;    // "M-01.ep_imp"
  bool stored = false;  // the point exists in the database
  std::string unit;     // its canonical unit as stored
  // The use between usable readings by the continuity rule (greentwin/counter_continuity.h:
  // increments above the register's high-water mark, across roll-overs and recorded meter
  // replacements), in `unit`. Each increment belongs to the period of its later reading, so
  // consecutive periods add up; the last usable reading before the period is the starting
  // value.
  double amount = 0;
  int64_t readings = 0;      // rows in [start, end)
  int64_t usable = 0;        // of which counted
  int64_t unusable = 0;      // skipped for their quality flags, a NULL value, or a regression
  int64_t regressions = 0;   // times the counter fell below its high-water mark: not counted
  double regressed_by = 0;   // the sum of those first backward steps, in `unit`
  int64_t rollovers = 0;     // wraps at the register's modulus, counted across
  int64_t replacements = 0;  // recorded meter replacements inside the period
  std::optional<TimeMs> baseline_t;  // the reading before the period the first step starts from
  std::optional<TimeMs> first_t, last_t;  // first and last usable reading in the period
  int64_t gaps = 0;  // intervals without a usable reading longer than the gap limit
  TimeMs longest_gap_ms = 0;
  TimeMs covered_ms = 0;  // parts of [start, end) between usable readings no further apart
                          // than the gap limit
};

// What a cache of period figures compares to learn whether the store changed under it (the KPI
// thread's month-to-date accounts, month_to_date_accounts.h). Taken without scanning readings:
// a few index lookups.
struct OutputMark {
  int64_t max_id = 0, rows = 0;  // of table production_output (rows are only ever added)
  bool operator==(const OutputMark&) const = default;
};
struct ReadingMark {
  int64_t max_point_id = 0;          // a new point
  int64_t max_counter_event_id = 0;  // a recorded meter replacement
  // Over the day aggregates (table aggregate, span day) starting in the window: any reading
  // stored, late or not, changes the count, the bad count or the sum of its day bucket.
  int64_t count = 0, bad_count = 0;
  double sum = 0;
  bool operator==(const ReadingMark&) const = default;
};

class PeriodActivityReader {
 public:
  // Opens `file` read-only. Throws ReportError when it does not exist, cannot be opened, or
  // has no `point`/`reading` tables (not a greentwin-ingest database).
  static PeriodActivityReader open(const std::filesystem::path& file);
  PeriodActivityReader(PeriodActivityReader&&) noexcept;
  PeriodActivityReader& operator=(PeriodActivityReader&&) noexcept;
  ~PeriodActivityReader();

  // Consumption of `point` in [start, end) (UTC ms, start < end). An interval between usable
  // readings longer than `gap_limit_ms` counts as a gap in the coverage (its consumption, if
  // the counter advanced across it, is still counted: the register kept counting). A point
  // not in the database gives stored = false and amount 0. Throws ReportError on SQL errors.
  PointActivity consumption(std::string_view point, TimeMs start, TimeMs end,
                            TimeMs gap_limit_ms = 15 * 60'000) const;

  // SQLite's PRAGMA data_version of this connection: it changes when another connection (the
  // daemon's writer, enter-output) commits. Reads no table.
  int64_t dataVersion() const;
  // The production_output table's mark; zeros when the file has no such table.
  OutputMark outputMark() const;
  // The mark of the readings whose day bucket may hold part of [start, end): the buckets
  // starting in (start - 1 day, end), so a bucket cut at another offset is covered too.
  // nullopt for a file without aggregates (schema 1): then no cheap mark exists.
  std::optional<ReadingMark> readingMark(TimeMs start, TimeMs end) const;

  // The earliest and latest reading time of the whole database, nullopt when empty.
  std::optional<std::pair<TimeMs, TimeMs>> storedSpan() const;

  struct Connection;  // opaque: the SQLite handle, defined in the .cpp

 private:
  explicit PeriodActivityReader(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> db_;
};

}  // namespace gt::report
