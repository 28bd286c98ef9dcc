// The demo's +36 MWh: the simulator's regress fault on a machining sub-meter, reproduced
// through the real path (PointValidator -> ReadingStore -> aggregates -> report's
// PeriodActivityReader), with a daemon restart while the fault is on. Also the counter tables
// of schema 6 (counter_event, point.rollover) and the continuity start a restart reads.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cmath>

#include "counter_ledger.h"
#include "greentwin/quality.h"
#include "history_reader.h"
#include "ingest_test_support.h"
#include "period_activity_reader.h"
#include "point_validator.h"
#include "reading_store.h"
#include "store_test_support.h"

using namespace gt;
using namespace gt::ingest;
using test::scalar;

namespace {

constexpr TimeMs kT0 = 1'795'430'000'000;  // 2026-11-23, 200 s after a quarter hour
constexpr double kBase = 1'210'000.0;      // kWh on the register when the demo starts
constexpr double kUsePerSecond = 0.1;      // 360 kW

std::vector<PointInfo> points() {
  return {{"M-04.ep_imp", "M-04", "CNC-04", "machining", "kWh", "cumulative"}};
}

RegisterPoint epImp() {
  RegisterPoint p;
  p.name = "ep_imp";
  p.type = DataType::Float32;  // no wrap: only the high-water mark decides
  p.unit = "kWh";
  p.canonical = "kWh";
  p.kind = PointKind::Cumulative;
  p.min = 0;
  return p;
}

double trueRegister(TimeMs t) {
  return kBase + kUsePerSecond * static_cast<double>(t - kT0) / 1000;
}

// One poll a second over [from, to): validate each value and store it.
template <typename Value>
void poll(ReadingStore& store, PointValidator& v, TimeMs from, TimeMs to, Value value) {
  const int64_t id = store.pointIds().at("M-04.ep_imp");
  std::vector<StoredReading> rows;
  for (TimeMs t = from; t < to; t += 1000) {
    const double x = value(t);
    rows.push_back({id, t, x, v.check(x, t), {}});
  }
  store.append(std::move(rows));
  store.flush();
}

}  // namespace

