// Publisher over real ZeroMQ sockets: a SUB receives readings, alarms and heartbeats; REQ and
// DEALER clients get snapshot and history replies; garbage gets an error and the daemon keeps
// answering.
#include <catch2/catch.hpp>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "ingest_test_support.h"
#include "publisher.h"

using namespace gt;
using namespace gt::ingest;
using namespace std::chrono_literals;

namespace {
struct Endpoints {
  std::string pub, req;
  explicit Endpoints(const test::TempDir& dir)
      : pub("ipc://" + (dir.path() / "pub").string()),
        req("ipc://" + (dir.path() / "req").string()) {}
};

MeterUpdate update(double kw) {
  MeterUpdate u;
  u.state = wire::MeterState{"M-01", true, 1000};
  u.publish = true;
  u.batch.meter = "M-01";
  u.batch.equipment = "CNC-01";
  u.batch.area = "hall";
  u.batch.values.push_back(wire::PointValue{"M-01.p", "kW", 1000, kw, quality::kGood});
  return u;
}

std::unique_ptr<Publisher> startPublisher(const Endpoints& ep) {
  PublisherOptions o;
  o.publish_endpoint = ep.pub;
  o.request_endpoint = ep.req;
  o.site = "test-site";
  o.started = 42;
  o.meters = {"M-01", "M-02"};
  o.heartbeat = 100ms;
  return Publisher::start(
      o, [](const wire::HistoryRequest& r) -> std::variant<wire::HistoryReply, wire::ErrorReply> {
        if (r.point != "M-01.p") return wire::ErrorReply{"unknown point"};
        wire::HistoryReply reply;
        reply.point = r.point;
        reply.unit = "kW";
        reply.samples = {{r.from, 1.5, 0}, {r.from + 1, 2.5, 0}};
        return reply;
      });
}

wire::Reply ask(zmq::socket_t& req, const std::string& body) {
  req.send(zmq::buffer(body), zmq::send_flags::none);
  zmq::message_t reply;
  REQUIRE(req.recv(reply, zmq::recv_flags::none));
  auto decoded = wire::decodeReply(reply.to_string_view());
  REQUIRE(decoded.has_value());
  return *decoded;
}
}  // namespace

TEST_CASE("a SUB socket receives readings, alarms and heartbeats", "[publisher]") {
  test::TempDir dir;
  Endpoints ep(dir);
  auto publisher = startPublisher(ep);
  zmq::context_t ctx;
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  sub.set(zmq::sockopt::rcvtimeo, 200);
  sub.set(zmq::sockopt::subscribe, "");
  sub.connect(ep.pub);

  bool batch = false, alarm = false, heartbeat = false;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!(batch && alarm && heartbeat) && std::chrono::steady_clock::now() < deadline) {
    if (!batch || !alarm) {  // repeated: a SUB misses what is sent before it joins
      publisher->post(update(18.4));
      publisher->post(wire::AlarmEvent{9, "M-01", "CNC-01", "hall", AlarmCode::MeterFault,
                                       AlarmState::Raised, 1000, "test"});
    }
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(sub, std::back_inserter(frames))) continue;
    REQUIRE(frames.size() == 2);
    const std::string topic = frames[0].to_string();
    if (topic == "heartbeat") {
      auto hb = wire::decodeHeartbeat(frames[1].to_string_view());
      REQUIRE(hb);
      CHECK(hb->started == 42);
      CHECK(hb->site == "test-site");
      heartbeat = true;
    } else if (topic == wire::readingTopic("hall", "M-01")) {
      auto b = wire::decodeReadingBatch(frames[1].to_string_view());
      REQUIRE(b);
      REQUIRE(b->values.size() == 1);
      CHECK(b->values[0].value == 18.4);
      batch = true;
    } else if (topic == wire::alarmTopic("hall", "M-01")) {
      auto a = wire::decodeAlarmEvent(frames[1].to_string_view());
      REQUIRE(a);
      CHECK(a->id == 9);
      alarm = true;
    }
  }
  CHECK(batch);
  CHECK(alarm);
  CHECK(heartbeat);
}

