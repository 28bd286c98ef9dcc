// ReadingStore and HistoryReader on a real SQLite file: replay never doubles a row, readings
// survive a reopen, history is ascending, half-open and limited; alarms are kept.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cmath>

#include "history_reader.h"
#include "ingest_test_support.h"
#include "reading_store.h"
#include "store_schema.h"
#include "store_test_support.h"

using namespace gt;
using namespace gt::ingest;
using test::count;

namespace {
std::vector<StoredReading> readings(int64_t point, int n) {
  std::vector<StoredReading> rows;
  for (int i = 0; i < n; ++i) {
    rows.push_back({point, 1'000'000 + 1000 * i, 0.5 * i, 0, {}});
  }
  return rows;
}
}  // namespace

TEST_CASE("a replay never doubles a row, and rows survive a reopen", "[store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  constexpr int N = 500;
  int64_t p = 0;
  {
    auto store = ReadingStore::open(file, test::hallPoints(), 1);
    p = store->pointIds().at("M-01.p");
    store->append(readings(p, N));
    store->flush();
    CHECK(count(file, "SELECT COUNT(*) FROM reading") == N);
    store->append(readings(p, N));  // the same rows again: a replay
    store->flush();
    CHECK(count(file, "SELECT COUNT(*) FROM reading") == N);
  }
  auto reopened = ReadingStore::open(file, test::hallPoints(), 2);
  CHECK(reopened->pointIds().at("M-01.p") == p);  // ids are stable across runs
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == N);
  CHECK(count(file, "SELECT COUNT(*) FROM point") == 2);
  CHECK(count(file, "SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema_version'") ==
        kSchemaVersion);
}

TEST_CASE("close() commits everything queued, without an explicit flush", "[store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  StoreOptions slow;
  slow.batch = std::chrono::milliseconds(60'000);  // would not commit on its own for a minute
  {
    auto store = ReadingStore::open(file, test::hallPoints(), 1, slow);
    store->append(readings(store->pointIds().at("M-01.e"), 42));
  }
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 42);
}

TEST_CASE("rows commit within batch_ms without a flush", "[store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  StoreOptions fast;
  fast.batch = std::chrono::milliseconds(50);
  auto store = ReadingStore::open(file, test::hallPoints(), 1, fast);
  store->append(readings(store->pointIds().at("M-01.p"), 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 10);
}

TEST_CASE("rows of many points, in any order, are all stored; the first of a key wins", "[store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t p = store->pointIds().at("M-01.p"), e = store->pointIds().at("M-01.e");
  // Poll rounds interleave the points; 1001 rows is not a multiple of the rows per statement.
  std::vector<StoredReading> rows;
  for (int i = 500; i >= 0; --i) {
    rows.push_back({e, 1'000'000 + 1000 * i, 1.0 * i, 0, {}});
    if (i != 0)
      rows.push_back({p, 1'000'000 + 1000 * i, i % 7 == 0 ? std::nan("") : 2.0 * i, 0, {}});
  }
  rows.push_back({p, 1'000'000 + 1000 * 3, -1.0, quality::kClockSuspect, {}});  // same key, later
  store->append(rows);
  store->append({{e, 1'000'000, -1.0, quality::kClockSuspect, {}}});  // same key, next vector
  store->flush();
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 1001);
  CHECK(count(file, "SELECT COUNT(*) FROM reading WHERE value IS NULL") == 71);
  CHECK(count(file, "SELECT COUNT(*) FROM reading WHERE value < 0") == 0);
  const std::string first =
      "SELECT CAST(value AS INTEGER) FROM reading WHERE t=1003000 AND point=" + std::to_string(p);
  CHECK(count(file, first.c_str()) == 6);
}

TEST_CASE("history: ascending, half-open, limited, NULL for NaN", "[store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t p = store->pointIds().at("M-01.p");
  auto rows = readings(p, 100);            // t = 1'000'000 + 1000 i, value = 0.5 i
  std::reverse(rows.begin(), rows.end());  // arrival order must not matter
  rows.push_back({p, 2'000'000, std::nan(""), quality::kNotANumber, {}});
  store->append(rows);
  store->flush();
  auto history = HistoryReader::open(file);

  auto result = history->query({"M-01.p", 1'010'000, 1'020'000, 10000});
  REQUIRE(std::holds_alternative<wire::HistoryReply>(result));
  auto reply = std::get<wire::HistoryReply>(result);
  CHECK(reply.unit == "kW");
  REQUIRE(reply.samples.size() == 10);  // [from, to): 1'020'000 itself is excluded
  CHECK(reply.samples.front().t == 1'010'000);
  CHECK(reply.samples.back().t == 1'019'000);
  CHECK(reply.samples.front().value == 5.0);
  for (std::size_t i = 1; i < reply.samples.size(); ++i) {
    CHECK(reply.samples[i - 1].t < reply.samples[i].t);
  }
  CHECK_FALSE(reply.truncated);

  result = history->query({"M-01.p", 0, 3'000'000, 7});
  reply = std::get<wire::HistoryReply>(result);
  REQUIRE(reply.samples.size() == 7);
  CHECK(reply.samples.front().t == 1'000'000);
  CHECK(reply.truncated);

  result = history->query({"M-01.p", 2'000'000, 2'000'001, 10});
  reply = std::get<wire::HistoryReply>(result);
  REQUIRE(reply.samples.size() == 1);
  CHECK(std::isnan(reply.samples[0].value));
  CHECK(reply.samples[0].quality == quality::kNotANumber);
  CHECK(count(file, "SELECT COUNT(*) FROM reading WHERE value IS NULL") == 1);

  CHECK(std::holds_alternative<wire::ErrorReply>(history->query({"M-99.x", 0, 10, 10})));
  CHECK(std::holds_alternative<wire::ErrorReply>(history->query({"M-01.p", 10, 10, 10})));
  CHECK(std::holds_alternative<wire::ErrorReply>(history->query({"M-01.p", 0, 10, 0})));
}

TEST_CASE("alarms are stored, cleared by id, and closed at the next start", "[store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  {
    auto store = ReadingStore::open(file, test::hallPoints(), 1);
    CHECK(store->nextAlarmId() == 1);
    wire::AlarmEvent a{1,
                       "M-01",
                       "CNC-01",
                       "hall",
                       AlarmCode::CommunicationFault,
                       AlarmState::Raised,
                       1000,
                       "M-01 does not answer"};
    store->record(a);
    wire::AlarmEvent b = a;
    b.id = 2;
    store->record(b);
    a.state = AlarmState::Cleared;
    a.t = 2000;
    store->record(a);
    store->flush();
    CHECK(count(file, "SELECT cleared_t FROM alarm WHERE id=1") == 2000);
    CHECK(count(file, "SELECT COUNT(*) FROM alarm WHERE cleared_t IS NULL") == 1);
  }
  auto store = ReadingStore::open(file, test::hallPoints(), 5000);
  CHECK(store->nextAlarmId() == 3);
  CHECK(count(file, "SELECT COUNT(*) FROM alarm WHERE cleared_t IS NULL") == 0);
  CHECK(count(file, "SELECT cleared_t FROM alarm WHERE id=2") == 5000);
}

TEST_CASE("an unusable database path is a StoreError naming the file", "[store]") {
  test::TempDir dir;
  const auto file = dir.path() / "no" / "such" / "folder" / "gt.db";
  try {
    ReadingStore::open(file, test::hallPoints(), 1);
    FAIL("open succeeded");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
  }
}
