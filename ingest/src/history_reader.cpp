// Read-only history queries (see history_reader.h).
#include "history_reader.h"

#include <cmath>
#include <limits>
#include <optional>

#include "greentwin/counter_continuity.h"
#include "sqlite_owner.h"

namespace gt::ingest {

struct HistoryReader::Connection {
  SqliteDb db;
  SqliteStatement find_point, samples, buckets, events;
};

HistoryReader::HistoryReader(std::unique_ptr<Connection> c) : c_(std::move(c)) {}
HistoryReader::~HistoryReader() = default;

std::unique_ptr<HistoryReader> HistoryReader::open(const std::filesystem::path& file) {
  auto c = std::make_unique<Connection>();
  c->db = SqliteDb::open(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  c->find_point = c->db.prepare("SELECT id, unit, kind, rollover FROM point WHERE name=?1");
  c->events =
      c->db.prepare("SELECT t, old_last, new_first FROM counter_event WHERE point=?1 ORDER BY t");
  c->buckets = c->db.prepare(
      "SELECT bucket, count, bad_count, min_value, max_value, sum_value, first_value, last_t, "
      "last_value, prior_value FROM aggregate WHERE point=?1 AND span=?2 AND bucket>=?3 AND "
      "bucket<?4 ORDER BY bucket");
  // reading_all: the folded rows and those still staged (reading_stage.h). One statement, so
  // one snapshot: a fold committing meanwhile cannot show a row twice or not at all. SQLite
  // pushes the WHERE into both halves (reading by its key, the stage by its time range).
  c->samples = c->db.prepare(
      "SELECT t, value, quality FROM reading_all WHERE point=?1 AND t>=?2 AND t<?3 "
      "ORDER BY t LIMIT ?4");
  return std::unique_ptr<HistoryReader>(new HistoryReader(std::move(c)));
}

std::variant<wire::HistoryReply, wire::ErrorReply> HistoryReader::query(
    const wire::HistoryRequest& request) {
  if (request.limit < 1 || request.limit > kMaxLimit) {
    return wire::ErrorReply{"limit must be between 1 and " + std::to_string(kMaxLimit)};
  }
  if (request.to <= request.from) {
    return wire::ErrorReply{"empty time range: 'to' must be later than 'from'"};
  }
  if (request.resolution != "raw") return queryBuckets(request);
  sqlite3_stmt* find = c_->find_point.get();
  sqlite3_bind_text(find, 1, request.point.c_str(), -1, SQLITE_TRANSIENT);
  const int found = sqlite3_step(find);
  if (found != SQLITE_ROW) {
    c_->find_point.reset();
    if (found == SQLITE_DONE) return wire::ErrorReply{"unknown point '" + request.point + "'"};
    return wire::ErrorReply{"database error: " + c_->db.message()};
  }
  wire::HistoryReply reply;
  reply.point = request.point;
  const int64_t point = sqlite3_column_int64(find, 0);
  reply.unit = reinterpret_cast<const char*>(sqlite3_column_text(find, 1));
  c_->find_point.reset();

  sqlite3_stmt* st = c_->samples.get();
  sqlite3_bind_int64(st, 1, point);
  sqlite3_bind_int64(st, 2, request.from);
  sqlite3_bind_int64(st, 3, request.to);
  sqlite3_bind_int64(st, 4, request.limit + 1);  // one more tells whether the range is cut
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (static_cast<int64_t>(reply.samples.size()) == request.limit) {
      reply.truncated = true;
      continue;
    }
    wire::HistorySample s;
    s.t = sqlite3_column_int64(st, 0);
    s.value = sqlite3_column_type(st, 1) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                        : sqlite3_column_double(st, 1);
    s.quality = static_cast<uint32_t>(sqlite3_column_int64(st, 2));
    reply.samples.push_back(s);
  }
  c_->samples.reset();
  if (rc != SQLITE_DONE) return wire::ErrorReply{"database error: " + c_->db.message()};
  return reply;
}

std::variant<wire::HistoryReply, wire::ErrorReply> HistoryReader::queryBuckets(
    const wire::HistoryRequest& request) {
  const std::optional<Span> span = parseSpan(request.resolution);
  if (!span) {
    return wire::ErrorReply{"unknown resolution '" + request.resolution +
                            "' (raw, 15min, hour, day, month or year)"};
  }
  auto result = aggregates({request.point}, *span, request.from, request.to);
  if (auto* error = std::get_if<wire::ErrorReply>(&result)) return *error;
  AggregateSeries& series = std::get<std::vector<AggregateSeries>>(result).front();
  wire::HistoryReply reply;
  reply.point = request.point;
  reply.unit = series.unit;
  reply.resolution = request.resolution;
  const bool cumulative = series.kind == "cumulative";
  for (const AggregateRow& row : series.rows) {
    if (static_cast<int64_t>(reply.buckets.size()) == request.limit) {
      reply.truncated = true;
      break;
    }
    reply.buckets.push_back(wire::HistoryBucket{row.bucket, row.count, row.bad_count, row.min,
                                                row.max, row.mean, row.first, row.last, row.delta});
    const double value = cumulative ? row.delta : row.mean;
    reply.samples.push_back(wire::HistorySample{
        row.bucket, value, std::isnan(value) ? quality::kNotANumber : quality::kGood});
  }
  return reply;
}

std::variant<std::vector<AggregateSeries>, wire::ErrorReply> HistoryReader::aggregates(
    const std::vector<std::string>& points, Span span, TimeMs from, TimeMs to) {
  if (to <= from) return wire::ErrorReply{"empty time range: 'to' must be later than 'from'"};
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<AggregateSeries> result;
  result.reserve(points.size());
  // One read transaction for all points: a consistent picture even while the writer commits.
  if (c_->db.tryExec("BEGIN") != SQLITE_OK) {
    return wire::ErrorReply{"database error: " + c_->db.message()};
  }
  struct EndRead {
    SqliteDb& db;
    ~EndRead() { db.tryExec("COMMIT"); }
  } end_read{c_->db};
  for (const std::string& name : points) {
    sqlite3_stmt* find = c_->find_point.get();
    sqlite3_bind_text(find, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    const int found = sqlite3_step(find);
    if (found != SQLITE_ROW) {
      c_->find_point.reset();
      if (found == SQLITE_DONE) return wire::ErrorReply{"unknown point '" + name + "'"};
      return wire::ErrorReply{"database error: " + c_->db.message()};
    }
    AggregateSeries series;
    series.point = name;
    const int64_t id = sqlite3_column_int64(find, 0);
    series.unit = reinterpret_cast<const char*>(sqlite3_column_text(find, 1));
    series.kind = reinterpret_cast<const char*>(sqlite3_column_text(find, 2));
    const std::optional<double> rollover = sqlite3_column_type(find, 3) == SQLITE_NULL
                                               ? std::nullopt
                                               : std::optional(sqlite3_column_double(find, 3));
    c_->find_point.reset();

    // Meter replacements of a cumulative point: its bucket energies follow them (below).
    std::vector<CounterEvent> events;
    if (series.kind == "cumulative") {
      sqlite3_stmt* ev = c_->events.get();
      sqlite3_bind_int64(ev, 1, id);
      int erc;
      while ((erc = sqlite3_step(ev)) == SQLITE_ROW) {
        events.push_back({sqlite3_column_int64(ev, 0), sqlite3_column_double(ev, 1),
                          sqlite3_column_double(ev, 2)});
      }
      c_->events.reset();
      if (erc != SQLITE_DONE) return wire::ErrorReply{"database error: " + c_->db.message()};
    }
    std::optional<TimeMs> previous_last_t;

    sqlite3_stmt* st = c_->buckets.get();
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, static_cast<int>(span));
    sqlite3_bind_int64(st, 3, from);
    sqlite3_bind_int64(st, 4, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      AggregateRow row;
      row.bucket = sqlite3_column_int64(st, 0);
      row.count = sqlite3_column_int64(st, 1);
      row.bad_count = sqlite3_column_int64(st, 2);
      if (sqlite3_column_type(st, 7) == SQLITE_NULL) {
        row.min = row.max = row.mean = row.first = row.last = row.delta = kNaN;
      } else {
        row.min = sqlite3_column_double(st, 3);
        row.max = sqlite3_column_double(st, 4);
        row.mean =
            row.count > 0 ? sqlite3_column_double(st, 5) / static_cast<double>(row.count) : kNaN;
        row.first = sqlite3_column_double(st, 6);
        row.last = sqlite3_column_double(st, 8);
        const double base =
            sqlite3_column_type(st, 9) == SQLITE_NULL ? row.first : sqlite3_column_double(st, 9);
        row.delta = row.last - base;
        const TimeMs last_t = sqlite3_column_int64(st, 7);
        if (series.kind == "cumulative" && (row.delta < 0 || !events.empty())) {
          // The continuity rule (counter_continuity.h) from the prior reading to the last:
          // a wrap across point.rollover, the replacements in between, and no use from any
          // other drop. One wrap per bucket at most.
          CounterContinuity rule(rollover, events);
          rule.resume(base, previous_last_t.value_or(row.bucket - 1));
          row.delta = rule.next(last_t, row.last, 0).increment;
        }
        previous_last_t = last_t;
      }
      series.rows.push_back(row);
    }
    c_->buckets.reset();
    if (rc != SQLITE_DONE) return wire::ErrorReply{"database error: " + c_->db.message()};
    result.push_back(std::move(series));
  }
  return result;
}

}  // namespace gt::ingest
