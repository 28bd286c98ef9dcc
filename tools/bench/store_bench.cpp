// Benchmark: readings per second that ReadingStore commits to a real SQLite file, batched as
// the daemon batches them (one vector per poll round of 2 000 points), from the first append
// to the last commit. Prints `ingest.store_readings_per_s <median> readings/s` with the default
// StoreOptions, and `ingest.store_readings_per_s_5000_row_commits` with transactions capped at
// 5 000 rows (the cap before issue 5), which shows what transaction size alone is worth, and
// `ingest.store_readings_per_s_with_outbox` with the store-and-forward outbox on ([[forward]]),
// and `ingest.store_readings_per_s_staged` with staging (docs/storage.md, "Staging"; the final
// fold, done by flush(), included).
// --gateway: the same at gateway scale, 100 000 points, 10 rounds of one reading each, direct
// and staged (`ingest.store_readings_per_s_100k_points[_staged]`, median of 3).
//
// Then two storage figures (docs/storage.md, "Aggregates" and "Size"):
//   ingest.month_rollup_query_ms   100 meters with a month of readings every 5 minutes, stored
//                                  through the real writer; the median time of one
//                                  HistoryReader::aggregates() call asking for the month
//                                  totals of all 100 (read from the stored month rows).
//   ingest.month_of_15min_query_ms the same month as 15-minute rows (2 976 per meter, 297 600 in
//                                  all) in one call: what a chart of the month reads.
//   ingest.db_mb_per_year_2000pts_5s, ingest.aggregate_mb_per_year_2000pts
//                                  one hour of 2 000 points polled every 5 s written for real,
//                                  bytes per row measured (SQLite's dbstat), scaled to a year;
//   ingest.db_mb_per_year_2000pts_5s_interval_60s
//                                  the same raw figure under store = "interval", 60 s.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "history_reader.h"
#include "reading_store.h"
#include "storage_policy.h"

namespace {

double runOnce(const std::filesystem::path& file, int points, int rounds,
               const gt::ingest::StoreOptions& options) {
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  std::vector<gt::ingest::PointInfo> infos;
  for (int i = 0; i < points; ++i) {
    infos.push_back({"M-" + std::to_string(i / 10) + ".p" + std::to_string(i % 10),
                     "M-" + std::to_string(i / 10), "E", "A", "kW", "instant"});
  }
  const gt::TimeMs t0 = 1'763'000'000'000;
  auto store = gt::ingest::ReadingStore::open(file, infos, t0, options);
  std::vector<int64_t> ids;
  for (const auto& info : infos) ids.push_back(store->pointIds().at(info.name));

  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    std::vector<gt::ingest::StoredReading> rows;
    rows.reserve(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      rows.push_back({ids[i], t0 + r * 1000LL, 100.0 + static_cast<double>(i % 97) * 0.5, 0, {}});
    }
    store->append(std::move(rows));
  }
  store->flush();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  store->close();
  return static_cast<double>(points) * rounds / seconds;
}

