// Period consumption from the reading table: one range scan of the point's rows (the table is
// keyed by (point, t), so a point's rows lie together in time order).
#include "period_activity_reader.h"

#include <sqlite3.h>

#include <algorithm>

#include "bucket_calendar.h"
#include "greentwin/counter_continuity.h"
#include "greentwin/quality.h"
#include "report_error.h"
#include "sqlite_handles.h"

namespace gt::report {

uint32_t unusableQualityMask() {
  return quality::kOutOfRange | quality::kRegressed | quality::kStuck | quality::kSpike |
         quality::kNotANumber | quality::kClockSuspect;
}

struct PeriodActivityReader::Connection {
  Db db;
  std::string file;

  Statement prepare(const char* sql) const {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &s, nullptr) != SQLITE_OK) {
      throw ReportError(file + ": cannot query the readings: " + sqlite3_errmsg(db.get()));
    }
    return Statement(s);
  }
  Statement prepare(const std::string& sql) const { return prepare(sql.c_str()); }
  [[noreturn]] void fail(std::string_view what) const {
    throw ReportError(file + ": " + std::string(what) + ": " + sqlite3_errmsg(db.get()));
  }
};

namespace {

bool hasColumn(const PeriodActivityReader::Connection& c, const char* table, const char* column) {
  Statement s = c.prepare("SELECT COUNT(*) FROM pragma_table_info(?1) WHERE name = ?2");
  sqlite3_bind_text(s.get(), 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text(s.get(), 2, column, -1, SQLITE_STATIC);
  return sqlite3_step(s.get()) == SQLITE_ROW && sqlite3_column_int(s.get(), 0) > 0;
}

// Raw readings: schema 7 may hold the newest rows in `reading_stage` until they are folded, and
// the view `reading_all` reads both; older files have only `reading`.
std::string readingsOf(const PeriodActivityReader::Connection& c) {
  Statement s = c.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'view' AND name = ?1");
  sqlite3_bind_text(s.get(), 1, "reading_all", -1, SQLITE_STATIC);
  const bool staged = sqlite3_step(s.get()) == SQLITE_ROW && sqlite3_column_int(s.get(), 0) > 0;
  return staged ? "reading_all" : "reading";
}

// Where point `id` wraps (point.rollover, schema 6); nullopt in older files.
std::optional<double> rolloverOf(const PeriodActivityReader::Connection& c, int64_t id) {
  if (!hasColumn(c, "point", "rollover")) return std::nullopt;
  Statement s = c.prepare("SELECT rollover FROM point WHERE id = ?1");
  sqlite3_bind_int64(s.get(), 1, id);
  if (sqlite3_step(s.get()) != SQLITE_ROW || sqlite3_column_type(s.get(), 0) == SQLITE_NULL) {
    return std::nullopt;
  }
  return sqlite3_column_double(s.get(), 0);
}

// The recorded replacements of point `id` (table counter_event, schema 6).
std::vector<CounterEvent> eventsOf(const PeriodActivityReader::Connection& c, int64_t id) {
  std::vector<CounterEvent> events;
  if (!hasColumn(c, "counter_event", "point")) return events;
  Statement s =
      c.prepare("SELECT t, old_last, new_first FROM counter_event WHERE point = ?1 ORDER BY t");
  sqlite3_bind_int64(s.get(), 1, id);
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    events.push_back({sqlite3_column_int64(s.get(), 0), sqlite3_column_double(s.get(), 1),
                      sqlite3_column_double(s.get(), 2)});
  }
  if (rc != SQLITE_DONE) c.fail("cannot read the meter replacements");
  return events;
}

}  // namespace

PeriodActivityReader::PeriodActivityReader(std::unique_ptr<Connection> connection)
    : db_(std::move(connection)) {}
PeriodActivityReader::PeriodActivityReader(PeriodActivityReader&&) noexcept = default;
PeriodActivityReader& PeriodActivityReader::operator=(PeriodActivityReader&&) noexcept = default;
PeriodActivityReader::~PeriodActivityReader() = default;

