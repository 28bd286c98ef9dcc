// The stored side of counter continuity (greentwin/counter_continuity.h): meter replacements
// in table counter_event, and where each cumulative point's continuity resumes when the daemon
// starts (its high-water mark, from the aggregates). docs/storage.md, "Counters".
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "greentwin/clock.h"
#include "greentwin/counter_continuity.h"

namespace gt::ingest {

// One row of table counter_event.
struct CounterEventRecord {
  std::string point;  // "M-04.ep_imp"
  CounterEvent event;
  std::string kind = "replacement";
  std::string entered_by;  // who recorded it
  TimeMs entered_at = 0;
  std::string note;  // why (free text)
};

// Where a cumulative point's continuity resumes: its high-water mark (the newest reading the
// aggregates counted; nullopt for a point without one) and its recorded replacements.
struct CounterStart {
  std::optional<double> mark;
  TimeMs mark_t = 0;
  std::vector<CounterEvent> events;
};

// Reads the start of every cumulative point of the database at `file` (opened read-only).
// Throws StoreError on database errors.
std::unordered_map<std::string, CounterStart> loadCounterStarts(const std::filesystem::path& file);

// Appends `record` to table counter_event of the database at `file` (its own short write; the
// table is read only when continuity starts, never by the writer thread). Throws StoreError
// when the point is unknown or not cumulative, or on database errors.
void recordCounterEvent(const std::filesystem::path& file, const CounterEventRecord& record);

}  // namespace gt::ingest