TEST_CASE("the regress fault over a restart adds no false use to the report", "[counter][store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  // Run 1: ten minutes of true readings; the fault starts at kT0 + 600 s, as the daemon stops.
  {
    auto store = ReadingStore::open(file, points(), kT0);
    PointValidator v(epImp());
    poll(*store, v, kT0, kT0 + 600'000, trueRegister);
  }
  // Run 2 starts with the fault on. The simulator (faulted_values.cpp) shows 97 % of the
  // register the fault started at, sinking by 0.01 % of it per second, for 300 s; then the
  // fault clears and the true register shows again for 300 s.
  const TimeMs fault_start = kT0 + 600'000, restart = kT0 + 660'000, cleared = restart + 300'000,
               stop = cleared + 300'000;
  const double at_fault = trueRegister(fault_start);
  {
    auto store = ReadingStore::open(file, points(), restart);
    PointValidator v(epImp());
    const auto starts = loadCounterStarts(file);
    const CounterStart& s = starts.at("M-04.ep_imp");
    REQUIRE(s.mark);
    // The mark is the last reading of run 1: 1 210 000 + 0.1 x 599 = 1 210 059.9 kWh.
    CHECK(*s.mark == Approx(trueRegister(fault_start - 1000)));
    v.resume(*s.mark, s.mark_t);
    poll(*store, v, restart, cleared, [&](TimeMs t) {
      const double seconds = static_cast<double>(t - fault_start) / 1000;
      return at_fault * 0.97 * (1 - 1e-4 * (seconds + 1));
    });
    poll(*store, v, cleared, stop, trueRegister);
  }
  // Every faulted reading is flagged, the first one of run 2 included.
  CHECK(scalar(file, "SELECT COUNT(*) FROM reading WHERE (quality & 2) != 0") == 300);

  // The true use from the first reading to the last: 0.1 kWh/s x (stop - 1 s - kT0) =
  // 0.1 x 1259 = 125.9 kWh. The fault's 3 % (1 210 060 x 0.03 = 36 302 kWh, the demo's
  // "+36 MWh", plus here 300 s of sinking at 0.01 %/s, about 36 300 kWh more) must not
  // appear: before the fix this test read 43 587.5 kWh.
  const double true_use = trueRegister(stop - 1000) - trueRegister(kT0);
  auto reader = report::PeriodActivityReader::open(file);
  const report::PointActivity a = reader.consumption("M-04.ep_imp", kT0, stop);
  CHECK(a.amount == Approx(true_use).margin(1e-6));
  CHECK(a.regressions == 1);
  // Split at the restart, the two periods still add up to the same.
  const double before = reader.consumption("M-04.ep_imp", kT0, restart).amount;
  const double after = reader.consumption("M-04.ep_imp", restart, stop).amount;
  CHECK(before + after == Approx(true_use).margin(1e-6));

  // The 15-minute aggregates: each bucket's energy (last - prior, or last - first for the
  // very first) adds up to the same true use.
  const double aggregated = scalar(
      file,
      "SELECT SUM(last_value - COALESCE(prior_value, first_value)) FROM aggregate WHERE span = 0 "
      "AND last_t IS NOT NULL");
  CHECK(aggregated == Approx(true_use).margin(1e-6));
}

TEST_CASE("schema 6 point.rollover and counter_event are read back by a restart and the report",
          "[counter][store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  std::vector<PointInfo> pts = points();
  pts[0].rollover = 1'000'000.0;  // DL/T 645 XXXXXX.XX
  {
    auto store = ReadingStore::open(file, pts, kT0);
    const int64_t id = store->pointIds().at("M-04.ep_imp");
    // 12 340.0 and 12 345.6 on the old meter; 0.4 when the new one was fitted, then 2.4
    // (flagged regressed when polled: the replacement was recorded afterwards), and 3.0 at
    // 00:20 from a daemon restarted after the replacement was recorded (good).
    store->append({{id, kT0, 12'340.0, 0, {}},
                   {id, kT0 + 60'000, 12'345.6, 0, {}},
                   {id, kT0 + 180'000, 2.4, quality::kRegressed, {}},
                   {id, kT0 + 1'200'000, 3.0, 0, {}}});
    store->flush();
  }
  CHECK(scalar(file, "SELECT rollover FROM point WHERE name = 'M-04.ep_imp'") == 1'000'000.0);
  CHECK(scalar(file, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'") >= 6);

  recordCounterEvent(
      file,
      CounterEventRecord{"M-04.ep_imp", CounterEvent{kT0 + 120'000, 12'345.6, 0.4}, "replacement",
                         "Zhang Wei", kT0 + 200'000, "meter burnt out, replaced by SN 2026-0042"});
  CHECK_THROWS_WITH(
      recordCounterEvent(file, CounterEventRecord{"M-99.ep_imp", {}, "replacement", "x", 0, ""}),
      Catch::Contains("no point 'M-99.ep_imp'"));

  const auto starts = loadCounterStarts(file);
  const CounterStart& s = starts.at("M-04.ep_imp");
  REQUIRE(s.events.size() == 1);
  CHECK(s.events[0].old_last == 12'345.6);
  CHECK(s.events[0].new_first == 0.4);
  // The aggregates left the regressed 2.4 out; the newest good reading, 3.0 of the new meter,
  // is the mark, and the replacement before it is already behind it.
  REQUIRE(s.mark);
  CHECK(*s.mark == 3.0);
  CHECK(s.mark_t == kT0 + 1'200'000);

  // Old meter 12 340.0 -> 12 345.6 = 5.6 kWh, new meter 0.4 -> 2.4 = 2.0 kWh: 7.6 kWh in the
  // first 10 minutes; 2.4 -> 3.0 adds 0.6: 8.2 kWh in the hour.
  auto reader = report::PeriodActivityReader::open(file);
  const report::PointActivity a = reader.consumption("M-04.ep_imp", kT0, kT0 + 600'000);
  CHECK(a.amount == Approx(7.6));
  CHECK(a.replacements == 1);
  CHECK(a.regressions == 0);
  CHECK(reader.consumption("M-04.ep_imp", kT0, kT0 + 3'600'000).amount == Approx(8.2));

  // The 15-minute history: the quarter from kT0 - 200 s holds 12 340.0 -> 12 345.6 (5.6, its
  // first reading the base); the next, from kT0 + 700 s, holds 3.0 after the
  // prior 12 345.6, across the replacement: (12 345.6 - 12 345.6) + (3.0 - 0.4) = 2.6.
  // 5.6 + 2.6 = 8.2 kWh, as the report says.
  auto history = HistoryReader::open(file);
  const auto series =
      history->aggregates({"M-04.ep_imp"}, Span::Quarter, kT0 - 200'000, kT0 + 3'600'000);
  REQUIRE(std::holds_alternative<std::vector<AggregateSeries>>(series));
  const auto& rows = std::get<std::vector<AggregateSeries>>(series).at(0).rows;
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].delta == Approx(5.6));
  CHECK(rows[1].delta == Approx(2.6));
}

TEST_CASE("an older database gets point.rollover and counter_event and resumes its marks",
          "[counter][store]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  {
    test::writeVersion1Db(file, R"sql(
      INSERT INTO point VALUES(3, 'M-04.ep_imp', 'M-04', 'CNC-04', 'machining', 'kWh',
                               'cumulative');
      INSERT INTO reading VALUES(3, 1795430000000, 500.0, 0), (3, 1795430060000, 510.0, 0),
                                (3, 1795430120000, 490.0, 2);
    )sql");
  }
  std::vector<PointInfo> pts = points();
  pts[0].rollover = 42'949'672.96;  // uint32 at 0.01 kWh
  {
    auto store = ReadingStore::open(file, pts, kT0);
    CHECK(store->pointIds().at("M-04.ep_imp") == 3);
  }
  CHECK(scalar(file, "SELECT rollover FROM point WHERE id = 3") == 42'949'672.96);
  CHECK(scalar(file, "SELECT COUNT(*) FROM counter_event") == 0);
  // The rebuilt aggregates left the regressed 490 out: a restart resumes from 510.
  const auto starts = loadCounterStarts(file);
  REQUIRE(starts.at("M-04.ep_imp").mark);
  CHECK(*starts.at("M-04.ep_imp").mark == 510.0);
}
