// Benchmark: store-and-forward throughput. A site database holds a backlog of 500 000 readings
// (2 000 points x 250 poll rounds) in its outbox, as after a centre outage; a CentreForwarder
// sends it over loopback TCP to a CentreReceiver that stores it in its own database with the
// aggregates. Prints `ingest.forward_rows_per_s <median of 3> rows/s`: from the forwarder's
// start to the last acknowledgement, so it includes reading the outbox, encoding, the centre's
// transactions and the cursor updates.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "centre_forwarder.h"
#include "centre_receiver.h"
#include "reading_store.h"

namespace {

void removeDb(const std::filesystem::path& file) {
  for (const char* suffix : {"", "-wal", "-shm", ".writer-lock"}) {
    std::filesystem::remove(file.string() + suffix);
  }
}

double runOnce(const std::filesystem::path& folder, int points, int rounds) {
  const auto site_db = folder / "gt-bench-forward-site.db";
  const auto centre_db = folder / "gt-bench-forward-centre.db";
  removeDb(site_db);
  removeDb(centre_db);
  std::vector<gt::ingest::PointInfo> infos;
  for (int i = 0; i < points; ++i) {
    infos.push_back({"M-" + std::to_string(i / 10) + ".p" + std::to_string(i % 10),
                     "M-" + std::to_string(i / 10), "E", "A", "kW", "instant"});
  }
  const gt::TimeMs t0 = 1'763'000'000'000;
  {
    gt::ingest::StoreOptions options;
    options.forward_log = true;
    auto store = gt::ingest::ReadingStore::open(site_db, infos, t0, options);
    std::vector<int64_t> ids;
    for (const auto& info : infos) ids.push_back(store->pointIds().at(info.name));
    for (int r = 0; r < rounds; ++r) {
      std::vector<gt::ingest::StoredReading> rows;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        rows.push_back({ids[i], t0 + r * 5000LL, 100.0 + static_cast<double>(i % 97), 0, {}});
      }
      store->append(std::move(rows));
    }
    store->close();
  }
  auto centre = gt::ingest::CentreReceiver::start(centre_db, "tcp://127.0.0.1:*", 480);
  const gt::ForwardTarget target{"bench", centre->endpoint(), 5000, 5000};
  const auto start = std::chrono::steady_clock::now();
  auto forwarder = gt::ingest::CentreForwarder::start(site_db, "bench-site", target);
  const uint64_t total = static_cast<uint64_t>(points) * rounds;
  while (forwarder->stats().rows_acked < total) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  forwarder->stop();
  centre->stop();
  removeDb(site_db);
  removeDb(centre_db);
  return static_cast<double>(total) / seconds;
}

}  // namespace

int main() {
  const auto folder = std::filesystem::temp_directory_path();
  std::vector<double> rates;
  for (int run = 0; run < 3; ++run) rates.push_back(runOnce(folder, 2000, 250));
  std::sort(rates.begin(), rates.end());
  std::printf("ingest.forward_rows_per_s %.0f rows/s\n", rates[rates.size() / 2]);
  return 0;
}
