// Aggregates (table aggregate) on real SQLite files: bucket boundaries in the site's local time,
// values worked out by hand, exact cumulative deltas, late readings, bad readings, duplicates
// and restarts, retention of raw rows, and the migration of a version-1 file.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "bucket_calendar.h"
#include "history_reader.h"
#include "ingest_test_support.h"
#include "reading_store.h"
#include "store_test_support.h"

using namespace gt;
using namespace gt::ingest;

namespace {

constexpr TimeMs kMinute = 60'000;
constexpr TimeMs kHour = 60 * kMinute;
constexpr TimeMs kDay = 24 * kHour;
// 2026-06-01T00:00:00Z, which is 08:00 in Asia/Shanghai.
constexpr TimeMs kJune1Utc = 1'780'272'000'000;
// 2026-06-01 00:00 Asia/Shanghai = 2026-05-31T16:00:00Z.
constexpr TimeMs kJune1Local = 1'780'243'200'000;

StoredReading at(int64_t point, TimeMs t, double v, uint32_t q = 0) {
  return StoredReading{point, t, v, q, {}};
}

AggregateSeries series(const std::filesystem::path& file, const std::string& point, Span span,
                       TimeMs from, TimeMs to) {
  auto history = HistoryReader::open(file);
  auto result = history->aggregates({point}, span, from, to);
  REQUIRE(std::holds_alternative<std::vector<AggregateSeries>>(result));
  return std::get<std::vector<AggregateSeries>>(result).at(0);
}

}  // namespace

TEST_CASE("buckets are cut in the site's local time", "[aggregate]") {
  const BucketCalendar shanghai(480);
  // 15:59:59Z is 23:59:59 local on 1 June; 16:00Z is local midnight of 2 June.
  CHECK(shanghai.start(Span::Day, kJune1Local + kDay - 1) == kJune1Local);
  CHECK(shanghai.start(Span::Day, kJune1Local + kDay) == kJune1Local + kDay);
  CHECK(shanghai.next(Span::Day, kJune1Local) == kJune1Local + kDay);
  // June has 30 days: July begins 2026-06-30T16:00Z.
  CHECK(shanghai.start(Span::Month, kJune1Utc + 10 * kDay) == kJune1Local);
  CHECK(shanghai.next(Span::Month, kJune1Local) == kJune1Local + 30 * kDay);
  // 2026 begins 2025-12-31T16:00Z, and lasts 365 days.
  CHECK(shanghai.start(Span::Year, kJune1Utc) == 1'767'196'800'000);
  CHECK(shanghai.next(Span::Year, 1'767'196'800'000) == 1'767'196'800'000 + 365 * kDay);
  CHECK(shanghai.start(Span::Quarter, kJune1Utc + 14 * kMinute) == kJune1Utc);
  CHECK(shanghai.start(Span::Hour, kJune1Utc + 59 * kMinute) == kJune1Utc);
  // UTC+5:30: local hours begin at half past the UTC hour.
  const BucketCalendar kolkata(330);
  CHECK(kolkata.start(Span::Hour, kJune1Utc) == kJune1Utc - 30 * kMinute);
  CHECK(kolkata.start(Span::Quarter, kJune1Utc + 5 * kMinute) == kJune1Utc);
  CHECK(parseSpan("15min") == Span::Quarter);
  CHECK(!parseSpan("week"));
}

TEST_CASE("instant aggregates: count, min, max, mean; bad readings counted apart", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t p = store->pointIds().at("M-01.p");
  // Quarter 00:00-00:15 UTC: 10, 20, 60 good; 999 out of range, NaN undecodable.
  store->append({at(p, kJune1Utc + 1 * kMinute, 10), at(p, kJune1Utc + 2 * kMinute, 20),
                 at(p, kJune1Utc + 3 * kMinute, 999, quality::kOutOfRange),
                 at(p, kJune1Utc + 4 * kMinute, std::nan(""), quality::kNotANumber),
                 at(p, kJune1Utc + 5 * kMinute, 60),
                 // Quarter 00:15-00:30: one reading, estimated (a substitute: it counts).
                 at(p, kJune1Utc + 20 * kMinute, 30, quality::kEstimated)});
  store->flush();
  const auto q = series(file, "M-01.p", Span::Quarter, kJune1Utc, kJune1Utc + kHour);
  REQUIRE(q.rows.size() == 2);
  CHECK(q.rows[0].bucket == kJune1Utc);
  CHECK(q.rows[0].count == 3);
  CHECK(q.rows[0].bad_count == 2);
  CHECK(q.rows[0].min == 10);
  CHECK(q.rows[0].max == 60);
  CHECK(q.rows[0].mean == 30);  // (10 + 20 + 60) / 3
  CHECK(q.rows[1].count == 1);
  CHECK(q.rows[1].mean == 30);
  // The hour holds both quarters: (10 + 20 + 60 + 30) / 4 = 30, 2 bad.
  const auto h = series(file, "M-01.p", Span::Hour, kJune1Utc, kJune1Utc + kHour);
  REQUIRE(h.rows.size() == 1);
  CHECK(h.rows[0].count == 4);
  CHECK(h.rows[0].bad_count == 2);
  CHECK(h.rows[0].mean == 30);
  CHECK(h.rows[0].max == 60);
}