PeriodActivityReader PeriodActivityReader::open(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw ReportError(file.string() +
                      ": no such database (give the file greentwin-ingest writes, [ingest] "
                      "database in site.toml, with --db)");
  }
  auto c = std::make_unique<Connection>();
  c->file = file.string();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  c->db.reset(raw);
  if (rc != SQLITE_OK) c->fail("cannot open the database read-only");
  // The daemon may hold a write lock for a moment while it commits.
  sqlite3_busy_timeout(raw, 5000);
  Statement check = c->prepare(
      "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('point','reading')");
  if (sqlite3_step(check.get()) != SQLITE_ROW || sqlite3_column_int(check.get(), 0) != 2) {
    throw ReportError(c->file + ": not a greentwin-ingest database (no point and reading tables)");
  }
  return PeriodActivityReader(std::move(c));
}

int64_t PeriodActivityReader::dataVersion() const {
  Statement s = db_->prepare("PRAGMA data_version");
  if (sqlite3_step(s.get()) != SQLITE_ROW) db_->fail("cannot read the data version");
  return sqlite3_column_int64(s.get(), 0);
}

OutputMark PeriodActivityReader::outputMark() const {
  OutputMark mark;
  if (!hasColumn(*db_, "production_output", "id")) return mark;
  Statement s = db_->prepare("SELECT coalesce(max(id), 0), count(*) FROM production_output");
  if (sqlite3_step(s.get()) != SQLITE_ROW) db_->fail("cannot read the entered output");
  mark.max_id = sqlite3_column_int64(s.get(), 0);
  mark.rows = sqlite3_column_int64(s.get(), 1);
  return mark;
}

std::optional<ReadingMark> PeriodActivityReader::readingMark(TimeMs start, TimeMs end) const {
  if (!hasColumn(*db_, "aggregate", "bucket")) return std::nullopt;
  ReadingMark mark;
  // Per point through the primary key (point, span, bucket): a range of about 30 rows each.
  Statement s = db_->prepare(
      "SELECT coalesce(sum(count), 0), coalesce(sum(bad_count), 0), coalesce(sum(sum_value), 0) "
      "FROM aggregate WHERE point IN (SELECT id FROM point) AND span = ?1 AND bucket > ?2 AND "
      "bucket < ?3");
  sqlite3_bind_int(s.get(), 1, static_cast<int>(ingest::Span::Day));
  sqlite3_bind_int64(s.get(), 2, start - 86'400'000);
  sqlite3_bind_int64(s.get(), 3, end);
  if (sqlite3_step(s.get()) != SQLITE_ROW) db_->fail("cannot read the day aggregates");
  mark.count = sqlite3_column_int64(s.get(), 0);
  mark.bad_count = sqlite3_column_int64(s.get(), 1);
  mark.sum = sqlite3_column_double(s.get(), 2);
  Statement p = db_->prepare("SELECT coalesce(max(id), 0) FROM point");
  if (sqlite3_step(p.get()) != SQLITE_ROW) db_->fail("cannot read the points");
  mark.max_point_id = sqlite3_column_int64(p.get(), 0);
  if (hasColumn(*db_, "counter_event", "id")) {
    Statement e = db_->prepare("SELECT coalesce(max(id), 0) FROM counter_event");
    if (sqlite3_step(e.get()) != SQLITE_ROW) db_->fail("cannot read the meter replacements");
    mark.max_counter_event_id = sqlite3_column_int64(e.get(), 0);
  }
  return mark;
}

std::optional<std::pair<TimeMs, TimeMs>> PeriodActivityReader::storedSpan() const {
  Statement s = db_->prepare("SELECT min(t), max(t) FROM " + readingsOf(*db_));
  if (sqlite3_step(s.get()) != SQLITE_ROW) db_->fail("cannot read the stored time span");
  if (sqlite3_column_type(s.get(), 0) == SQLITE_NULL) return std::nullopt;
  return std::pair{sqlite3_column_int64(s.get(), 0), sqlite3_column_int64(s.get(), 1)};
}

