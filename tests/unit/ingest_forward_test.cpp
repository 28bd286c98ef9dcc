// Store and forward on real SQLite files and real ZeroMQ sockets: the outbox is written with
// the readings (and not at all without [[forward]]), a centre gets every reading exactly once,
// a batch whose ack was lost is sent again and stored once, and a restarted forwarder resumes
// from its stored cursor.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cmath>
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
// `n` readings of each point, t from `t0` every second, value i (p) and 10 i (e).
void storeReadings(const std::filesystem::path& db, bool forward, TimeMs t0, int n) {
  StoreOptions options;
  options.forward_log = forward;
  auto store = ReadingStore::open(db, test::hallPoints(), t0, options);
  std::vector<StoredReading> rows;
  for (int i = 0; i < n; ++i) {
    rows.push_back({store->pointIds().at("M-01.p"), t0 + 1000 * i, 1.0 * i, 0, {}});
    rows.push_back({store->pointIds().at("M-01.e"), t0 + 1000 * i, 10.0 * i, 0, {}});
  }
  store->append(std::move(rows));
  store->close();
}

// Receives one forwarded batch on a test-owned ROUTER (the centre's side, by hand).
std::optional<wire::ForwardBatch> receiveBatch(zmq::socket_t& router,
                                               std::vector<zmq::message_t>& envelope,
                                               std::chrono::milliseconds limit) {
  zmq::pollitem_t item{router.handle(), 0, ZMQ_POLLIN, 0};
  if (zmq::poll(&item, 1, limit) <= 0) return std::nullopt;
  std::vector<zmq::message_t> frames;
  REQUIRE(zmq::recv_multipart(router, std::back_inserter(frames)));
  REQUIRE(frames.size() == 3);  // routing id, empty delimiter, body
  auto batch = wire::decodeForwardBatch(
      std::string_view(static_cast<const char*>(frames[2].data()), frames[2].size()));
  frames.pop_back();
  envelope = std::move(frames);
  return batch;
}

void ack(zmq::socket_t& router, std::vector<zmq::message_t>& envelope, int64_t last) {
  for (zmq::message_t& f : envelope) router.send(f, zmq::send_flags::sndmore);
  router.send(zmq::buffer(wire::encode(wire::ForwardAck{"test-site", last})));
}
}  // namespace

TEST_CASE("without [[forward]] the store writes no outbox", "[forward]") {
  test::TempDir dir;
  const auto db = dir.path() / "site.db";
  storeReadings(db, false, 1'700'000'000'000, 100);
  CHECK(scalar(db, "SELECT COUNT(*) FROM reading") == 200);
  CHECK(scalar(db, "SELECT COUNT(*) FROM forward_log") == 0);
}

TEST_CASE("a centre gets every reading exactly once and the outbox is pruned", "[forward]") {
  test::TempDir dir;
  const auto site_db = dir.path() / "site.db";
  const auto centre_db = dir.path() / "centre.db";
  const TimeMs t0 = 1'700'000'000'000;
  storeReadings(site_db, true, t0, 3000);
  REQUIRE(scalar(site_db, "SELECT COUNT(*) FROM forward_log") == 6000);

  const ForwarderStats stats = test::forwardToNewCentre(site_db, centre_db, 700, 6000);

  CHECK(scalar(centre_db, "SELECT COUNT(*) FROM reading") == 6000);
  // Sum of 0..2999 = 4 498 500 for p, ten times that for e.
  CHECK(scalar(centre_db,
               "SELECT SUM(value) FROM reading r JOIN point p ON p.id=r.point "
               "WHERE p.name='test-site/M-01.p'") == 4'498'500.0);
  CHECK(scalar(centre_db,
               "SELECT SUM(value) FROM reading r JOIN point p ON p.id=r.point "
               "WHERE p.name='test-site/M-01.e'") == 44'985'000.0);
  CHECK(scalar(centre_db, "SELECT COUNT(*) FROM point WHERE unit='kWh' AND kind='cumulative'") ==
        1);
  // 6000 numbers in batches of 700: 9 batches, each acknowledged once.
  CHECK(stats.batches_acked == 9);
  CHECK(stats.waiting_rows == 0);
  CHECK(scalar(site_db, "SELECT COUNT(*) FROM forward_log") == 0);
  CHECK(scalar(site_db, "SELECT acked_seq FROM forward_cursor WHERE centre='hq'") == 6000);
  // The centre keeps the aggregates of what it receives: one hour of p has 3600 readings at
  // most; 3000 s from t0 fall in at most two hours, all of them counted once.
  CHECK(aggregateCount(centre_db, "test-site/M-01.p") == 3000);
}