TEST_CASE("REQ gets snapshot and history; garbage gets an error and service goes on",
          "[publisher]") {
  test::TempDir dir;
  Endpoints ep(dir);
  auto publisher = startPublisher(ep);
  publisher->post(update(7.0));
  publisher->post(wire::AlarmEvent{3, "M-01", "CNC-01", "hall", AlarmCode::CommunicationFault,
                                   AlarmState::Raised, 900, "raised"});
  publisher->post(wire::AlarmEvent{4, "M-01", "CNC-01", "hall", AlarmCode::MeterFault,
                                   AlarmState::Raised, 900, "raised"});
  publisher->post(wire::AlarmEvent{3, "M-01", "CNC-01", "hall", AlarmCode::CommunicationFault,
                                   AlarmState::Cleared, 950, "cleared"});
  std::this_thread::sleep_for(100ms);  // let the publisher thread take the posts

  zmq::context_t ctx;
  zmq::socket_t req(ctx, zmq::socket_type::req);
  req.set(zmq::sockopt::rcvtimeo, 2000);
  req.connect(ep.req);

  wire::Reply reply = ask(req, wire::encode(wire::Request{wire::SnapshotRequest{}}));
  REQUIRE(std::holds_alternative<wire::SnapshotReply>(reply));
  const auto& snap = std::get<wire::SnapshotReply>(reply);
  CHECK(snap.site == "test-site");
  CHECK(snap.started == 42);
  REQUIRE(snap.latest.size() == 1);
  CHECK(snap.latest[0].values.at(0).value == 7.0);
  REQUIRE(snap.alarms.size() == 1);
  CHECK(snap.alarms[0].id == 4);
  REQUIRE(snap.meters.size() == 2);
  CHECK(snap.meters[0].meter == "M-01");
  CHECK(snap.meters[0].online);
  CHECK(snap.meters[1].meter == "M-02");
  CHECK_FALSE(snap.meters[1].online);

  reply = ask(req, wire::encode(wire::Request{wire::HistoryRequest{"M-01.p", 100, 200, 10}}));
  REQUIRE(std::holds_alternative<wire::HistoryReply>(reply));
  CHECK(std::get<wire::HistoryReply>(reply).samples.size() == 2);

  for (const std::string& garbage :
       {std::string("garbage"), std::string(), std::string("\x81\xa1v\x07", 4)}) {
    reply = ask(req, garbage);
    CHECK(std::holds_alternative<wire::ErrorReply>(reply));
  }
  reply = ask(req, wire::encode(wire::Request{wire::HistoryRequest{"M-77.q", 100, 200, 10}}));
  CHECK(std::holds_alternative<wire::ErrorReply>(reply));
  reply = ask(req, wire::encode(wire::Request{wire::SnapshotRequest{}}));
  CHECK(std::holds_alternative<wire::SnapshotReply>(reply));
}

TEST_CASE("a DEALER client gets its envelope back", "[publisher]") {
  test::TempDir dir;
  Endpoints ep(dir);
  auto publisher = startPublisher(ep);
  zmq::context_t ctx;
  zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
  dealer.set(zmq::sockopt::rcvtimeo, 2000);
  dealer.connect(ep.req);
  const std::string body = wire::encode(wire::Request{wire::SnapshotRequest{}});
  dealer.send(zmq::str_buffer(""), zmq::send_flags::sndmore);
  dealer.send(zmq::buffer(body), zmq::send_flags::none);
  std::vector<zmq::message_t> frames;
  REQUIRE(zmq::recv_multipart(dealer, std::back_inserter(frames)));
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].size() == 0);
  auto reply = wire::decodeReply(frames[1].to_string_view());
  REQUIRE(reply);
  CHECK(std::holds_alternative<wire::SnapshotReply>(*reply));
}