PointActivity PeriodActivityReader::consumption(std::string_view point, TimeMs start, TimeMs end,
                                                TimeMs gap_limit_ms) const {
  PointActivity a;
  a.point = std::string(point);

  Statement find = db_->prepare("SELECT id, unit FROM point WHERE name = ?1");
  sqlite3_bind_text(find.get(), 1, point.data(), static_cast<int>(point.size()), SQLITE_STATIC);
  const int found = sqlite3_step(find.get());
  if (found == SQLITE_DONE) return a;
  if (found != SQLITE_ROW) db_->fail("cannot look up point " + a.point);
  const int64_t id = sqlite3_column_int64(find.get(), 0);
  if (const unsigned char* u = sqlite3_column_text(find.get(), 1)) {
    a.unit = reinterpret_cast<const char*>(u);
  }
  a.stored = true;

  const uint32_t mask = unusableQualityMask();
  CounterContinuity counter(rolloverOf(*db_, id), eventsOf(*db_, id));

  // The starting value: the last usable reading before the period. The daemon flags every
  // reading below a register's high-water mark `regressed`, so this is the mark.
  const std::string readings = readingsOf(*db_);
  Statement before = db_->prepare("SELECT t, value FROM " + readings +
                                  " WHERE point = ?1 AND t < ?2 AND value IS NOT NULL AND "
                                  "(quality & ?3) = 0 ORDER BY t DESC LIMIT 1");
  sqlite3_bind_int64(before.get(), 1, id);
  sqlite3_bind_int64(before.get(), 2, start);
  sqlite3_bind_int64(before.get(), 3, mask);
  std::optional<TimeMs> last_t;
  if (const int rc = sqlite3_step(before.get()); rc == SQLITE_ROW) {
    a.baseline_t = sqlite3_column_int64(before.get(), 0);
    last_t = a.baseline_t;
    counter.resume(sqlite3_column_double(before.get(), 1), *a.baseline_t);
  } else if (rc != SQLITE_DONE) {
    db_->fail("cannot read point " + a.point);
  }

  // Coverage is measured inside [start, end): an interval between usable readings counts as
  // covered when it is no longer than the gap limit.
  auto account_interval = [&](TimeMs from, TimeMs to) {
    const TimeMs lo = std::max(from, start), hi = std::min(to, end);
    const TimeMs length = to - from;
    if (length > gap_limit_ms) {
      if (hi > lo) {
        ++a.gaps;
        a.longest_gap_ms = std::max(a.longest_gap_ms, hi - lo);
      }
    } else if (hi > lo) {
      a.covered_ms += hi - lo;
    }
  };

  Statement rows = db_->prepare("SELECT t, value, quality FROM " + readings +
                                " WHERE point = ?1 AND t >= ?2 AND t < ?3 ORDER BY t");
  sqlite3_bind_int64(rows.get(), 1, id);
  sqlite3_bind_int64(rows.get(), 2, start);
  sqlite3_bind_int64(rows.get(), 3, end);
  bool in_regression = false;
  for (;;) {
    const int rc = sqlite3_step(rows.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) db_->fail("cannot read point " + a.point);
    ++a.readings;
    const TimeMs t = sqlite3_column_int64(rows.get(), 0);
    const bool is_null = sqlite3_column_type(rows.get(), 1) == SQLITE_NULL;
    const auto flags = static_cast<uint32_t>(sqlite3_column_int64(rows.get(), 2));
    const std::optional<double> value =
        is_null ? std::nullopt : std::optional(sqlite3_column_double(rows.get(), 1));
    const std::optional<double> mark = counter.reference();
    const CounterIncrement step = counter.next(t, value, flags);
    if (step.step == CounterStep::Skipped || step.step == CounterStep::Regressed) {
      ++a.unusable;
      // Only the first drop of a run below the mark is a new regression.
      if (step.step == CounterStep::Regressed && !in_regression) {
        ++a.regressions;
        a.regressed_by += *mark - *value;
      }
      in_regression = in_regression || step.step == CounterStep::Regressed;
      continue;
    }
    in_regression = false;
    if (step.step == CounterStep::Rollover) ++a.rollovers;
    if (step.step == CounterStep::Replaced) ++a.replacements;
    a.amount += step.increment;
    ++a.usable;
    if (!a.first_t) a.first_t = t;
    a.last_t = t;
    account_interval(last_t.value_or(start), t);
    last_t = t;
  }
  // From the last usable reading (or the start, when there is none) to the end of the period.
  account_interval(last_t.value_or(start), end);
  return a;
}

}  // namespace gt::report
