// Validation, storage and audit of entered readings (see entry_desk.h).
#include "entry_desk.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <sstream>

#include "bucket_calendar.h"
#include "greentwin/quality.h"
#include "point_validator.h"
#include "sqlite_owner.h"

namespace gt::ingest {

namespace {
constexpr TimeMs kDayMs = 86'400'000;

struct Target {
  int64_t id = 0;
  RegisterPoint rules;
};

// A neighbouring reading: stored, or entered earlier in the same request.
struct Neighbour {
  TimeMs t = 0;
  double value = 0;
};

std::string number(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}
}  // namespace

struct EntryDesk::Impl {
  ReadingStore& store;
  EntryDeskOptions options;
  SqliteDb db;
  SqliteStatement existing, before, after;
  std::unordered_map<std::string, Target> points;

  explicit Impl(ReadingStore& s) : store(s) {}
  std::optional<Neighbour> neighbour(SqliteStatement& st, int64_t point, TimeMs t);
  bool exists(int64_t point, TimeMs t);
  TimeMs keepFrom() const;
};

std::optional<Neighbour> EntryDesk::Impl::neighbour(SqliteStatement& st, int64_t point, TimeMs t) {
  sqlite3_bind_int64(st.get(), 1, point);
  sqlite3_bind_int64(st.get(), 2, t);
  const int rc = sqlite3_step(st.get());
  std::optional<Neighbour> found;
  if (rc == SQLITE_ROW) {
    found = Neighbour{sqlite3_column_int64(st.get(), 0), sqlite3_column_double(st.get(), 1)};
  }
  st.reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw StoreError("cannot read the stored readings: " + db.message());
  }
  return found;
}

bool EntryDesk::Impl::exists(int64_t point, TimeMs t) {
  sqlite3_bind_int64(existing.get(), 1, point);
  sqlite3_bind_int64(existing.get(), 2, t);
  const int rc = sqlite3_step(existing.get());
  existing.reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw StoreError("cannot read the stored readings: " + db.message());
  }
  return rc == SQLITE_ROW;
}

// The writer's own horizon (ReadingStore keepFrom()): rows before it would not be stored.
TimeMs EntryDesk::Impl::keepFrom() const {
  if (options.raw_retention_days <= 0) return std::numeric_limits<TimeMs>::min();
  const BucketCalendar calendar(options.utc_offset_minutes);
  return calendar.start(Span::Quarter, options.now() - options.raw_retention_days * kDayMs);
}

