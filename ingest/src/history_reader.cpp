// Read-only history queries (see history_reader.h).
#include "history_reader.h"

#include <limits>

#include "sqlite_owner.h"

namespace gt::ingest {

struct HistoryReader::Connection {
  SqliteDb db;
  SqliteStatement find_point, samples;
};

HistoryReader::HistoryReader(std::unique_ptr<Connection> c) : c_(std::move(c)) {}
HistoryReader::~HistoryReader() = default;

std::unique_ptr<HistoryReader> HistoryReader::open(const std::filesystem::path& file) {
  auto c = std::make_unique<Connection>();
  c->db = SqliteDb::open(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  c->find_point = c->db.prepare("SELECT id, unit FROM point WHERE name=?1");
  c->samples = c->db.prepare(
      "SELECT t, value, quality FROM reading WHERE point=?1 AND t>=?2 AND t<?3 "
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

}  // namespace gt::ingest