TEST_CASE("a local day ends at 16:00 UTC in Asia/Shanghai", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t p = store->pointIds().at("M-01.p");
  const TimeMs midnight = kJune1Local + kDay;  // 2026-06-02 00:00 local = 06-01T16:00Z
  store->append({at(p, midnight - 1000, 5), at(p, midnight, 7), at(p, midnight + 1000, 9)});
  store->flush();
  const auto d = series(file, "M-01.p", Span::Day, kJune1Local, kJune1Local + 2 * kDay);
  REQUIRE(d.rows.size() == 2);
  CHECK(d.rows[0].bucket == kJune1Local);
  CHECK(d.rows[0].count == 1);
  CHECK(d.rows[0].mean == 5);
  CHECK(d.rows[1].bucket == midnight);
  CHECK(d.rows[1].count == 2);
  CHECK(d.rows[1].mean == 8);  // (7 + 9) / 2
  const auto m = series(file, "M-01.p", Span::Month, kJune1Local, kJune1Local + 30 * kDay);
  REQUIRE(m.rows.size() == 1);
  CHECK(m.rows[0].count == 3);
}

TEST_CASE("cumulative deltas add up exactly across buckets", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t e = store->pointIds().at("M-01.e");
  // Meter readings (kWh) in three quarters of one hour; the flagged one is left out.
  store->append({at(e, kJune1Utc + 5 * kMinute, 100), at(e, kJune1Utc + 14 * kMinute, 103),
                 at(e, kJune1Utc + 20 * kMinute, 104),
                 at(e, kJune1Utc + 25 * kMinute, 50, quality::kRegressed)});
  store->flush();
  // A second transaction, the way the daemon commits every batch_ms.
  store->append({at(e, kJune1Utc + 40 * kMinute, 110)});
  store->flush();
  const auto q = series(file, "M-01.e", Span::Quarter, kJune1Utc, kJune1Utc + kHour);
  REQUIRE(q.rows.size() == 3);
  CHECK(q.rows[0].delta == 3);  // 103 - 100: nothing before, so from the first reading
  CHECK(q.rows[1].delta == 1);  // 104 - 103 (the regressed 50 is not a reading to trust)
  CHECK(q.rows[1].bad_count == 1);
  CHECK(q.rows[2].delta == 6);  // 110 - 104
  const auto h = series(file, "M-01.e", Span::Hour, kJune1Utc, kJune1Utc + kHour);
  REQUIRE(h.rows.size() == 1);
  CHECK(h.rows[0].delta == 10);  // 110 - 100 = 3 + 1 + 6
  CHECK(h.rows[0].first == 100);
  CHECK(h.rows[0].last == 110);
  // The next hour starts from the last reading of this one: 112 - 110.
  store->append({at(e, kJune1Utc + kHour + kMinute, 112)});
  store->flush();
  const auto h2 = series(file, "M-01.e", Span::Hour, kJune1Utc + kHour, kJune1Utc + 2 * kHour);
  REQUIRE(h2.rows.size() == 1);
  CHECK(h2.rows[0].delta == 2);
  const auto day = series(file, "M-01.e", Span::Day, kJune1Local, kJune1Local + kDay);
  REQUIRE(day.rows.size() == 1);
  CHECK(day.rows[0].delta == 12);  // 112 - 100 = 10 + 2
}

