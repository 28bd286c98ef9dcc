// Benchmark: readings per second that ReadingStore commits to a real SQLite file, batched as
// the daemon batches them (one vector per poll round of 2 000 points), from the first append
// to the last commit. Prints `ingest.store_readings_per_s <median> readings/s` with the default
// StoreOptions, and `ingest.store_readings_per_s_5000_row_commits` with transactions capped at
// 5 000 rows (the cap before issue 5), which shows what transaction size alone is worth.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "reading_store.h"

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
      rows.push_back({ids[i], t0 + r * 1000LL, 100.0 + static_cast<double>(i % 97) * 0.5, 0});
    }
    store->append(std::move(rows));
  }
  store->flush();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  store->close();
  return static_cast<double>(points) * rounds / seconds;
}

}  // namespace

int main() {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "gt-bench-store.db";
  constexpr int kPoints = 2000, kRounds = 250;  // 500 000 readings per run
  const auto median = [&](const gt::ingest::StoreOptions& options) {
    std::vector<double> rates;
    for (int run = 0; run < 5; ++run) rates.push_back(runOnce(file, kPoints, kRounds, options));
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
  };
  std::printf("ingest.store_readings_per_s %.0f readings/s\n", median({}));
  gt::ingest::StoreOptions small_commits;
  small_commits.batch_rows = 5000;
  std::printf("ingest.store_readings_per_s_5000_row_commits %.0f readings/s\n",
              median(small_commits));
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  return 0;
}
