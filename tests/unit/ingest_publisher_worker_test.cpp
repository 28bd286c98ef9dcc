// The publisher's worker thread, over real ZeroMQ and a real SQLite store of 2 million
// readings: while DEALER clients' long history requests run, heartbeats and live readings keep
// their interval, a snapshot asked meanwhile is answered at once, and every history reply
// reaches the client that asked for it.
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "history_reader.h"
#include "ingest_test_support.h"
#include "publisher.h"
#include "store_test_support.h"

using namespace gt;
using namespace gt::ingest;
using namespace std::chrono_literals;

namespace {
using Clock = std::chrono::steady_clock;

constexpr int64_t kReadings = 2'000'000;
constexpr TimeMs kFirst = 1'000'000;  // reading i is at kFirst + 1000 i (one a second)
constexpr auto kHeartbeat = 100ms;
constexpr int kClients = 8;

// The store's schema and points, then 2 M rows of M-01.p in one statement (through the
// writer thread this would take minutes).
void fillStore(const std::filesystem::path& file) {
  ReadingStore::open(file, test::hallPoints(), 1)->close();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  const std::string sql =
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(kReadings - 1) +
      ") INSERT INTO reading(point, t, value, quality) "
      "SELECT (SELECT id FROM point WHERE name = 'M-01.p'), " +
      std::to_string(kFirst) + " + 1000 * i, 0.5 * i, 0 FROM n";
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

MeterUpdate liveReading(double kw) {
  MeterUpdate u;
  u.state = wire::MeterState{"M-01", true, nowUtcMs()};
  u.publish = true;
  u.batch.meter = "M-01";
  u.batch.equipment = "CNC-01";
  u.batch.area = "hall";
  u.batch.values.push_back(wire::PointValue{"M-01.p", "kW", nowUtcMs(), kw, quality::kGood});
  return u;
}

// The longest wait between consecutive arrivals within [from, to].
Clock::duration longestGap(std::vector<Clock::time_point> arrivals, Clock::time_point from,
                           Clock::time_point to) {
  Clock::duration longest{0};
  Clock::time_point previous = from;
  for (Clock::time_point t : arrivals) {
    if (t < from || t > to) continue;
    longest = std::max(longest, t - previous);
    previous = t;
  }
  return std::max(longest, to - previous);
}

void sendRequest(zmq::socket_t& dealer, const wire::Request& request) {
  const std::string body = wire::encode(request);
  dealer.send(zmq::str_buffer(""), zmq::send_flags::sndmore);
  dealer.send(zmq::buffer(body), zmq::send_flags::none);
}

wire::Reply receiveReply(zmq::socket_t& dealer) {
  std::vector<zmq::message_t> frames;
  REQUIRE(zmq::recv_multipart(dealer, std::back_inserter(frames)));
  REQUIRE(frames.size() == 2);
  auto reply = wire::decodeReply(frames[1].to_string_view());
  REQUIRE(reply);
  return *reply;
}
}  // namespace

TEST_CASE("history runs on the worker: heartbeats, live readings and snapshots keep going",
          "[publisher]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  fillStore(file);
  std::unique_ptr<HistoryReader> reader = HistoryReader::open(file);

  PublisherOptions o;
  o.publish_endpoint = "ipc://" + (dir.path() / "pub").string();
  o.request_endpoint = "ipc://" + (dir.path() / "req").string();
  o.site = "test-site";
  o.meters = {"M-01"};
  o.heartbeat = kHeartbeat;
  auto publisher =
      Publisher::start(o, [&reader](const wire::HistoryRequest& r) { return reader->query(r); });

  zmq::context_t ctx;
  std::atomic<bool> done{false};
  std::mutex arrivals_mutex;
  std::vector<Clock::time_point> heartbeats, readings;
  std::thread subscriber([&] {
    zmq::socket_t sub(ctx, zmq::socket_type::sub);
    sub.set(zmq::sockopt::rcvtimeo, 20);
    sub.set(zmq::sockopt::subscribe, "");
    sub.connect(o.publish_endpoint);
    while (!done) {
      std::vector<zmq::message_t> frames;
      if (!zmq::recv_multipart(sub, std::back_inserter(frames)) || frames.size() != 2) continue;
      std::lock_guard lock(arrivals_mutex);
      (frames[0].to_string_view() == wire::kHeartbeatTopic ? heartbeats : readings)
          .push_back(Clock::now());
    }
  });
  std::thread meter([&] {  // a meter polled every 20 ms
    for (int i = 0; !done; ++i) {
      publisher->post(liveReading(i));
      std::this_thread::sleep_for(20ms);
    }
  });
  std::this_thread::sleep_for(3 * kHeartbeat);  // the SUB joins

  // Each client asks for 100 000 readings from its own start.
  std::vector<zmq::socket_t> clients;
  for (int k = 0; k < kClients; ++k) {
    clients.emplace_back(ctx, zmq::socket_type::dealer);
    clients.back().set(zmq::sockopt::rcvtimeo, 30'000);
    clients.back().connect(o.request_endpoint);
  }
  zmq::socket_t snapshot_client(ctx, zmq::socket_type::dealer);
  snapshot_client.set(zmq::sockopt::rcvtimeo, 5'000);
  snapshot_client.connect(o.request_endpoint);
  const auto from = [](int k) { return kFirst + TimeMs{k} * 200'000'000; };

  const Clock::time_point asked = Clock::now();
  for (int k = 0; k < kClients; ++k) {
    sendRequest(clients[k], wire::HistoryRequest{"M-01.p", from(k), from(k + 10), 100'000});
  }
  sendRequest(snapshot_client, wire::SnapshotRequest{});
  const wire::Reply snapshot = receiveReply(snapshot_client);
  const Clock::duration snapshot_wait = Clock::now() - asked;
  CHECK(std::holds_alternative<wire::SnapshotReply>(snapshot));

  for (int k = 0; k < kClients; ++k) {
    const wire::Reply reply = receiveReply(clients[k]);
    const auto* history = std::get_if<wire::HistoryReply>(&reply);
    REQUIRE(history);
    REQUIRE(history->samples.size() == 100'000);
    CHECK(history->truncated);
    CHECK(history->samples.front().t == from(k));  // this client's own request
  }
  const Clock::time_point answered = Clock::now();
  std::this_thread::sleep_for(2 * kHeartbeat);
  done = true;
  meter.join();
  subscriber.join();

  // The requests kept the worker busy for longer than the allowed gap: on the publisher
  // thread they would have held back heartbeats and readings.
  REQUIRE(answered - asked > 2 * kHeartbeat);
  CHECK(snapshot_wait <= 2 * kHeartbeat);  // not queued behind the history requests
  std::lock_guard lock(arrivals_mutex);
  CHECK(longestGap(heartbeats, asked, answered) <= 2 * kHeartbeat);
  CHECK(longestGap(readings, asked, answered) <= 2 * kHeartbeat);
}