TEST_CASE("a late reading corrects its bucket and the ones after it", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t e = store->pointIds().at("M-01.e");
  const int64_t p = store->pointIds().at("M-01.p");
  store->append({at(e, kJune1Utc + 5 * kMinute, 100), at(e, kJune1Utc + 20 * kMinute, 104),
                 at(p, kJune1Utc + 1 * kMinute, 10), at(p, kJune1Utc + 20 * kMinute, 40)});
  store->flush();
  // Replayed from a gateway's store-and-forward journal: 00:10 (after 00:20 was stored).
  store->append({at(e, kJune1Utc + 10 * kMinute, 102), at(p, kJune1Utc + 10 * kMinute, 20)});
  store->flush();
  const auto q = series(file, "M-01.e", Span::Quarter, kJune1Utc, kJune1Utc + kHour);
  REQUIRE(q.rows.size() == 2);
  CHECK(q.rows[0].delta == 2);  // 102 - 100: the late reading is now the quarter's last
  CHECK(q.rows[1].delta == 2);  // 104 - 102: the next quarter starts from it
  const auto h = series(file, "M-01.e", Span::Hour, kJune1Utc, kJune1Utc + kHour);
  CHECK(h.rows.at(0).delta == 4);  // still 104 - 100
  const auto pq = series(file, "M-01.p", Span::Quarter, kJune1Utc, kJune1Utc + 15 * kMinute);
  REQUIRE(pq.rows.size() == 1);
  CHECK(pq.rows[0].count == 2);
  CHECK(pq.rows[0].mean == 15);  // (10 + 20) / 2
  const auto ph = series(file, "M-01.p", Span::Hour, kJune1Utc, kJune1Utc + kHour);
  CHECK(ph.rows.at(0).count == 3);
  CHECK(ph.rows.at(0).mean == Approx(70.0 / 3));  // (10 + 20 + 40) / 3
}