EntryDesk::EntryDesk(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntryDesk::~EntryDesk() = default;

std::unique_ptr<EntryDesk> EntryDesk::open(const SiteConfig& site,
                                           const std::filesystem::path& database,
                                           ReadingStore& store, EntryDeskOptions options) {
  auto impl = std::make_unique<Impl>(store);
  impl->options = std::move(options);
  impl->db = SqliteDb::open(database, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  impl->existing = impl->db.prepare("SELECT 1 FROM reading_all WHERE point=?1 AND t=?2");
  impl->before = impl->db.prepare(
      "SELECT t, value FROM reading_all WHERE point=?1 AND t<?2 AND value IS NOT NULL "
      "ORDER BY t DESC LIMIT 1");
  impl->after = impl->db.prepare(
      "SELECT t, value FROM reading_all WHERE point=?1 AND t>?2 AND value IS NOT NULL "
      "ORDER BY t LIMIT 1");
  for (const Meter& m : site.meters) {
    for (const RegisterPoint& rp : m.tmpl->points) {
      const std::string name = pointId(m, rp);
      const auto id = store.pointIds().find(name);
      if (id != store.pointIds().end()) impl->points.emplace(name, Target{id->second, rp});
    }
  }
  return std::unique_ptr<EntryDesk>(new EntryDesk(std::move(impl)));
}

wire::EnterReply EntryDesk::enter(const wire::EnterRequest& request) {
  Impl& d = *impl_;
  const std::vector<wire::EnterRow>& rows = request.rows;
  wire::EnterReply reply;
  reply.results.resize(rows.size());
  // Everything queued before (live polls, an earlier chunk) must be visible as a neighbour.
  d.store.flush();

  const uint32_t origin = (request.kind == "import" ? quality::kImported : quality::kManual) |
                          (request.estimated ? quality::kEstimated : 0u);
  const TimeMs keep_from = d.keepFrom();
  // Each point's rows in time order, so that an entered row is the neighbour of the next one.
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&rows](std::size_t a, std::size_t b) {
    return rows[a].point != rows[b].point ? rows[a].point < rows[b].point : rows[a].t < rows[b].t;
  });

  std::vector<StoredReading> to_store;
  std::optional<Neighbour> last_entered;  // of the current point
  const std::string* current_point = nullptr;
  std::optional<TimeMs> last_t;
  for (const std::size_t i : order) {
    const wire::EnterRow& row = rows[i];
    wire::EnterResult& result = reply.results[i];
    if (!current_point || *current_point != row.point) {
      current_point = &row.point;
      last_entered.reset();
      last_t.reset();
    }
    const bool repeated = last_t && *last_t == row.t;
    last_t = row.t;
    const auto target = d.points.find(row.point);
    if (target == d.points.end()) {
      result = {"rejected", 0, "unknown point '" + row.point + "' (not in the site file)"};
      continue;
    }
    if (!std::isfinite(row.value)) {
      result = {"rejected", quality::kNotANumber, "no value"};
      continue;
    }
    if (row.t < keep_from) {
      result = {"rejected", 0,
                "older than [ingest] raw_retention_days (" +
                    std::to_string(d.options.raw_retention_days) + " days)"};
      continue;
    }
    if (repeated) {
      result = {"rejected", 0, "same point and time as another row of this request"};
      continue;
    }
    const Target& p = target->second;
    if (d.exists(p.id, row.t)) {
      result = {"duplicate", 0, "a reading of this point at this time is already stored"};
      continue;
    }
    // The previous reading: the later of the stored one and the last row entered here.
    std::optional<Neighbour> previous = d.neighbour(d.before, p.id, row.t);
    if (last_entered && (!previous || last_entered->t > previous->t)) previous = last_entered;
    // The live rules on a validator that has seen only that previous reading.
    PointValidator validator(p.rules);
    if (previous) validator.check(previous->value, previous->t);
    uint32_t flags = validator.check(row.value, row.t) | origin;
    std::string why;
    if ((flags & quality::kOutOfRange) != 0) {
      why = "outside the point's range [" + number(p.rules.min) + ", " + number(p.rules.max) + "]";
    }
    if ((flags & quality::kRegressed) != 0) {
      why = "below the previous reading " + number(previous->value);
    }
    if (p.rules.kind == PointKind::Cumulative) {
      // Also against the reading after it: a cumulative register only goes up.
      if (const auto next = d.neighbour(d.after, p.id, row.t); next && row.value > next->value) {
        flags |= quality::kRegressed;
        why = "above the next stored reading " + number(next->value);
      }
    }
    result = {"stored", flags, why};
    last_entered = Neighbour{row.t, row.value};
    to_store.push_back(StoredReading{p.id, row.t, row.value, flags, {}});
  }
  if (request.dry_run) return reply;

  std::vector<EntryAudit> audit;
  audit.reserve(rows.size());
  const TimeMs now = d.options.now();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const wire::EnterResult& r = reply.results[i];
    audit.push_back(EntryAudit{request.kind, rows[i].point, rows[i].t, rows[i].value, r.quality,
                               request.by, now, request.why, rows[i].source,
                               r.result == "rejected" ? "rejected: " + r.why : r.result});
  }
  d.store.append(std::move(to_store));
  d.store.record(std::move(audit));
  d.store.flush();
  return reply;
}

}  // namespace gt::ingest
