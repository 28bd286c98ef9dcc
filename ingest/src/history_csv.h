// Reading another system's history from CSV (greentwin-entry import), and the time stamps a
// person types (greentwin-entry reading --at). Pure: text in, rows and problems out; no I/O.
//
// The file: UTF-8 (a byte-order mark is skipped), a header row naming the columns point, time,
// value and optionally unit, in any order (other columns are ignored); comma-separated; fields
// may be double-quoted ("" inside quotes is one quote). Each data line gives one reading:
//   point  "<meter>.<point>" of the site file
//   time   ISO 8601, "2026-10-05T08:00+08:00", "...Z", or without offset meaning the site's
//          local time; seconds and milliseconds optional; a space may replace the T
//   value  a decimal number in `unit`
//   unit   optional (empty: the point's canonical unit); converted to the canonical unit
//          (greentwin/units.h) when it measures the same quantity, a problem otherwise
// A line that breaks any of these is a problem "LINE: why" and yields no row; so does a second
// line for the same point and time (the first one wins). Empty lines are skipped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "greentwin/clock.h"

namespace gt::ingest {

struct HistoryCsvRow {
  std::size_t line = 0;  // 1-based line of the file
  std::string point;
  TimeMs t = 0;      // UTC ms
  double value = 0;  // canonical unit
};

struct HistoryCsvProblem {
  std::size_t line = 0;  // 1-based; 1 is the header
  std::string why;
};

struct HistoryCsv {
  std::size_t lines_read = 0;  // data lines (not the header, not empty lines)
  std::vector<HistoryCsvRow> rows;
  std::vector<HistoryCsvProblem> problems;  // in line order
};

// Parses `text`. `canonical_units`: the site's points and their canonical units (an unknown
// point is a problem). `utc_offset_minutes`: the site's zone, for times without an offset.
// A header without point, time and value is one problem on line 1 and no rows.
HistoryCsv parseHistoryCsv(std::string_view text,
                           const std::unordered_map<std::string, std::string>& canonical_units,
                           int utc_offset_minutes);

// "2026-10-05T08:00+08:00" (offset or Z), or without offset in the zone `utc_offset_minutes`
// east of UTC. nullopt when it is not such a time (a date alone, 24:00, February 30).
std::optional<TimeMs> parseEntryTime(std::string_view text, int utc_offset_minutes);

}  // namespace gt::ingest
