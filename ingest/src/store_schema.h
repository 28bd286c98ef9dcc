// The schema of the reading database and the one-time work done when it is opened. Internal to
// the storage .cpp files (includes sqlite3.h). docs/storage.md describes the tables.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "greentwin/clock.h"
#include "reading_store.h"
#include "sqlite_owner.h"

namespace gt::ingest {

// 1: readings, points, alarms. 2 (issue 5): aggregate, reading_interval; a version-1 file gets
// its aggregates built from its raw rows when first opened. 3 (issue 5): entry (the audit of
// manual and imported readings); an older file gets the empty table. 4 (issue 5, store and
// forward): forward_log, forward_cursor; an older file gets an empty outbox. 5 (issue 6):
// production_output (entered product output and output value); an older file gets it empty.
// 6 (issue 5, counters): counter_event (meter replacements) and point.rollover (filled when
// the daemon registers its points). 7 (issue 5, gateway scale): reading_stage (new readings
// appended in time order, folded into reading every few minutes) and view reading_all; an
// older file gets them empty.
inline constexpr int kSchemaVersion = 7;
// WAL size, in pages, at which a commit also checkpoints (SQLite's default is 1000). A commit
// rewrites every leaf page it touches, and readings of many points touch many leaves, so with
// the default nearly every large commit paid for a checkpoint. 10 000 pages: 40 MiB at 4 KiB.
inline constexpr int kWalCheckpointPages = 10000;

// WAL, synchronous=NORMAL and kWalCheckpointPages, then tables; migrates a version-1 file;
// refuses a database from a newer schema, or one whose aggregates were cut in another time
// zone. `utc_offset_minutes`: the site's zone (BucketCalendar).
void createSchema(SqliteDb& db, int utc_offset_minutes);
// Inserts or updates the points; returns every known point's id by name.
std::unordered_map<std::string, int64_t> registerPoints(SqliteDb& db,
                                                        const std::vector<PointInfo>& points);
// Marks alarms left raised by a previous run as cleared at `t` by "restart"; returns how many.
int closeOpenAlarms(SqliteDb& db, TimeMs t);
int64_t maxAlarmId(SqliteDb& db);

}  // namespace gt::ingest
