// Staging of new readings and their fold into table reading (see reading_stage.h).
#include "reading_stage.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "reading_insert.h"

namespace gt::ingest {

namespace {

constexpr std::string_view kInsertHead =
    "INSERT INTO reading_stage(point, t, value, quality) VALUES";

}  // namespace

ReadingStage::ReadingStage(SqliteDb& db) : db_(db) {
  insert_one_ = db.prepare(readingInsertSql(kInsertHead, 1));
  insert_many_ = db.prepare(readingInsertSql(kInsertHead, kReadingRowsPerInsert));
  // ORDER BY point, t: reading is filled leaf after leaf, each leaf once per fold. SQLite sorts
  // the stage with its external sorter (bounded memory, temporary files beyond it).
  fold_ = db.prepare(
      "INSERT OR IGNORE INTO reading(point, t, value, quality) "
      "SELECT point, t, value, quality FROM reading_stage ORDER BY point, t");
  clear_ = db.prepare("DELETE FROM reading_stage");
  SqliteStatement count = db.prepare("SELECT COUNT(*) FROM reading_stage");
  if (sqlite3_step(count.get()) != SQLITE_ROW) {
    throw StoreError("cannot count the staged readings: " + db.message());
  }
  rows_ = static_cast<uint64_t>(sqlite3_column_int64(count.get(), 0));
}

bool ReadingStage::append(const std::vector<StoredReading>& sorted,
                          const std::vector<std::pair<std::size_t, std::size_t>>& runs) {
  // In the stage's key order, (t, point): the rows come in (point, t) order, and a batch that
  // spans several poll rounds would otherwise insert all over its time range, splitting pages.
  order_.clear();
  for (const auto& [first, end] : runs) {
    for (std::size_t k = first; k < end; ++k) order_.push_back(&sorted[k]);
  }
  std::sort(order_.begin(), order_.end(), [](const StoredReading* a, const StoredReading* b) {
    return a->t != b->t ? a->t < b->t : a->point < b->point;
  });
  sqlite3_stmt* many = insert_many_.get();
  std::size_t k = 0;
  for (; k + kReadingRowsPerInsert <= order_.size(); k += kReadingRowsPerInsert) {
    for (int i = 0; i < kReadingRowsPerInsert; ++i) bindReading(many, 4 * i + 1, *order_[k + i]);
    const int rc = sqlite3_step(many);
    sqlite3_reset(many);
    if (rc != SQLITE_DONE) return false;
  }
  for (; k < order_.size(); ++k) {  // the last < 64 rows, one statement each
    bindReading(insert_one_.get(), 1, *order_[k]);
    const int rc = sqlite3_step(insert_one_.get());
    insert_one_.reset();
    if (rc != SQLITE_DONE) return false;
  }
  added_ += order_.size();
  return true;
}

bool ReadingStage::fold() {
  int rc = sqlite3_step(fold_.get());
  fold_.reset();
  if (rc != SQLITE_DONE) return false;
  rc = sqlite3_step(clear_.get());
  clear_.reset();
  if (rc != SQLITE_DONE) return false;
  folded_ = true;
  added_ = 0;
  return true;
}

void ReadingStage::committed() {
  rows_ = (folded_ ? 0 : rows_) + added_;
  added_ = 0;
  folded_ = false;
}

void ReadingStage::rolledBack() {
  added_ = 0;
  folded_ = false;
}

}  // namespace gt::ingest