TEST_CASE("a batch sent twice is stored once and acknowledged twice", "[forward]") {
  test::TempDir dir;
  const auto centre_db = dir.path() / "centre.db";
  auto centre = CentreReceiver::start(centre_db, "tcp://127.0.0.1:*", 480);
  wire::ForwardBatch batch = test::farSiteBatch(50);
  for (int i = 0; i < 50; ++i) batch.readings.push_back({0, 1'700'000'000'000 + 1000 * i, 2.0, 0});
  test::SiteDealer site(centre->endpoint());
  for (int round = 0; round < 2; ++round) {
    const auto got = site.send(batch);
    REQUIRE(got);
    CHECK(got->last_seq == 50);
  }
  centre->stop();
  CHECK(scalar(centre_db, "SELECT COUNT(*) FROM reading") == 50);
  CHECK(scalar(centre_db, "SELECT SUM(value) FROM reading") == 100.0);
  CHECK(centre->stats().batches_stored == 2);
}

TEST_CASE("no ack: the same batch again; a restarted forwarder resumes from the cursor",
          "[forward]") {
  test::TempDir dir;
  const auto site_db = dir.path() / "site.db";
  storeReadings(site_db, true, 1'700'000'000'000, 100);  // 200 sequence numbers
  zmq::context_t context;
  zmq::socket_t router(context, zmq::socket_type::router);
  router.bind("tcp://127.0.0.1:*");
  const ForwardTarget target{"hq", router.get(zmq::sockopt::last_endpoint), 80, 200};
  std::vector<zmq::message_t> envelope;
  {
    auto forwarder = CentreForwarder::start(site_db, "test-site", target);
    auto first = receiveBatch(router, envelope, std::chrono::seconds(5));
    REQUIRE(first);
    CHECK(first->first_seq == 1);
    CHECK(first->last_seq == 80);
    CHECK(first->readings.size() == 80);
    // The ack is "lost": after resend_ms the very same range comes again.
    auto again = receiveBatch(router, envelope, std::chrono::seconds(5));
    REQUIRE(again);
    CHECK(again->first_seq == 1);
    CHECK(again->last_seq == 80);
    CHECK(forwarder->stats().resends >= 1);
    ack(router, envelope, 80);
    auto second = receiveBatch(router, envelope, std::chrono::seconds(5));
    REQUIRE(second);
    CHECK(second->first_seq == 81);
    CHECK(second->last_seq == 160);
    forwarder->stop();  // stopped with batch 81..160 unacknowledged
  }
  CHECK(scalar(site_db, "SELECT acked_seq FROM forward_cursor WHERE centre='hq'") == 80);
  CHECK(scalar(site_db, "SELECT MIN(seq) FROM forward_log") == 81);
  // Drain what the stopped forwarder's last send may have left queued.
  while (receiveBatch(router, envelope, std::chrono::milliseconds(100))) {
  }
  auto forwarder = CentreForwarder::start(site_db, "test-site", target);
  auto resumed = receiveBatch(router, envelope, std::chrono::seconds(5));
  REQUIRE(resumed);
  CHECK(resumed->first_seq == 81);
  CHECK(resumed->last_seq == 160);
  CHECK(forwarder->stats().waiting_rows == 120);
}

namespace {
// Sequence 1 of site "s": one reading that did not decode (NaN, quality 16).
wire::ForwardBatch oneNanReading() {
  wire::ForwardBatch batch;
  batch.site = "s";
  batch.first_seq = 1;
  batch.last_seq = 1;
  batch.points = {{"M-01.p", "kW", "instant"}};
  batch.readings = {{0, 5, std::nan(""), 16}};
  return batch;
}
}  // namespace

// Golden bytes (docs/protocol.md, "Store and forward"): what Python's msgpack.packb gives for
// the same maps, so a client in another language reads exactly this.
TEST_CASE("forward messages have frozen bytes", "[forward]") {
  CHECK(hex(wire::encode(wire::ForwardAck{"s", 5})) ==
        "84a17601a474797065ab666f72776172645f61636ba473697465a173a46c61737405");
  const wire::ForwardBatch batch = oneNanReading();
  CHECK(hex(wire::encode(batch)) ==
        "87a17601a474797065a7666f7277617264a473697465a173a5666972737401a46c61737401a6706f696e"
        "74739193a64d2d30312e70a26b57a7696e7374616e74a872656164696e677391940005c010");
}

TEST_CASE("forward messages reject what they cannot trust", "[forward]") {
  wire::ForwardBatch batch = oneNanReading();
  const std::string body = wire::encode(batch);
  const auto back = wire::decodeForwardBatch(body);
  REQUIRE(back);
  CHECK(std::isnan(back->readings[0].value));
  CHECK(back->readings[0].quality == 16);
  std::string why;
  CHECK_FALSE(wire::decodeForwardBatch(body.substr(0, body.size() - 1), &why));
  CHECK(why == "truncated message");
  CHECK_FALSE(wire::decodeForwardBatch(body + "x", &why));
  batch.readings[0].point = 1;  // no such point
  CHECK_FALSE(wire::decodeForwardBatch(wire::encode(batch), &why));
  CHECK(why.find("point 1") != std::string::npos);
}