void removeDb(const std::filesystem::path& file) {
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

double medianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// 2026-06-01 00:00 Asia/Shanghai (2026-05-31T16:00Z); June has 30 days.
constexpr gt::TimeMs kJuneLocal = 1'780'243'200'000;
constexpr gt::TimeMs kDayMs = 86'400'000;

void monthRollup(const std::filesystem::path& file) {
  removeDb(file);
  constexpr int kMeters = 100;
  constexpr gt::TimeMs kStep = 5 * 60'000;  // a reading every 5 minutes
  std::vector<gt::ingest::PointInfo> infos;
  std::vector<std::string> names;
  for (int i = 0; i < kMeters; ++i) {
    const std::string meter = "M-" + std::to_string(i);
    infos.push_back({meter + ".ep_imp", meter, "E", "A", "kWh", "cumulative"});
    names.push_back(infos.back().name);
  }
  {
    auto store = gt::ingest::ReadingStore::open(file, infos, kJuneLocal);
    std::vector<int64_t> ids;
    for (const auto& info : infos) ids.push_back(store->pointIds().at(info.name));
    for (gt::TimeMs t = kJuneLocal; t < kJuneLocal + 30 * kDayMs; t += 3'600'000) {
      std::vector<gt::ingest::StoredReading> rows;
      for (gt::TimeMs s = t; s < t + 3'600'000; s += kStep) {
        for (int i = 0; i < kMeters; ++i) {
          const double kwh = 1000.0 * i + static_cast<double>(s - kJuneLocal) / 3.6e6 * (i + 1);
          rows.push_back({ids[i], s, static_cast<double>(static_cast<float>(kwh)), 0, {}});
        }
      }
      store->append(std::move(rows));
    }
    store->flush();
  }
  auto history = gt::ingest::HistoryReader::open(file);
  const auto timed = [&](gt::ingest::Span span, std::size_t expect_rows) {
    std::vector<double> ms;
    for (int run = 0; run < 23; ++run) {
      const auto start = std::chrono::steady_clock::now();
      auto result = history->aggregates(names, span, kJuneLocal, kJuneLocal + 30 * kDayMs);
      const double elapsed = msSince(start);
      const auto* series = std::get_if<std::vector<gt::ingest::AggregateSeries>>(&result);
      if (series == nullptr || series->size() != kMeters ||
          series->front().rows.size() != expect_rows) {
        std::fprintf(stderr, "month rollup: unexpected answer\n");
        std::exit(1);
      }
      if (run >= 3) ms.push_back(elapsed);  // the first runs warm the page cache
    }
    return medianOf(ms);
  };
  std::printf("ingest.month_rollup_query_ms %.3f ms\n", timed(gt::ingest::Span::Month, 1));
  std::printf("ingest.month_of_15min_query_ms %.2f ms\n",
              timed(gt::ingest::Span::Quarter, 30 * 96));
  history.reset();
  removeDb(file);
}

// Bytes of each table's B-tree (SQLite's dbstat).
int64_t tableBytes(sqlite3* db, const char* table) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT SUM(pgsize) FROM dbstat WHERE name=?1", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  const int64_t bytes = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return bytes;
}

int64_t rowCount(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  const int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return n;
}

// Bytes per year of table reading (plus reading_interval) and of table aggregate, for 2 000
// points polled every 5 s and stored under `policy`.
void sizePerYear(const std::filesystem::path& file, const gt::StoragePolicyConfig& policy,
                 const char* raw_figure, const char* aggregate_figure) {
  removeDb(file);
  constexpr int kPoints = 2000;
  constexpr gt::TimeMs kStep = 5000;
  constexpr int kRounds = 720;  // one hour
  std::vector<gt::ingest::PointInfo> infos;
  for (int i = 0; i < kPoints; ++i) {
    const std::string meter = "M-" + std::to_string(i / 10);
    const bool cumulative = i % 10 == 0;  // one energy register per 10 points, as on a meter
    infos.push_back({meter + ".p" + std::to_string(i % 10), meter, "E", "A",
                     cumulative ? "kWh" : "kW", cumulative ? "cumulative" : "instant"});
  }
  {
    auto store = gt::ingest::ReadingStore::open(file, infos, kJuneLocal);
    std::vector<int64_t> ids;
    for (const auto& info : infos) ids.push_back(store->pointIds().at(info.name));
    std::vector<gt::ingest::StoragePolicy> policies(kPoints, gt::ingest::StoragePolicy(policy));
    for (int r = 0; r < kRounds; ++r) {
      std::vector<gt::ingest::StoredReading> rows;
      rows.reserve(kPoints);
      const gt::TimeMs t = kJuneLocal + r * kStep + 37;  // answers arrive off the second
      for (int i = 0; i < kPoints; ++i) {
        // Meter floats: IEEE single precision values, stored as 8-byte REALs.
        const double v = i % 10 == 0 ? 5000.0 + i + r * 0.0139
                                     : 50.0 + 20.0 * std::sin(0.01 * r + i) + 0.001 * (i % 7);
        policies[i].offer({ids[i], t, static_cast<double>(static_cast<float>(v)), 0, {}}, rows);
      }
      store->append(std::move(rows));
    }
    std::vector<gt::ingest::StoredReading> last;
    for (auto& p : policies) {
      if (auto row = p.finish()) last.push_back(*row);
    }
    store->append(std::move(last));
    store->flush();
  }
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  const double raw_bytes = static_cast<double>(tableBytes(db, "reading")) +
                           static_cast<double>(tableBytes(db, "reading_interval"));
  const double raw_rows = static_cast<double>(rowCount(db, "SELECT COUNT(*) FROM reading"));
  const double agg_bytes = static_cast<double>(tableBytes(db, "aggregate"));
  const double agg_rows = static_cast<double>(rowCount(db, "SELECT COUNT(*) FROM aggregate"));
  sqlite3_close(db);
  // A year: 6 307 200 readings per point at 5 s; 35 040 + 8 760 + 365 + 12 + 1 = 44 178
  // aggregate rows per point.
  // Readings stored per year, scaled by the share the policy stored in the hour.
  const double year_rows = 365.0 * 86400 / 5 * kPoints * raw_rows / (kPoints * kRounds);
  const double year_agg_rows = 44178.0 * kPoints;
  std::fprintf(stderr,
               "%s: %.0f raw rows in %.0f bytes (%.1f B/row); %.0f aggregate rows in "
               "%.0f bytes (%.1f B/row)\n",
               raw_figure, raw_rows, raw_bytes, raw_bytes / raw_rows, agg_rows, agg_bytes,
               agg_bytes / agg_rows);
  std::printf("%s %.0f MB\n", raw_figure, raw_bytes / raw_rows * year_rows / 1e6);
  if (aggregate_figure != nullptr) {
    std::printf("%s %.0f MB\n", aggregate_figure, agg_bytes / agg_rows * year_agg_rows / 1e6);
  }
  removeDb(file);
}

}  // namespace

