// Benchmark: what one KPI tick of greentwin-ingest costs for the month-to-date intensity check
// (ingest/kpi/src/intensity_check.h), on the demo site's bound points with 29 days of 15-minute
// readings written through the daemon's own ReadingStore (aggregates included) and a daily
// output entry for each complete day, at 12:00 on the 30th. Prints, medians over ~2 s each:
//   kpi.tick_ms_rebuilt   the check rebuilding the month-to-date accounts from SQLite, as every
//                         tick did before the cache (and as a tick still does on a new day or
//                         new output);
//   kpi.tick_ms           the check with the cache, a poll round of new readings committed
//                         before each tick (the daemon's normal case: a cheap mark query);
//   kpi.tick_ms_idle      the check with the cache and no commit since the last tick;
//   kpi.full_tick_ms      KpiComputer::compute (today's readings) + the cached check.
// Usage: greentwin-bench-kpi-tick [source-dir] (default: the current directory).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "intensity_check.h"
#include "kpi_computer.h"
#include "month_to_date_accounts.h"
#include "production_output.h"
#include "reading_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double medianMs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Calls `tick` (which returns its own ms) after a warm-up until ~2 s have passed.
template <typename Tick>
double timeTicks(Tick tick, int min_runs = 5) {
  for (int i = 0; i < 2; ++i) tick();
  std::vector<double> ms;
  const auto until = Clock::now() + std::chrono::seconds(2);
  while (Clock::now() < until || static_cast<int>(ms.size()) < min_runs) ms.push_back(tick());
  return medianMs(ms);
}

template <typename F>
double elapsedMs(F f) {
  const auto start = Clock::now();
  f();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gt;
  const std::filesystem::path source = argc > 1 ? argv[1] : ".";
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / "greentwin-bench-kpi-tick";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::filesystem::path db = folder / "greentwin.db";

  const SiteConfig site = loadSiteConfig(source / "assets/demo/site.toml");
  const std::filesystem::path accounting = source / "assets/demo/accounting.toml";
  std::stringstream text;
  text << std::ifstream(accounting).rdbuf();
  text << R"(
[[product]]
id = "part"
name_zh = "零件"
name_en = "machined part"
unit = "t"

[[benchmark]]
indicator = "energy_per_product:part"
unit = "kgce/t"
limit = 400
source = "benchmark limit"
)";
  const auto bindings = report::parseAccountingBindings(text.str(), accounting, site);
  const auto factors = report::loadFactorSet(bindings);
  constexpr int kOffset = 480;  // Asia/Shanghai
  const TimeMs month = report::parseReportPeriod("2026-11", kOffset)->start;
  constexpr TimeMs kQuarterMs = 15 * 60'000, kDayMs = 86'400'000;
  const TimeMs now = month + 29 * kDayMs + 12 * 3'600'000;

  std::vector<ingest::PointInfo> infos;
  for (const report::PointBinding& b : bindings.points) {
    const std::string meter = b.point.substr(0, b.point.find('.'));
    infos.push_back({b.point, meter, meter, "plant", b.unit, "cumulative"});
  }
  ingest::StoreOptions options;
  options.utc_offset_minutes = kOffset;
  auto store = ingest::ReadingStore::open(db, infos, month);
  std::vector<int64_t> ids;
  for (const auto& info : infos) ids.push_back(store->pointIds().at(info.name));
  std::vector<double> value(ids.size(), 1000);
  auto round = [&](TimeMs t) {
    std::vector<ingest::StoredReading> rows;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      value[i] += 10 + static_cast<double>(i);
      rows.push_back({ids[i], t, value[i], 0, {}});
    }
    store->append(std::move(rows));
  };
  for (TimeMs t = month; t <= now; t += kQuarterMs) round(t);
  store->flush();
  std::vector<report::OutputEntry> output;
  for (int d = 1; d <= 29; ++d) {
    char day[16];
    std::snprintf(day, sizeof day, "2026-11-%02d", d);
    const auto p = report::parseReportPeriod(day, kOffset);
    output.push_back({0, day, p->start, p->end, "part", 20.0, "t", std::nullopt, std::nullopt,
                      "bench", "daily output", "bench", "manual", now});
  }
  report::storeOutputEntries(db, output);

  const auto reader = report::PeriodActivityReader::open(db);
  std::size_t items = 0;
  const double rebuilt = timeTicks([&] {
    return elapsedMs([&] {
      items += kpi::intensityChecks(site, bindings, factors, reader, db, now, kOffset).size();
    });
  });
  kpi::MonthToDateAccounts cache;
  TimeMs t = now;
  const double with_commit = timeTicks([&] {
    t += 10'000;
    round(t);
    store->flush();
    return elapsedMs([&] {
      items += kpi::intensityChecks(bindings,
                                    cache.current(site, bindings, factors, reader, db, t, kOffset))
                   .size();
    });
  });
  const double idle = timeTicks([&] {
    return elapsedMs([&] {
      items += kpi::intensityChecks(bindings,
                                    cache.current(site, bindings, factors, reader, db, t, kOffset))
                   .size();
    });
  });
  kpi::KpiComputer computer(site, bindings, factors, kOffset);
  const double full = timeTicks([&] {
    t += 10'000;
    round(t);
    store->flush();
    return elapsedMs([&] {
      const wire::KpiUpdate update = computer.compute(reader, t);
      items += kpi::intensityChecks(bindings,
                                    cache.current(site, bindings, factors, reader, db, t, kOffset))
                   .size();
      items += update.t > 0 ? 1 : 0;
    });
  });
  store->close();
  if (items == 0) std::fprintf(stderr, "no checks computed\n");
  std::printf("kpi.tick_ms_rebuilt %.3f ms\n", rebuilt);
  std::printf("kpi.tick_ms %.3f ms\n", with_commit);
  std::printf("kpi.tick_ms_idle %.4f ms\n", idle);
  std::printf("kpi.full_tick_ms %.3f ms\n", full);
  std::fprintf(stderr, "kpi_tick_bench: %zu points, month-to-date rebuilds with the cache: %lld\n",
               ids.size(), static_cast<long long>(cache.rebuilds()));
  std::filesystem::remove_all(folder);
  return 0;
}
