// LiveFeed against a fake daemon on loopback (a real PUB and a real ROUTER): it asks for a
// snapshot with the REQ-style envelope, applies the reply, the readings and the heartbeats,
// and asks again when a heartbeat says the daemon restarted.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "live_feed.h"
#include "twin_state.h"

namespace wire = gt::wire;
using namespace std::chrono_literals;

namespace {

struct FakeDaemon {
  zmq::context_t context{1};
  zmq::socket_t pub{context, zmq::socket_type::pub};
  zmq::socket_t router{context, zmq::socket_type::router};
  gt::IngestSettings endpoints;

  FakeDaemon() {
    pub.set(zmq::sockopt::linger, 0);
    router.set(zmq::sockopt::linger, 0);
    pub.bind("tcp://127.0.0.1:*");
    router.bind("tcp://127.0.0.1:*");
    endpoints.publish = pub.get(zmq::sockopt::last_endpoint);
    endpoints.request = router.get(zmq::sockopt::last_endpoint);
  }

  // Waits for one request; returns its frames (identity, delimiter, body) or empty.
  std::vector<zmq::message_t> receiveRequest(std::chrono::milliseconds timeout) {
    router.set(zmq::sockopt::rcvtimeo, static_cast<int>(timeout.count()));
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(router, std::back_inserter(frames))) frames.clear();
    return frames;
  }

  void reply(const zmq::message_t& identity, const wire::Reply& body) {
    const std::string encoded = wire::encode(body);
    std::vector<zmq::const_buffer> frames{zmq::buffer(identity.data(), identity.size()),
                                          zmq::const_buffer(nullptr, 0),
                                          zmq::buffer(encoded.data(), encoded.size())};
    zmq::send_multipart(router, frames);
  }

  void publish(const std::string& topic, const std::string& body) {
    std::vector<zmq::const_buffer> frames{zmq::buffer(topic.data(), topic.size()),
                                          zmq::buffer(body.data(), body.size())};
    zmq::send_multipart(pub, frames);
  }
};

// Repeats `step` until `done` holds or 5 s pass (subscriptions take a moment to arrive).
bool eventually(
    const std::function<bool()>& done, const std::function<void()>& step = [] {}) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    step();
    if (done()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

wire::SnapshotReply snapshotReply(gt::TimeMs started, double power) {
  wire::SnapshotReply r;
  r.t = 1000;
  r.started = started;
  r.site = "demo";
  wire::ReadingBatch batch;
  batch.meter = "M-02";
  batch.equipment = "CNC-01";
  batch.area = "machining";
  batch.values.push_back({"M-02.p", "kW", 900, power, gt::quality::kGood});
  r.latest.push_back(batch);
  r.meters.push_back({"M-02", true, 900});
  return r;
}

}  // namespace

TEST_CASE("the live feed asks for a snapshot, applies it and follows the daemon") {
  FakeDaemon daemon;
  gt::twin::TwinState state;
  auto feed = gt::twin::LiveFeed::start(daemon.endpoints, state);

  // 1. The snapshot request arrives with an empty delimiter before the body.
  auto request = daemon.receiveRequest(3000ms);
  REQUIRE(request.size() == 3);
  CHECK(request[1].size() == 0);
  auto decoded = wire::decodeRequest(request[2].to_string_view());
  REQUIRE(decoded);
  CHECK(std::holds_alternative<wire::SnapshotRequest>(*decoded));
  daemon.reply(request[0], snapshotReply(111, 18.4));
  REQUIRE(eventually([&] { return state.hasSnapshot(); }));
  CHECK(state.snapshot().points.at("M-02.p").value == Approx(18.4));
  CHECK(state.snapshot().daemon_started == 111);

  // 2. Heartbeats and readings from the PUB socket.
  wire::Heartbeat heartbeat{2000, 111, "demo"};
  wire::ReadingBatch batch;
  batch.meter = "M-02";
  batch.equipment = "CNC-01";
  batch.area = "machining";
  batch.values.push_back({"M-02.p", "kW", 2000, 21.5, gt::quality::kGood});
  REQUIRE(eventually(
      [&] {
        const auto snap = state.snapshot();
        return snap.last_heartbeat_ms != 0 && snap.points.at("M-02.p").value == 21.5;
      },
      [&] {
        daemon.publish(std::string(wire::kHeartbeatTopic), wire::encode(heartbeat));
        daemon.publish(wire::readingTopic("machining", "M-02"), wire::encode(batch));
      }));

  // 2b. The daemon's KPIs are kept whole, the newest replacing the older.
  wire::KpiUpdate kpi;
  kpi.t = 2500;
  kpi.site = "demo";
  kpi.day = "2026-11-23";
  wire::KpiFigure energy_day;
  energy_day.id = "energy_day";
  energy_day.unit = "tce";
  energy_day.value = 4.916;
  energy_day.budget = 10;
  energy_day.ratio = 0.4916;
  energy_day.status = "ok";
  kpi.figures.push_back(energy_day);
  REQUIRE(eventually([&] { return state.snapshot().kpi.has_value(); },
                     [&] { daemon.publish(std::string(wire::kKpiTopic), wire::encode(kpi)); }));
  CHECK(state.snapshot().kpi->figures.at(0).value == Approx(4.916));
  kpi.t = 2000;  // an older update arriving late does not roll the panel back
  kpi.figures[0].value = 1.0;
  state.apply(kpi);
  CHECK(state.snapshot().kpi->figures.at(0).value == Approx(4.916));

  // 3. Garbage is counted, not applied.
  daemon.publish(wire::readingTopic("machining", "M-02"), "not msgpack");
  REQUIRE(eventually([&] { return state.snapshot().rejected_messages > 0; }));

  // 4. A heartbeat with a new `started` makes the feed ask for a snapshot again.
  wire::Heartbeat restarted{3000, 222, "demo"};
  daemon.publish(std::string(wire::kHeartbeatTopic), wire::encode(restarted));
  auto again = daemon.receiveRequest(3000ms);
  REQUIRE(again.size() == 3);
  daemon.reply(again[0], snapshotReply(222, 5.0));
  REQUIRE(eventually([&] { return state.snapshot().daemon_started == 222; }));
}

TEST_CASE("a malformed endpoint is reported, a missing daemon is not an error") {
  gt::twin::TwinState state;
  gt::IngestSettings bad;
  bad.publish = "nonsense";
  CHECK_THROWS_WITH(gt::twin::LiveFeed::start(bad, state),
                    Catch::Contains("ingest.publish") && Catch::Contains("nonsense"));

  gt::IngestSettings absent;
  absent.publish = "tcp://127.0.0.1:1";
  absent.request = "tcp://127.0.0.1:1";
  auto feed = gt::twin::LiveFeed::start(absent, state);
  REQUIRE(eventually([&] { return state.snapshot().listening_since_ms != 0; }));
  CHECK_FALSE(state.hasSnapshot());
  feed.reset();  // stops promptly
}
