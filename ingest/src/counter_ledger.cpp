// Meter replacements and continuity starts in the reading database (see counter_ledger.h).
#include "counter_ledger.h"

#include "sqlite_owner.h"
#include "store_error.h"

namespace gt::ingest {

std::unordered_map<std::string, CounterStart> loadCounterStarts(const std::filesystem::path& file) {
  SqliteDb db = SqliteDb::open(file, SQLITE_OPEN_READONLY);
  sqlite3_busy_timeout(db.get(), 5000);
  std::unordered_map<std::string, CounterStart> starts;
  // The newest span-0 bucket with a good reading holds the mark: the aggregates leave out
  // regressed readings, so their last value is the last one counted.
  SqliteStatement points = db.prepare("SELECT id, name FROM point WHERE kind = 'cumulative'");
  SqliteStatement mark = db.prepare(
      "SELECT last_value, last_t FROM aggregate WHERE point = ?1 AND span = 0 AND "
      "last_t IS NOT NULL ORDER BY bucket DESC LIMIT 1");
  int rc;
  while ((rc = sqlite3_step(points.get())) == SQLITE_ROW) {
    CounterStart& s = starts[reinterpret_cast<const char*>(sqlite3_column_text(points.get(), 1))];
    sqlite3_bind_int64(mark.get(), 1, sqlite3_column_int64(points.get(), 0));
    const int step = sqlite3_step(mark.get());
    if (step == SQLITE_ROW) {
      s.mark = sqlite3_column_double(mark.get(), 0);
      s.mark_t = sqlite3_column_int64(mark.get(), 1);
    }
    mark.reset();
    if (step != SQLITE_ROW && step != SQLITE_DONE) rc = step;
    if (rc != SQLITE_ROW) break;
  }
  if (rc != SQLITE_DONE) throw StoreError("cannot read the counter marks: " + db.message());
  SqliteStatement events = db.prepare(
      "SELECT p.name, e.t, e.old_last, e.new_first FROM counter_event e JOIN point p ON "
      "p.id = e.point ORDER BY e.t");
  while ((rc = sqlite3_step(events.get())) == SQLITE_ROW) {
    starts[reinterpret_cast<const char*>(sqlite3_column_text(events.get(), 0))].events.push_back(
        CounterEvent{sqlite3_column_int64(events.get(), 1), sqlite3_column_double(events.get(), 2),
                     sqlite3_column_double(events.get(), 3)});
  }
  if (rc != SQLITE_DONE) throw StoreError("cannot read the counter events: " + db.message());
  return starts;
}

void recordCounterEvent(const std::filesystem::path& file, const CounterEventRecord& r) {
  SqliteDb db = SqliteDb::open(file, SQLITE_OPEN_READWRITE);
  sqlite3_busy_timeout(db.get(), 5000);
  SqliteStatement find = db.prepare("SELECT id, kind FROM point WHERE name = ?1");
  sqlite3_bind_text(find.get(), 1, r.point.c_str(), -1, SQLITE_TRANSIENT);
  const int found = sqlite3_step(find.get());
  if (found != SQLITE_ROW) {
    throw StoreError("no point '" + r.point + "' in " + file.string() +
                     " (give the name as <meter>.<point>, e.g. M-04.ep_imp)");
  }
  const int64_t id = sqlite3_column_int64(find.get(), 0);
  if (std::string(reinterpret_cast<const char*>(sqlite3_column_text(find.get(), 1))) !=
      "cumulative") {
    throw StoreError("point '" + r.point +
                     "' is not a cumulative register: a replacement applies to meter totals");
  }
  SqliteStatement insert = db.prepare(
      "INSERT INTO counter_event(point, t, kind, old_last, new_first, entered_by, entered_at, "
      "note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  sqlite3_bind_int64(insert.get(), 1, id);
  sqlite3_bind_int64(insert.get(), 2, r.event.t);
  sqlite3_bind_text(insert.get(), 3, r.kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_double(insert.get(), 4, r.event.old_last);
  sqlite3_bind_double(insert.get(), 5, r.event.new_first);
  sqlite3_bind_text(insert.get(), 6, r.entered_by.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(insert.get(), 7, r.entered_at);
  sqlite3_bind_text(insert.get(), 8, r.note.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(insert.get()) != SQLITE_DONE) {
    throw StoreError("cannot record the counter event: " + db.message());
  }
}

}  // namespace gt::ingest