int main(int argc, char** argv) {
  // --store-only: just the first three figures, for quick before/after runs of the writer.
  const bool store_only = argc > 1 && std::string(argv[1]) == "--store-only";
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "gt-bench-store.db";
  gt::ingest::StoreOptions staged;
  staged.stage_fold_every = std::chrono::seconds(60);
  if (argc > 1 && std::string(argv[1]) == "--gateway") {
    for (const bool stage : {false, true}) {
      std::vector<double> rates;
      for (int run = 0; run < 3; ++run) {
        rates.push_back(runOnce(file, 100'000, 10, stage ? staged : gt::ingest::StoreOptions{}));
      }
      std::sort(rates.begin(), rates.end());
      std::printf("ingest.store_readings_per_s_100k_points%s %.0f readings/s\n",
                  stage ? "_staged" : "", rates[1]);
    }
    removeDb(file);
    return 0;
  }
  constexpr int kPoints = 2000, kRounds = 250;  // 500 000 readings per run
  const auto median = [&](const gt::ingest::StoreOptions& options) {
    std::vector<double> rates;
    for (int run = 0; run < 5; ++run) rates.push_back(runOnce(file, kPoints, kRounds, options));
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
  };
  std::printf("ingest.store_readings_per_s %.0f readings/s\n", median({}));
  // With [[forward]]: every reading also gets its outbox row (docs/storage.md, "Outbox").
  gt::ingest::StoreOptions with_outbox;
  with_outbox.forward_log = true;
  std::printf("ingest.store_readings_per_s_with_outbox %.0f readings/s\n", median(with_outbox));
  std::printf("ingest.store_readings_per_s_staged %.0f readings/s\n", median(staged));
  if (store_only) {
    removeDb(file);
    return 0;
  }
  gt::ingest::StoreOptions small_commits;
  small_commits.batch_rows = 5000;
  std::printf("ingest.store_readings_per_s_5000_row_commits %.0f readings/s\n",
              median(small_commits));

  monthRollup(file);
  sizePerYear(file, {}, "ingest.db_mb_per_year_2000pts_5s", "ingest.aggregate_mb_per_year_2000pts");
  gt::StoragePolicyConfig interval;
  interval.mode = gt::StoreMode::Interval;
  interval.interval_s = 60;
  sizePerYear(file, interval, "ingest.db_mb_per_year_2000pts_5s_interval_60s", nullptr);
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  return 0;
}
