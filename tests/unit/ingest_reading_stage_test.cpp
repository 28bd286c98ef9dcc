// Staging (reading_stage.h, docs/storage.md "Staging") on a real SQLite file: staged rows are
// readable (history, reading_all, the outbox) before their fold and after it, the aggregates
// count them at once, a repeated (point, t) is ignored whether its first copy is staged or
// folded, and rows a crash left staged are folded by the next open, never doubled.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "forward_outbox.h"
#include "history_reader.h"
#include "ingest_test_support.h"
#include "reading_store.h"
#include "store_test_support.h"

using namespace gt;
using namespace gt::ingest;
using test::count;

namespace {
constexpr TimeMs kT0 = 1'780'000'000'000;  // a quarter-hour boundary (UTC ms)

// Staging on, no timed fold during a test: only flush(), close() and open() fold.
StoreOptions staged() {
  StoreOptions o;
  o.batch = std::chrono::milliseconds(20);
  o.stage_fold_every = std::chrono::seconds(3600);
  return o;
}

// `n` readings of `point`, one a second from kT0 + first s, value = index.
std::vector<StoredReading> series(int64_t point, int first, int n) {
  std::vector<StoredReading> rows;
  for (int i = first; i < first + n; ++i) rows.push_back({point, kT0 + 1000 * i, 1.0 * i, 0, {}});
  return rows;
}

// Waits until `sql` counts `n` (the writer commits within batch_ms, without a flush).
bool waitCount(const std::filesystem::path& file, const std::string& sql, int64_t n) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < until) {
    if (count(file, sql) == n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::vector<wire::HistorySample> history(const std::filesystem::path& file,
                                         const std::string& point, int64_t limit = 1000) {
  auto reader = HistoryReader::open(file);
  wire::HistoryRequest request;
  request.point = point;
  request.from = kT0;
  request.to = kT0 + 3'600'000;
  request.limit = limit;
  auto reply = reader->query(request);
  REQUIRE(std::holds_alternative<wire::HistoryReply>(reply));
  return std::get<wire::HistoryReply>(reply).samples;
}

int64_t quarterCount(const std::filesystem::path& file, int64_t point) {
  return count(
      file, "SELECT TOTAL(count) FROM aggregate WHERE span=0 AND point=" + std::to_string(point));
}
}  // namespace

TEST_CASE("staged rows are readable before and after their fold", "[store][stage]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1, staged());
  const int64_t p = store->pointIds().at("M-01.p");
  store->append(series(p, 0, 100));
  REQUIRE(waitCount(file, "SELECT COUNT(*) FROM reading_stage", 100));
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 0);  // not folded yet
  CHECK(count(file, "SELECT COUNT(*) FROM reading_all") == 100);
  CHECK(quarterCount(file, p) == 100);  // aggregates are kept at insert time, staged or not
  auto samples = history(file, "M-01.p");
  REQUIRE(samples.size() == 100);
  CHECK(samples.front().t == kT0);
  CHECK(samples.back().value == 99.0);

  // Half folded, half staged: one ascending history, cut by its limit as before.
  store->flush();
  store->append(series(p, 100, 50));
  REQUIRE(waitCount(file, "SELECT COUNT(*) FROM reading_stage", 50));
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 100);
  samples = history(file, "M-01.p");
  REQUIRE(samples.size() == 150);
  for (std::size_t i = 0; i < samples.size(); ++i) CHECK(samples[i].t == kT0 + 1000 * int(i));
  CHECK(history(file, "M-01.p", 120).size() == 120);

  store->flush();  // flush() folds
  CHECK(count(file, "SELECT COUNT(*) FROM reading_stage") == 0);
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 150);
  CHECK(history(file, "M-01.p").size() == 150);
  CHECK(quarterCount(file, p) == 150);
  CHECK(store->stats().folds >= 2);
}

