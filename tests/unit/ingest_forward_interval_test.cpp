// Store and forward of readings stored by `store = "interval"` (docs/storage.md): each travels
// with the summary of its interval (count, min, max, sum: table reading_interval), which the
// centre stores as the site does and counts in its aggregates, exactly once also when a batch
// comes twice. Real SQLite files and real ZeroMQ sockets; golden bytes of the 8-field reading.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "centre_forwarder.h"
#include "centre_receiver.h"
#include "forward_test_support.h"
#include "greentwin/forward_messages.h"
#include "ingest_test_support.h"
#include "reading_store.h"
#include "store_test_support.h"
#include "wire_bytes_test_support.h"

using namespace gt;
using namespace gt::ingest;
using test::aggregateCount;
using test::scalar;
using wire::testing::hex;

namespace {
constexpr TimeMs kT0 = 1'700'000'000'000;  // 2023-11-14 22:13:20 UTC

// Ten interval rows of M-01.p, one a minute: row i stands for 60 readings with min i,
// max i + 2 and sum 60 (i + 1) (a mean of i + 1); and ten plain rows of M-01.e.
void storeIntervals(const std::filesystem::path& db) {
  StoreOptions options;
  options.forward_log = true;
  auto store = ReadingStore::open(db, test::hallPoints(), kT0, options);
  std::vector<StoredReading> rows;
  for (int i = 0; i < 10; ++i) {
    const TimeMs t = kT0 + 60'000 * i;
    rows.push_back({store->pointIds().at("M-01.p"), t, i + 1.0, 0,
                    IntervalSummary{60, 1.0 * i, i + 2.0, 60.0 * (i + 1)}});
    rows.push_back({store->pointIds().at("M-01.e"), t, 10.0 * i, 0, {}});
  }
  store->append(std::move(rows));
  store->close();
}

}  // namespace

TEST_CASE("interval readings reach the centre with their summaries", "[forward]") {
  test::TempDir dir;
  const auto site_db = dir.path() / "site.db";
  const auto centre_db = dir.path() / "centre.db";
  storeIntervals(site_db);
  REQUIRE(scalar(site_db, "SELECT COUNT(*) FROM reading_interval") == 10);

  test::forwardToNewCentre(site_db, centre_db, 7, 20);  // 3 batches of 20 numbers

  CHECK(scalar(centre_db, "SELECT COUNT(*) FROM reading") == 20);
  const std::string summaries =
      "FROM reading_interval i JOIN point p ON p.id=i.point WHERE p.name='test-site/M-01.p'";
  CHECK(scalar(centre_db, "SELECT COUNT(*) " + summaries) == 10);
  // 10 rows of 60 readings; sums 60 (1 + ... + 10) = 3300; min of the mins 0, max 9 + 2.
  CHECK(scalar(centre_db, "SELECT SUM(count) " + summaries) == 600);
  CHECK(scalar(centre_db, "SELECT SUM(sum_value) " + summaries) == 3300.0);
  CHECK(scalar(centre_db, "SELECT MIN(min_value) " + summaries) == 0.0);
  CHECK(scalar(centre_db, "SELECT MAX(max_value) " + summaries) == 11.0);
  // The centre's aggregates count what the rows stand for, as the site's do: 600 readings
  // of p (not 10), and the 10 plain readings of e; the same on both sides.
  CHECK(aggregateCount(centre_db, "test-site/M-01.p") == 600);
  CHECK(aggregateCount(centre_db, "test-site/M-01.e") == 10);
  CHECK(aggregateCount(site_db, "M-01.p") == 600);
  // No summary rows for the plain readings.
  CHECK(scalar(centre_db,
               "SELECT COUNT(*) FROM reading_interval i JOIN point p ON p.id=i.point "
               "WHERE p.name='test-site/M-01.e'") == 0);
}

TEST_CASE("an interval batch sent twice is counted once", "[forward]") {
  test::TempDir dir;
  const auto centre_db = dir.path() / "centre.db";
  auto centre = CentreReceiver::start(centre_db, "tcp://127.0.0.1:*", 480);
  wire::ForwardBatch batch = test::farSiteBatch(5);
  for (int i = 0; i < 5; ++i) {
    wire::ForwardReading r{0, kT0 + 60'000 * i, 2.0, 0};
    r.count = 12;
    r.min = 1.0;
    r.max = 3.0;
    r.sum = 24.0;
    batch.readings.push_back(r);
  }
  test::SiteDealer site(centre->endpoint());
  for (int round = 0; round < 2; ++round) REQUIRE(site.send(batch));
  centre->stop();
  CHECK(centre->stats().batches_stored == 2);
  CHECK(scalar(centre_db, "SELECT COUNT(*) FROM reading_interval") == 5);
  CHECK(scalar(centre_db, "SELECT SUM(count) FROM reading_interval") == 60);
  CHECK(aggregateCount(centre_db, "far-site/M-09.p") == 60);
}

// Golden bytes (docs/protocol.md, "Store and forward"): msgpack.packb of the same map in
// Python, the reading [0, 5, 2.5, 0, 3, 1, 4, 7.5]: msgpack-c packs the integral doubles 1.0
// and 4.0 as integers, which every decoder of numbers (Fields::asNumber) accepts.
TEST_CASE("an interval reading has frozen bytes and a count of at least 1", "[forward]") {
  wire::ForwardBatch batch;
  batch.site = "s";
  batch.first_seq = 1;
  batch.last_seq = 1;
  batch.points = {{"M-01.p", "kW", "instant"}};
  wire::ForwardReading r{0, 5, 2.5, 0};
  r.count = 3;
  r.min = 1.0;
  r.max = 4.0;
  r.sum = 7.5;
  batch.readings = {r};
  const std::string body = wire::encode(batch);
  CHECK(hex(body) ==
        "87a17601a474797065a7666f7277617264a473697465a173a5666972737401a46c61737401a6706f696e"
        "74739193a64d2d30312e70a26b57a7696e7374616e74a872656164696e677391980005cb400400000000"
        "000000030104cb401e000000000000");
  const auto back = wire::decodeForwardBatch(body);
  REQUIRE(back);
  CHECK(back->readings[0].count == 3);
  CHECK(back->readings[0].min == 1.0);
  CHECK(back->readings[0].max == 4.0);
  CHECK(back->readings[0].sum == 7.5);
  std::string why;
  batch.readings[0].count = 0;  // encoded as a plain 4-field reading
  const auto plain = wire::decodeForwardBatch(wire::encode(batch));
  REQUIRE(plain);
  CHECK(plain->readings[0].count == 0);
  // A hand-made 8-field reading with count 0 says it stands for nothing: rejected.
  std::string zero = body;
  const std::size_t at = zero.find(std::string("\x98\x00\x05", 3));
  REQUIRE(at != std::string::npos);
  zero[at + 1 + 1 + 1 + 9 + 1] = '\x00';  // [0, 5, 2.5 (9 bytes), 0, >3<
  CHECK_FALSE(wire::decodeForwardBatch(zero, &why));
  CHECK(why.find("count") != std::string::npos);
}
