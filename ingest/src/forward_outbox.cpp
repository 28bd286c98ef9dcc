// The store-and-forward outbox: forward_log and forward_cursor (see forward_outbox.h).
#include "forward_outbox.h"

#include <cmath>

namespace gt::ingest {

namespace {
constexpr int kRowsPerInsert = 64;  // like the reading inserts: 128 parameters

std::string insertSql(int rows) {
  std::string sql = "INSERT INTO forward_log(point, t) VALUES";
  for (int i = 0; i < rows; ++i) {
    sql += i ? ",(?" : "(?";
    sql += std::to_string(2 * i + 1) + ",?" + std::to_string(2 * i + 2) + ")";
  }
  return sql;
}

std::string columnText(sqlite3_stmt* st, int column) {
  const unsigned char* text = sqlite3_column_text(st, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}
}  // namespace

ForwardLogWriter::ForwardLogWriter(SqliteDb& db)
    : db_(db),
      insert_one_(db.prepare(insertSql(1))),
      insert_many_(db.prepare(insertSql(kRowsPerInsert))) {}

bool ForwardLogWriter::append(const std::vector<StoredReading>& sorted, TimeMs keep_from) {
  // The rows the store keeps: skip those too old for the raw retention (never stored).
  std::size_t i = 0;
  const std::size_t n = sorted.size();
  auto next = [&]() -> const StoredReading* {
    while (i < n && sorted[i].t < keep_from) ++i;
    return i < n ? &sorted[i++] : nullptr;
  };
  const StoredReading* row = next();
  while (row) {
    // Gather up to kRowsPerInsert rows for one statement.
    const StoredReading* batch[kRowsPerInsert];
    int count = 0;
    while (row && count < kRowsPerInsert) {
      batch[count++] = row;
      row = next();
    }
    SqliteStatement& st = count == kRowsPerInsert ? insert_many_ : insert_one_;
    for (int k = 0; k < count; ++k) {
      const int first = count == kRowsPerInsert ? 2 * k + 1 : 1;
      sqlite3_bind_int64(st.get(), first, batch[k]->point);
      sqlite3_bind_int64(st.get(), first + 1, batch[k]->t);
      if (count != kRowsPerInsert) {
        const int rc = sqlite3_step(st.get());
        st.reset();
        if (rc != SQLITE_DONE) return false;
      }
    }
    if (count == kRowsPerInsert) {
      const int rc = sqlite3_step(st.get());
      st.reset();
      if (rc != SQLITE_DONE) return false;
    }
  }
  return true;
}

ForwardOutbox ForwardOutbox::open(const std::filesystem::path& database,
                                  const std::string& centre) {
  ForwardOutbox o;
  o.db_ = SqliteDb::open(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  o.centre_ = centre;
  {
    SqliteStatement add =
        o.db_.prepare("INSERT OR IGNORE INTO forward_cursor(centre, acked_seq) VALUES(?1, 0)");
    sqlite3_bind_text(add.get(), 1, centre.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(add.get()) != SQLITE_DONE) {
      throw StoreError("cannot record the forwarding cursor of centre '" + centre +
                       "': " + o.db_.message());
    }
    SqliteStatement get = o.db_.prepare("SELECT acked_seq FROM forward_cursor WHERE centre=?1");
    sqlite3_bind_text(get.get(), 1, centre.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(get.get()) != SQLITE_ROW) {
      throw StoreError("cannot read the forwarding cursor of centre '" + centre +
                       "': " + o.db_.message());
    }
    o.acked_ = sqlite3_column_int64(get.get(), 0);
  }
  // A LEFT JOIN: a logged reading deleted since by retention still moves the range along.
  // A reading not folded yet is in reading_stage (reading_stage.h), found by its key there.
  o.batch_ = o.db_.prepare(
      "SELECT f.seq, f.point, f.t, CASE WHEN r.t IS NOT NULL THEN r.value ELSE s.value END, "
      "COALESCE(r.quality, s.quality), r.t IS NOT NULL OR s.t IS NOT NULL, i.count, "
      "i.min_value, i.max_value, i.sum_value FROM forward_log f "
      "LEFT JOIN reading r ON r.point=f.point AND r.t=f.t "
      "LEFT JOIN reading_stage s ON s.t=f.t AND s.point=f.point "
      "LEFT JOIN reading_interval i ON i.point=f.point AND i.t=f.t WHERE f.seq>?1 "
      "ORDER BY f.seq LIMIT ?2");
  o.advance_ =
      o.db_.prepare("UPDATE forward_cursor SET acked_seq=MAX(acked_seq, ?2) WHERE centre=?1");
  o.prune_ = o.db_.prepare(
      "DELETE FROM forward_log WHERE seq<=(SELECT MIN(acked_seq) FROM forward_cursor)");
  o.max_seq_ = o.db_.prepare("SELECT MAX(seq) FROM forward_log");
  o.oldest_ = o.db_.prepare("SELECT t FROM forward_log WHERE seq>?1 ORDER BY seq LIMIT 1");
  return o;
}

void ForwardOutbox::keepOnlyCentres(const std::filesystem::path& database,
                                    const std::vector<std::string>& centres) {
  SqliteDb db = SqliteDb::open(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  SqliteStatement all = db.prepare("SELECT centre FROM forward_cursor");
  std::vector<std::string> gone;
  while (sqlite3_step(all.get()) == SQLITE_ROW) {
    std::string c = columnText(all.get(), 0);
    bool kept = false;
    for (const std::string& k : centres) kept = kept || k == c;
    if (!kept) gone.push_back(std::move(c));
  }
  all.reset();
  SqliteStatement del = db.prepare("DELETE FROM forward_cursor WHERE centre=?1");
  for (const std::string& c : gone) {
    sqlite3_bind_text(del.get(), 1, c.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(del.get()) != SQLITE_DONE) {
      throw StoreError("cannot forget the forwarding cursor of centre '" + c +
                       "': " + db.message());
    }
    del.reset();
  }
  // Forwarding switched off: nobody will ever read the log.
  if (centres.empty()) db.exec("DELETE FROM forward_log", "cannot empty the forwarding outbox");
}

bool ForwardOutbox::loadPoints() {
  SqliteStatement all = db_.prepare("SELECT id, name, unit, kind FROM point");
  int rc;
  while ((rc = sqlite3_step(all.get())) == SQLITE_ROW) {
    points_[sqlite3_column_int64(all.get(), 0)] = wire::ForwardPoint{
        columnText(all.get(), 1), columnText(all.get(), 2), columnText(all.get(), 3)};
  }
  return rc == SQLITE_DONE;
}

std::optional<wire::ForwardBatch> ForwardOutbox::nextBatch(const std::string& site, int max_rows,
                                                           std::string& error) {
  sqlite3_stmt* st = batch_.get();
  sqlite3_bind_int64(st, 1, acked_);
  sqlite3_bind_int(st, 2, max_rows);
  wire::ForwardBatch batch;
  batch.site = site;
  std::unordered_map<int64_t, uint32_t> index;  // point id -> index in batch.points
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const int64_t seq = sqlite3_column_int64(st, 0);
    if (batch.first_seq == 0) batch.first_seq = seq;
    batch.last_seq = seq;
    if (sqlite3_column_int(st, 5) == 0) continue;  // deleted by retention since
    const int64_t point = sqlite3_column_int64(st, 1);
    auto it = index.find(point);
    if (it == index.end()) {
      if (!points_.contains(point) && (!loadPoints() || !points_.contains(point))) {
        continue;  // cannot happen: point rows are never deleted
      }
      it = index.emplace(point, static_cast<uint32_t>(batch.points.size())).first;
      batch.points.push_back(points_.at(point));
    }
    wire::ForwardReading r;
    r.point = it->second;
    r.t = sqlite3_column_int64(st, 2);
    r.value =
        sqlite3_column_type(st, 3) == SQLITE_NULL ? std::nan("") : sqlite3_column_double(st, 3);
    r.quality = static_cast<uint32_t>(sqlite3_column_int64(st, 4));
    // Stored by `store = "interval"`: its summary travels with it (the reading and its
    // reading_interval row are written in one transaction, storage.md).
    if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
      r.count = sqlite3_column_int64(st, 6);
      r.min = sqlite3_column_double(st, 7);
      r.max = sqlite3_column_double(st, 8);
      r.sum = sqlite3_column_double(st, 9);
    }
    batch.readings.push_back(r);
  }
  batch_.reset();
  if (rc != SQLITE_DONE) {
    error = db_.message();
    return std::nullopt;
  }
  if (batch.first_seq == 0) return std::nullopt;
  return batch;
}

bool ForwardOutbox::acknowledge(int64_t last_seq, std::string& error) {
  if (db_.tryExec("BEGIN IMMEDIATE") != SQLITE_OK) {
    error = db_.message();
    return false;
  }
  sqlite3_bind_text(advance_.get(), 1, centre_.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(advance_.get(), 2, last_seq);
  bool ok = sqlite3_step(advance_.get()) == SQLITE_DONE;
  advance_.reset();
  ok = ok && sqlite3_step(prune_.get()) == SQLITE_DONE;
  prune_.reset();
  if (!ok || db_.tryExec("COMMIT") != SQLITE_OK) {
    error = db_.message();
    db_.tryExec("ROLLBACK");
    return false;
  }
  acked_ = std::max(acked_, last_seq);
  return true;
}

std::optional<OutboxDepth> ForwardOutbox::depth() {
  OutboxDepth d;
  d.acked_seq = acked_;
  if (sqlite3_step(max_seq_.get()) != SQLITE_ROW) {
    max_seq_.reset();
    return std::nullopt;
  }
  // Numbers are handed out in order and only numbers every centre has are deleted, so the
  // difference counts the waiting rows without a scan of millions of them.
  if (sqlite3_column_type(max_seq_.get(), 0) != SQLITE_NULL) {
    d.waiting_rows = std::max<int64_t>(0, sqlite3_column_int64(max_seq_.get(), 0) - acked_);
  }
  max_seq_.reset();
  sqlite3_bind_int64(oldest_.get(), 1, acked_);
  if (sqlite3_step(oldest_.get()) == SQLITE_ROW)
    d.oldest_waiting_t = sqlite3_column_int64(oldest_.get(), 0);
  oldest_.reset();
  return d;
}

}  // namespace gt::ingest