TEST_CASE("rows written again, before or after a restart, never count twice", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  std::vector<StoredReading> rows;
  int64_t p = 0;
  {
    auto store = ReadingStore::open(file, test::hallPoints(), 1);
    p = store->pointIds().at("M-01.p");
    for (int i = 0; i < 100; ++i) rows.push_back(at(p, kJune1Utc + i * 30'000, i));
    store->append(rows);
    store->append(rows);  // a retry in the same transaction
    store->flush();
    store->append(rows);  // a replay in the next one
    store->flush();
  }
  auto check = [&] {
    // 100 readings 0..99 every 30 s: quarters of 30 readings (0..29, 30..59, 60..89) and 10.
    const auto h = series(file, "M-01.p", Span::Hour, kJune1Utc, kJune1Utc + kHour);
    REQUIRE(h.rows.size() == 1);
    CHECK(h.rows[0].count == 100);
    CHECK(h.rows[0].mean == 49.5);  // (0 + 99) / 2
    const auto q = series(file, "M-01.p", Span::Quarter, kJune1Utc, kJune1Utc + kHour);
    REQUIRE(q.rows.size() == 4);
    CHECK(q.rows[3].count == 10);
  };
  check();
  auto store = ReadingStore::open(file, test::hallPoints(), 2);
  store->append(rows);  // replayed after the restart
  store->flush();
  check();
  // Going on after the restart extends the last quarter by one reading.
  store->append({at(p, kJune1Utc + 100 * 30'000, 100)});
  store->flush();
  const auto q = series(file, "M-01.p", Span::Quarter, kJune1Utc + 45 * kMinute, kJune1Utc + kHour);
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].count == 11);
}

TEST_CASE("retention deletes only raw rows older than the horizon", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  std::atomic<TimeMs> now{kJune1Utc};
  StoreOptions options;
  options.raw_retention_days = 1096;
  options.now = [&now] { return now.load(); };
  int64_t p = 0;
  {
    auto store = ReadingStore::open(file, test::hallPoints(), 1, options);
    p = store->pointIds().at("M-01.p");
    // Ten days of one reading an hour.
    std::vector<StoredReading> rows;
    for (int i = 0; i < 240; ++i) rows.push_back(at(p, kJune1Utc + i * kHour, 1.5));
    store->append(rows);
    store->flush();
  }
  // 1096 days and 5 days later: the first 5 days (120 rows) are past the horizon.
  now = kJune1Utc + (1096 + 5) * kDay;
  auto store = ReadingStore::open(file, test::hallPoints(), 2, options);
  for (int i = 0; i < 200 && store->stats().rows_expired < 120; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(store->stats().rows_expired == 120);
  auto history = HistoryReader::open(file);
  auto raw = history->query({"M-01.p", 0, kJune1Utc + 20 * kDay, 10000});
  REQUIRE(std::holds_alternative<wire::HistoryReply>(raw));
  const auto& samples = std::get<wire::HistoryReply>(raw).samples;
  REQUIRE(samples.size() == 120);
  CHECK(samples.front().t == kJune1Utc + 5 * kDay);
  // The aggregates of the deleted days stay.
  const auto h = series(file, "M-01.p", Span::Hour, kJune1Utc, kJune1Utc + 10 * kDay);
  CHECK(h.rows.size() == 240);
  // A reading older than the horizon is not stored (its bucket's raw rows are gone).
  store->append({at(p, kJune1Utc + kHour + kMinute, 3.0)});
  store->flush();
  CHECK(store->stats().rows_too_old == 1);
  CHECK(series(file, "M-01.p", Span::Hour, kJune1Utc + kHour, kJune1Utc + 2 * kHour)
            .rows.at(0)
            .count == 1);
}

TEST_CASE("a version-1 database gets its aggregates when first opened", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  {
    test::writeVersion1Db(file, R"sql(
      INSERT INTO point VALUES(7, 'M-01.e', 'M-01', 'CNC-01', 'hall', 'kWh', 'cumulative');
      INSERT INTO reading VALUES(7, 1780272060000, 100.0, 0), (7, 1780272960000, 101.5, 0),
                                (7, 1780275660000, 104.0, 0);
    )sql");
  }
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  CHECK(store->pointIds().at("M-01.e") == 7);
  // 00:01 100, 00:16 101.5, 01:01 104: quarters 00:00 and 00:15 in the first hour.
  const auto q = series(file, "M-01.e", Span::Quarter, kJune1Utc, kJune1Utc + 2 * kHour);
  REQUIRE(q.rows.size() == 3);
  CHECK(q.rows[1].delta == 1.5);
  const auto d = series(file, "M-01.e", Span::Day, kJune1Local, kJune1Local + kDay);
  REQUIRE(d.rows.size() == 1);
  CHECK(d.rows[0].delta == 4);  // 104 - 100
}

TEST_CASE("history requests with a resolution answer with buckets", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t e = store->pointIds().at("M-01.e");
  store->append({at(e, kJune1Utc + kMinute, 100), at(e, kJune1Utc + kHour + kMinute, 103.5)});
  store->flush();
  auto history = HistoryReader::open(file);
  wire::HistoryRequest request{"M-01.e", kJune1Utc, kJune1Utc + 2 * kHour, 100};
  request.resolution = "hour";
  auto result = history->query(request);
  REQUIRE(std::holds_alternative<wire::HistoryReply>(result));
  const auto& reply = std::get<wire::HistoryReply>(result);
  CHECK(reply.unit == "kWh");
  REQUIRE(reply.buckets.size() == 2);
  REQUIRE(reply.samples.size() == 2);
  CHECK(reply.samples[1].t == kJune1Utc + kHour);
  CHECK(reply.samples[1].value == 3.5);  // cumulative: the hour's delta, 103.5 - 100
  request.limit = 1;
  CHECK(std::get<wire::HistoryReply>(history->query(request)).truncated);
  request.resolution = "week";
  CHECK(std::holds_alternative<wire::ErrorReply>(history->query(request)));
}

TEST_CASE("interval-stored rows bring all their readings into the aggregates", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  auto store = ReadingStore::open(file, test::hallPoints(), 1);
  const int64_t p = store->pointIds().at("M-01.p");
  // Two one-minute rows standing for 12 readings each: sums 120 and 360.
  StoredReading a = at(p, kJune1Utc + 55'000, 11);
  a.summary = {12, 5, 15, 120};
  StoredReading b = at(p, kJune1Utc + 115'000, 29);
  b.summary = {12, 25, 35, 360};
  store->append({b});
  store->flush();
  store->append({a});  // late: its quarter is recomputed from reading + reading_interval
  store->flush();
  const auto q = series(file, "M-01.p", Span::Quarter, kJune1Utc, kJune1Utc + kHour);
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].count == 24);
  CHECK(q.rows[0].mean == 20);  // (120 + 360) / 24
  CHECK(q.rows[0].min == 5);
  CHECK(q.rows[0].max == 35);
}

// The writer inserts the in-order rows of all points of a transaction as one stream of
// multi-row INSERTs and writes the aggregate upserts of all points in batches: many points
// with a few rows each (not a multiple of a batch), late rows of some points and duplicates in
// the same transaction must still give every bucket at every level exactly its raw rows.
TEST_CASE("many points in one transaction, late rows and duplicates mixed in", "[aggregate]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  constexpr int kPoints = 150;
  std::vector<PointInfo> infos;
  for (int i = 0; i < kPoints; ++i) {
    infos.push_back(
        {"M-" + std::to_string(i) + ".p", "M-" + std::to_string(i), "E", "A", "kW", "instant"});
  }
  {
    auto store = ReadingStore::open(file, infos, 1);
    std::vector<int64_t> ids;
    for (const auto& info : infos) ids.push_back(store->pointIds().at(info.name));
    // Transaction 1: three rows per point (450, not a multiple of 64), in poll-round order.
    std::vector<StoredReading> rows;
    for (int r = 0; r < 3; ++r) {
      for (int i = 0; i < kPoints; ++i) {
        rows.push_back(at(ids[i], kJune1Utc + (10 + r) * kMinute, i + r));
      }
    }
    store->append(std::move(rows));
    store->flush();
    // Transaction 2: even points get a late row (before their stored ones) and a duplicate of
    // a stored one; every point gets new rows, one of them in the next hour.
    rows.clear();
    for (int i = 0; i < kPoints; ++i) {
      if (i % 2 == 0) {
        rows.push_back(at(ids[i], kJune1Utc + 5 * kMinute, 1000));
        rows.push_back(at(ids[i], kJune1Utc + 10 * kMinute, -5000));  // duplicate: ignored
      }
      rows.push_back(at(ids[i], kJune1Utc + 20 * kMinute, 2 * i));
      rows.push_back(at(ids[i], kJune1Utc + 70 * kMinute, 3 * i));
    }
    store->append(std::move(rows));
    store->flush();
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  // Every bucket of every level against its raw rows (the buckets are UTC-aligned quarters and
  // hours here; day, month and year hold all rows of the point).
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT a.point, a.span, a.bucket, a.count, a.sum_value, "
                             "(SELECT COUNT(*) FROM reading r WHERE r.point = a.point AND "
                             "r.t >= a.bucket AND r.t < a.bucket + CASE a.span WHEN 0 THEN "
                             "900000 WHEN 1 THEN 3600000 ELSE 1e15 END), "
                             "(SELECT SUM(value) FROM reading r WHERE r.point = a.point AND "
                             "r.t >= a.bucket AND r.t < a.bucket + CASE a.span WHEN 0 THEN "
                             "900000 WHEN 1 THEN 3600000 ELSE 1e15 END) "
                             "FROM aggregate a",
                             -1, &st, nullptr) == SQLITE_OK);
  int buckets = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    ++buckets;
    INFO("point " << sqlite3_column_int64(st, 0) << " span " << sqlite3_column_int(st, 1));
    CHECK(sqlite3_column_int64(st, 3) == sqlite3_column_int64(st, 5));
    CHECK(sqlite3_column_double(st, 4) == Approx(sqlite3_column_double(st, 6)));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  // Per point: quarters 00:00 and 00:15 (00:00 holds 5, 10, 11, 12), and 01:00; hours 00 and
  // 01; one day, month, year.
  CHECK(buckets == kPoints * 8);
  const auto even = series(file, "M-0.p", Span::Hour, kJune1Utc, kJune1Utc + kDay);
  REQUIRE(even.rows.size() == 2);
  CHECK(even.rows[0].count == 5);  // 5, 10, 11, 12, 20 min; the duplicate not counted
  CHECK(even.rows[0].mean == Approx((1000.0 + 0 + 1 + 2 + 0) / 5));
  const auto odd = series(file, "M-1.p", Span::Day, kJune1Utc - 8 * kHour, kJune1Utc + kDay);
  REQUIRE(odd.rows.size() == 1);
  CHECK(odd.rows[0].count == 5);  // 10, 11, 12, 20, 70 min
  CHECK(odd.rows[0].mean == Approx((1.0 + 2 + 3 + 2 + 3) / 5));
}