TEST_CASE("a repeated (point, t) is ignored across the stage and the reading table",
          "[store][stage]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1, staged());
  const int64_t p = store->pointIds().at("M-01.p");
  store->append(series(p, 0, 60));
  REQUIRE(waitCount(file, "SELECT COUNT(*) FROM reading_stage", 60));

  // The same rows again with other values, while their first copies are staged: late rows
  // (t at or before the point's newest), so the writer folds and INSERT OR IGNORE keeps the
  // first copies; the aggregates do not count them twice.
  auto again = series(p, 0, 60);
  for (StoredReading& r : again) r.value = -1;
  store->append(again);
  REQUIRE(waitCount(file, "SELECT COUNT(*) FROM reading", 60));
  CHECK(count(file, "SELECT COUNT(*) FROM reading_all") == 60);
  CHECK(count(file, "SELECT COUNT(*) FROM reading_all WHERE value < 0") == 0);
  CHECK(quarterCount(file, p) == 60);

  // New rows are staged again; repeating them and some folded ones changes nothing either.
  store->append(series(p, 60, 30));
  REQUIRE(waitCount(file, "SELECT COUNT(*) FROM reading_stage", 30));
  store->append(series(p, 40, 50));  // 20 folded, 30 staged: all repeats
  store->flush();
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 90);
  CHECK(count(file, "SELECT COUNT(*) FROM reading_stage") == 0);
  CHECK(quarterCount(file, p) == 90);
  // A row older than the others but new (a gap filled by an import) is stored and counted.
  auto gap = series(p, 0, 1);
  gap[0].t = kT0 - 500;
  store->append(gap);
  store->flush();
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 91);
  CHECK(quarterCount(file, p) == 91);
}

TEST_CASE("rows a crash left staged are folded by the next open, never doubled", "[store][stage]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  const auto crashed = dir.path() / "crashed.db";
  int64_t p = 0, e = 0;
  {
    auto store = ReadingStore::open(file, test::hallPoints(), 1, staged());
    p = store->pointIds().at("M-01.p");
    e = store->pointIds().at("M-01.e");
    store->append(series(p, 0, 40));
    store->flush();  // folded
    store->append(series(p, 40, 40));
    store->append(series(e, 0, 40));
    REQUIRE(waitCount(file, "SELECT COUNT(*) FROM reading_stage", 80));
    // The files as a kill -9 would leave them now: committed rows in the WAL, 80 of them
    // staged. Copied while the writer is idle (committed, nothing pending).
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    for (const char* suffix : {"", "-wal"}) {
      std::filesystem::copy_file(file.string() + suffix, crashed.string() + suffix);
    }
  }
  // A fold that a kill interrupted is rolled back by SQLite as a whole; even a row in both
  // tables (none should be) is harmless: INSERT OR IGNORE keeps the folded copy.
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(crashed.c_str(), &db) == SQLITE_OK);
    const std::string both =
        "INSERT INTO reading SELECT point, t, value, quality FROM reading_stage WHERE point=" +
        std::to_string(p) + " AND t < " + std::to_string(kT0 + 45'000);
    REQUIRE(sqlite3_exec(db, both.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_changes(db) == 5);
    sqlite3_close(db);
  }
  auto reopened = ReadingStore::open(crashed, test::hallPoints(), 2, staged());
  CHECK(count(crashed, "SELECT COUNT(*) FROM reading_stage") == 0);
  CHECK(count(crashed, "SELECT COUNT(*) FROM reading") == 120);
  CHECK(quarterCount(crashed, p) == 80);
  CHECK(quarterCount(crashed, e) == 40);
  // The next live rows continue in order; a replay of the ones before changes nothing.
  reopened->append(series(p, 70, 20));
  reopened->flush();
  CHECK(count(crashed, "SELECT COUNT(*) FROM reading") == 130);
  CHECK(quarterCount(crashed, p) == 90);
}

TEST_CASE("the outbox forwards staged readings with their values", "[store][stage][forward]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  StoreOptions options = staged();
  options.forward_log = true;
  auto store = ReadingStore::open(file, test::hallPoints(), 1, options);
  const int64_t p = store->pointIds().at("M-01.p");
  store->append(series(p, 0, 10));
  REQUIRE(waitCount(file, "SELECT COUNT(*) FROM reading_stage", 10));
  REQUIRE(count(file, "SELECT COUNT(*) FROM forward_log") == 10);
  auto outbox = ForwardOutbox::open(file, "hq");
  std::string error;
  auto batch = outbox.nextBatch("site", 100, error);
  REQUIRE(batch);
  REQUIRE(batch->readings.size() == 10);
  CHECK(batch->readings[3].value == 3.0);
  CHECK(batch->readings[9].t == kT0 + 9000);
}
