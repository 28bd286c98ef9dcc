// Schema creation and start-up bookkeeping of the reading database (see store_schema.h).
#include "store_schema.h"

#include "aggregate_writer.h"
#include "log.h"
#include "production_output_schema.h"

namespace gt::ingest {

namespace {

constexpr const char* kTables = R"sql(
CREATE TABLE IF NOT EXISTS meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS point(
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  meter     TEXT NOT NULL,
  equipment TEXT NOT NULL,
  area      TEXT NOT NULL,
  unit      TEXT NOT NULL,
  kind      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reading(
  point   INTEGER NOT NULL,
  t       INTEGER NOT NULL,
  value   REAL,
  quality INTEGER NOT NULL,
  PRIMARY KEY(point, t)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alarm(
  id         INTEGER PRIMARY KEY,
  meter      TEXT NOT NULL,
  equipment  TEXT NOT NULL,
  area       TEXT NOT NULL,
  code       INTEGER NOT NULL,
  raised_t   INTEGER NOT NULL,
  raise_text TEXT NOT NULL,
  cleared_t  INTEGER,
  cleared_by TEXT,
  clear_text TEXT
);
CREATE INDEX IF NOT EXISTS alarm_open ON alarm(cleared_t);
)sql";

// Version 2 (issue 5): aggregates, and the summaries of interval-stored readings.
constexpr const char* kTablesV2 = R"sql(
CREATE TABLE IF NOT EXISTS reading_interval(
  point     INTEGER NOT NULL,
  t         INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  min_value REAL NOT NULL,
  max_value REAL NOT NULL,
  sum_value REAL NOT NULL,
  PRIMARY KEY(point, t)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aggregate(
  point       INTEGER NOT NULL,
  span        INTEGER NOT NULL,
  bucket      INTEGER NOT NULL,
  count       INTEGER NOT NULL,
  bad_count   INTEGER NOT NULL,
  min_value   REAL,
  max_value   REAL,
  sum_value   REAL,
  first_t     INTEGER,
  first_value REAL,
  last_t      INTEGER,
  last_value  REAL,
  prior_value REAL,
  PRIMARY KEY(point, span, bucket)
) WITHOUT ROWID;
)sql";

// Version 3 (issue 5): the audit of readings entered by hand or imported (greentwin-entry), one
// row per row entered, whatever became of it. No data to migrate: the table starts empty.
constexpr const char* kTablesV3 = R"sql(
CREATE TABLE IF NOT EXISTS entry(
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  point      TEXT NOT NULL,
  t          INTEGER NOT NULL,
  value      REAL,
  quality    INTEGER NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  source     TEXT NOT NULL,
  result     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entry_point_t ON entry(point, t);
)sql";

// Version 4 (issue 5): the store-and-forward outbox (forward_outbox.h). AUTOINCREMENT: a
// sequence number is never handed out twice, even after every logged row was pruned.
constexpr const char* kTablesV4 = R"sql(
CREATE TABLE IF NOT EXISTS forward_log(
  seq   INTEGER PRIMARY KEY AUTOINCREMENT,
  point INTEGER NOT NULL,
  t     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS forward_cursor(
  centre    TEXT PRIMARY KEY,
  acked_seq INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 6 (issue 5, counters): meter replacements (counter_continuity.h), and the wrap of
// each cumulative register (point.rollover, added below when missing) so that readers of the
// file apply the same continuity rule as the daemon without the site file.
constexpr const char* kCounterTables = R"sql(
CREATE TABLE IF NOT EXISTS counter_event(
  id         INTEGER PRIMARY KEY,
  point      INTEGER NOT NULL,
  t          INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  old_last   REAL NOT NULL,
  new_first  REAL NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at INTEGER NOT NULL,
  note       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS counter_event_point_t ON counter_event(point, t);
)sql";

// Version 7 (issue 5, gateway scale): the staging table (reading_stage.h), keyed by time so that
// a commit appends at the right edge of its B-tree; and reading_all, every reading whether
// folded into reading yet or not, for readers (history, the sqlite3 command line). A row is in
// one table or the other, never both: staged rows are new, and a fold moves them in one
// transaction.
constexpr const char* kStageTables = R"sql(
CREATE TABLE IF NOT EXISTS reading_stage(
  t       INTEGER NOT NULL,
  point   INTEGER NOT NULL,
  value   REAL,
  quality INTEGER NOT NULL,
  PRIMARY KEY(t, point)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS reading_all AS
  SELECT point, t, value, quality FROM reading
  UNION ALL SELECT point, t, value, quality FROM reading_stage;
)sql";

int64_t singleInt(SqliteDb& db, const char* sql, int64_t fallback) {
  SqliteStatement st = db.prepare(sql);
  const int rc = sqlite3_step(st.get());
  if (rc == SQLITE_ROW && sqlite3_column_type(st.get(), 0) != SQLITE_NULL) {
    return sqlite3_column_int64(st.get(), 0);
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw StoreError(std::string("cannot read the database: ") + db.message());
  }
  return fallback;
}

}  // namespace

void createSchema(SqliteDb& db, int utc_offset_minutes) {
  // WAL: readers (history queries, the viewer, sqlite3 CLI) never block the writer.
  // synchronous=NORMAL in WAL mode: a commit survives a process crash; only a power loss or
  // OS crash can undo the last commits (docs/storage.md "Durability").
  {
    SqliteStatement wal = db.prepare("PRAGMA journal_mode=WAL");
    if (sqlite3_step(wal.get()) != SQLITE_ROW ||
        std::string(reinterpret_cast<const char*>(sqlite3_column_text(wal.get(), 0))) != "wal") {
      throw StoreError("cannot switch the database to WAL mode: " + db.message() +
                       " (is it on a network file system?)");
    }
  }  // finalized here: an open statement would block the COMMIT below
  db.exec("PRAGMA synchronous=NORMAL", "cannot set synchronous=NORMAL");
  // Per connection, like synchronous. The writer also checkpoints at least every second, so a
  // larger WAL does not lengthen what a power loss can undo (reading_store.cpp, syncWalIfDue).
  db.exec("PRAGMA wal_autocheckpoint=" + std::to_string(kWalCheckpointPages),
          "cannot set wal_autocheckpoint");
  db.exec("BEGIN IMMEDIATE", "cannot lock the database to create its tables");
  try {
    db.exec(kTables, "cannot create the tables");
    const int64_t version =
        singleInt(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema_version'", 0);
    if (version > kSchemaVersion) {
      throw StoreError("the database has schema version " + std::to_string(version) +
                       ", written by a newer greentwin-ingest; this one knows version " +
                       std::to_string(kSchemaVersion));
    }
    db.exec(kTablesV2, "cannot create the aggregate tables");
    db.exec(kTablesV3, "cannot create the entry audit table");
    db.exec(kTablesV4, "cannot create the forwarding tables");
    db.exec(kCounterTables, "cannot create the counter event table");
    db.exec(kStageTables, "cannot create the staging table");
    const int64_t has_rollover =
        singleInt(db, "SELECT COUNT(*) FROM pragma_table_info('point') WHERE name='rollover'", 0);
    if (has_rollover == 0) {
      db.exec("ALTER TABLE point ADD COLUMN rollover REAL", "cannot add point.rollover");
    }
    // Version 5 (issue 6): entered production output; greentwin-report enter-output creates it
    // too, with the same idempotent statement.
    db.exec(kProductionOutputTableSql, "cannot create the production_output table");
    // Day, month and year buckets are cut at the site's local midnight: a file aggregated in
    // one zone cannot simply go on in another (the raw rows that would allow a rebuild are
    // deleted after raw_retention_days, while the aggregates are kept for ever).
    const int64_t stored_offset = singleInt(
        db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key='aggregate_utc_offset_minutes'",
        utc_offset_minutes);
    if (stored_offset != utc_offset_minutes) {
      throw StoreError("the database's day, month and year totals are cut at local midnight " +
                       std::to_string(stored_offset) +
                       " minutes east of UTC, but the site's [site] timezone is now " +
                       std::to_string(utc_offset_minutes) +
                       " minutes east of UTC: keep the old timezone or start a new database");
    }
    db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_utc_offset_minutes', '" +
                std::to_string(utc_offset_minutes) + "')",
            "cannot record the aggregate time zone");
    if (version == 1) {
      // The aggregates of a version-1 file are built here, once, from all its raw rows: about
      // a second per million rows (docs/storage.md, "Migration").
      const int64_t rows = singleInt(db, "SELECT COUNT(*) FROM reading", 0);
      logInfo("database: schema version 1 -> ", kSchemaVersion, ": building the aggregates of ",
              rows, " stored readings");
      AggregateWriter aggregates(db, BucketCalendar(utc_offset_minutes));
      SqliteStatement points = db.prepare("SELECT id FROM point");
      std::vector<int64_t> ids;
      int rc;
      while ((rc = sqlite3_step(points.get())) == SQLITE_ROW) {
        ids.push_back(sqlite3_column_int64(points.get(), 0));
      }
      if (rc != SQLITE_DONE) throw StoreError("cannot list the stored points: " + db.message());
      for (int64_t id : ids) aggregates.rebuild(id);
    }
    db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '" +
                std::to_string(kSchemaVersion) + "')",
            "cannot record the schema version");
    db.exec("COMMIT", "cannot commit the schema");
  } catch (...) {
    db.tryExec("ROLLBACK");
    throw;
  }
}

std::unordered_map<std::string, int64_t> registerPoints(SqliteDb& db,
                                                        const std::vector<PointInfo>& points) {
  db.exec("BEGIN IMMEDIATE", "cannot lock the database to register points");
  try {
    SqliteStatement old_unit = db.prepare("SELECT unit FROM point WHERE name=?1");
    SqliteStatement upsert = db.prepare(
        "INSERT INTO point(name, meter, equipment, area, unit, kind, rollover) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7) "
        "ON CONFLICT(name) DO UPDATE SET meter=excluded.meter, equipment=excluded.equipment, "
        "area=excluded.area, unit=excluded.unit, kind=excluded.kind, "
        "rollover=excluded.rollover");
    for (const PointInfo& p : points) {
      sqlite3_bind_text(old_unit.get(), 1, p.name.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(old_unit.get()) == SQLITE_ROW) {
        const std::string unit =
            reinterpret_cast<const char*>(sqlite3_column_text(old_unit.get(), 0));
        if (unit != p.unit) {
          logWarn("point ", p.name, " changes unit from '", unit, "' to '", p.unit,
                  "': its older readings stay in '", unit, "'");
        }
      }
      old_unit.reset();
      const std::string* fields[] = {&p.name, &p.meter, &p.equipment, &p.area, &p.unit, &p.kind};
      for (int i = 0; i < 6; ++i) {
        sqlite3_bind_text(upsert.get(), i + 1, fields[i]->c_str(), -1, SQLITE_TRANSIENT);
      }
      if (p.rollover) {
        sqlite3_bind_double(upsert.get(), 7, *p.rollover);
      } else {
        sqlite3_bind_null(upsert.get(), 7);
      }
      if (sqlite3_step(upsert.get()) != SQLITE_DONE) {
        throw StoreError("cannot register point " + p.name + ": " + db.message());
      }
      upsert.reset();
    }
    db.exec("COMMIT", "cannot commit the point list");
  } catch (...) {
    db.tryExec("ROLLBACK");
    throw;
  }
  std::unordered_map<std::string, int64_t> ids;
  SqliteStatement all = db.prepare("SELECT id, name FROM point");
  int rc;
  while ((rc = sqlite3_step(all.get())) == SQLITE_ROW) {
    ids.emplace(reinterpret_cast<const char*>(sqlite3_column_text(all.get(), 1)),
                sqlite3_column_int64(all.get(), 0));
  }
  if (rc != SQLITE_DONE) throw StoreError("cannot read the point list: " + db.message());
  return ids;
}

int closeOpenAlarms(SqliteDb& db, TimeMs t) {
  SqliteStatement st = db.prepare(
      "UPDATE alarm SET cleared_t=?1, cleared_by='restart', "
      "clear_text='closed when greentwin-ingest restarted; raised again if still present' "
      "WHERE cleared_t IS NULL");
  sqlite3_bind_int64(st.get(), 1, t);
  if (sqlite3_step(st.get()) != SQLITE_DONE) {
    throw StoreError("cannot close the alarms of the previous run: " + db.message());
  }
  return sqlite3_changes(db.get());
}

int64_t maxAlarmId(SqliteDb& db) {
  return singleInt(db, "SELECT MAX(id) FROM alarm", 0);
}

}  // namespace gt::ingest
