// StoragePolicy: which readings of a point are stored under "all", "deadband" and "interval".
#include <catch2/catch.hpp>

#include <cmath>

#include "storage_policy.h"

using namespace gt;
using namespace gt::ingest;

namespace {
StoredReading at(TimeMs t, double v, uint32_t q = 0) {
  return StoredReading{7, t, v, q, {}};
}

std::vector<StoredReading> run(StoragePolicy& policy, const std::vector<StoredReading>& in) {
  std::vector<StoredReading> out;
  for (const StoredReading& r : in) policy.offer(r, out);
  return out;
}
}  // namespace

TEST_CASE("store = all keeps every reading", "[policy]") {
  StoragePolicy all(StoragePolicyConfig{});
  CHECK(run(all, {at(0, 1), at(1000, 1), at(2000, 1)}).size() == 3);
  CHECK(!all.finish());
}

TEST_CASE("deadband: changes beyond the band, quality changes, and a heartbeat", "[policy]") {
  StoragePolicyConfig c;
  c.mode = StoreMode::Deadband;
  c.deadband = 0.5;
  c.heartbeat_s = 60;
  StoragePolicy policy(c);
  const auto out = run(policy, {
                                   at(0, 10.0),                       // first: stored
                                   at(5000, 10.4),                    // |10.4 - 10| <= 0.5
                                   at(10000, 10.5),                   // 0.5 is not beyond
                                   at(15000, 10.6),                   // 0.6 > 0.5: stored
                                   at(20000, 10.6, quality::kStuck),  // quality changed
                                   at(25000, 10.6),                   // and changed back
                                   at(30000, std::nan(""), quality::kNotANumber), at(35000, 10.6),
                                   at(90000, 10.6),  // 55 s after 35 s: not yet
                                   at(95000, 10.6),  // 60 s: heartbeat
                               });
  REQUIRE(out.size() == 7);
  CHECK(out[0].t == 0);
  CHECK(out[1].t == 15000);
  CHECK(out[2].t == 20000);
  CHECK(out[3].t == 25000);
  CHECK(out[4].t == 30000);
  CHECK(out[5].t == 35000);
  CHECK(out[6].t == 95000);
  CHECK(!policy.finish());
}

TEST_CASE("interval: one row per slot, the last good reading with the slot's summary", "[policy]") {
  StoragePolicyConfig c;
  c.mode = StoreMode::Interval;
  c.interval_s = 60;
  StoragePolicy policy(c);
  const TimeMs t0 = 1'780'272'000'000;  // on a minute
  auto out = run(policy, {
                             at(t0 + 5000, 4), at(t0 + 20000, 8),
                             at(t0 + 35000, 999, quality::kOutOfRange),  // not in the summary
                             at(t0 + 50000, 6), at(t0 + 65000, 1),  // next slot: releases the first
                         });
  REQUIRE(out.size() == 1);
  CHECK(out[0].t == t0 + 50000);  // the slot's last good reading
  CHECK(out[0].value == 6);
  CHECK(out[0].summary.count == 3);
  CHECK(out[0].summary.min == 4);
  CHECK(out[0].summary.max == 8);
  CHECK(out[0].summary.sum == 18);  // 4 + 8 + 6: mean 6
  // The daemon stops: the slot in progress is stored as it is.
  const auto last = policy.finish();
  REQUIRE(last);
  CHECK(last->t == t0 + 65000);
  CHECK(last->summary.count == 1);
  CHECK(!policy.finish());
  // A slot with only bad readings stores its last reading, flagged, without summary.
  out = run(policy, {at(t0 + 125000, std::nan(""), quality::kNotANumber), at(t0 + 185000, 2)});
  REQUIRE(out.size() == 1);
  CHECK(out[0].quality == quality::kNotANumber);
  CHECK(out[0].summary.count == 0);
}

TEST_CASE("interval-stored rows make the aggregates of every reading", "[policy]") {
  // A row standing for 3 readings (4, 8, 6) enters a bucket as 3 readings.
  BucketStats s;
  IntervalSummary summary{3, 4, 8, 18};
  s.add(100, 6.0, 0, &summary);
  s.add(200, 10.0, 0);
  CHECK(s.count == 4);
  CHECK(s.sum == 28);  // mean 7 = (4 + 8 + 6 + 10) / 4
  CHECK(s.min == 4);
  CHECK(s.max == 10);
  CHECK(s.last_v == 10);
}
