// A real libmodbus TCP server in the test and the real MeterPoller / ModbusTcpLink /
// GatewayChannel polling it: decoded canonical values, exception replies, and a communication
// fault that is raised when the server goes away and cleared when it comes back.
#include <catch2/catch.hpp>

#include <cmath>

#include "alarm_tracker.h"
#include "blocking_queue.h"
#include "gateway_channel.h"
#include "ingest_test_support.h"
#include "meter_poller.h"
#include "modbus_tcp_link.h"

using namespace gt;
using namespace gt::ingest;
using namespace std::chrono_literals;

namespace {
void setMeterValues(test::TestModbusServer& server, double kw, double wh, double raw_ua) {
  server.setHolding(0, kw, DataType::Float32, WordOrder::ABCD);
  server.setHolding(2, wh, DataType::UInt32, WordOrder::CDAB);
  server.setInput(0, raw_ua, DataType::UInt16, WordOrder::ABCD);
}

const wire::PointValue& valueOf(const wire::ReadingBatch& b, const std::string& point) {
  for (const auto& v : b.values) {
    if (v.point == point) return v;
  }
  FAIL("no value for " << point);
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("a poll decodes, scales and converts every point to canonical units", "[modbus]") {
  test::TempDir dir;
  test::TestModbusServer server;
  setMeterValues(server, 12.5, 123456, 2301);
  const SiteConfig site = test::testSite(server.port());
  MeterPoller poller(site.meters[0]);
  CHECK(poller.plan().reads.size() == 2);  // holding 0..3 and input 0

  ModbusTcpLink link("127.0.0.1", static_cast<uint16_t>(server.port()));
  REQUIRE_FALSE(link.connect(1000ms).has_value());
  const TimeMs before = nowUtcMs();
  const PollOutcome out = poller.poll(link);
  REQUIRE(out.ok());
  CHECK(out.batch.meter == "M-01");
  CHECK(out.batch.equipment == "CNC-01");
  CHECK(out.batch.area == "hall");
  REQUIRE(out.batch.values.size() == 3);
  // Each value names its template point by index too (the dispatcher's id lookup).
  REQUIRE(out.points.size() == 3);
  for (std::size_t k = 0; k < out.points.size(); ++k) {
    CHECK(out.batch.values[k].point == "M-01." + site.meters[0].tmpl->points[out.points[k]].name);
  }
  const auto& p = valueOf(out.batch, "M-01.p");
  CHECK(p.value == Approx(12.5));
  CHECK(p.unit == "kW");
  CHECK(p.quality == quality::kGood);
  CHECK(p.t >= before);
  CHECK(p.t <= nowUtcMs());
  const auto& e = valueOf(out.batch, "M-01.e");
  CHECK(e.value == Approx(123.456));  // Wh -> kWh
  CHECK(e.unit == "kWh");
  CHECK(valueOf(out.batch, "M-01.ua").value == Approx(230.1));
  CHECK(poller.counters().polls_ok == 1);

  // Out of range and regressed are flagged on the next poll.
  setMeterValues(server, 5000.0, 1000, 2301);
  const PollOutcome bad = poller.poll(link);
  REQUIRE(bad.ok());
  CHECK(valueOf(bad.batch, "M-01.p").quality == quality::kOutOfRange);
  CHECK(valueOf(bad.batch, "M-01.e").quality == quality::kRegressed);
  CHECK(bad.flags == (quality::kOutOfRange | quality::kRegressed));
  CHECK(bad.flagged.find("p out_of_range") != std::string::npos);
}

TEST_CASE("an exception reply is an Exception error, not a crash or a timeout", "[modbus]") {
  test::TestModbusServer server;
  ModbusTcpLink link("127.0.0.1", static_cast<uint16_t>(server.port()));
  REQUIRE_FALSE(link.connect(1000ms).has_value());
  const ReadResult r =
      link.read(LinkTarget{1, 500ms}, RegisterRead{RegisterFunction::Holding, 90, 20});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == LinkErrorKind::Exception);
  CHECK(r.error().exception == 2);
  CHECK(r.error().detail.find("illegal data address") != std::string::npos);
  // The link is still usable.
  CHECK(link.read(LinkTarget{1, 500ms}, RegisterRead{RegisterFunction::Holding, 0, 4}).ok());
}

TEST_CASE("nobody listening is a Connection error", "[modbus]") {
  int port = 0;
  {
    test::TestModbusServer server;
    port = server.port();
  }
  ModbusTcpLink link("127.0.0.1", static_cast<uint16_t>(port));
  const auto error = link.connect(500ms);
  REQUIRE(error.has_value());
  CHECK(error->kind == LinkErrorKind::Connection);
  CHECK_FALSE(link.connected());
}

TEST_CASE("server gone: comm fault after comm_fault_after polls; back: cleared", "[modbus]") {
  auto server = std::make_unique<test::TestModbusServer>();
  const int port = server->port();
  setMeterValues(*server, 1.0, 10, 2300);
  const SiteConfig site = test::testSite(port, 3, 100);

  BlockingQueue<PollReport> reports;
  std::vector<GatewayChannel::Member> members;
  members.push_back({0, std::make_unique<MeterPoller>(site.meters[0])});
  ChannelOptions options;
  options.reconnect_min = 50ms;
  options.reconnect_max = 200ms;
  options.meter_backoff_max = 300ms;
  GatewayChannel channel(
      "127.0.0.1:" + std::to_string(port),
      std::make_unique<ModbusTcpLink>("127.0.0.1", static_cast<uint16_t>(port)), std::move(members),
      [&](PollReport&& r) { reports.push(std::move(r)); }, options);
  AlarmTracker alarms({{"M-01", "CNC-01", "hall"}}, AlarmRules{3, 2, 5}, 1);
  std::vector<wire::AlarmEvent> events;
  int failed_polls = 0;
  auto pump = [&](auto until) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = reports.popUntil(std::chrono::steady_clock::now() + 100ms);
      if (!r) continue;
      const auto& out = r->outcome;
      auto e = out.ok() ? alarms.pollSucceeded(0, out.t, out.flags, out.flagged)
                        : alarms.pollFailed(0, out.t, out.error->detail);
      if (!out.ok()) ++failed_polls;
      events.insert(events.end(), e.begin(), e.end());
      if (until()) return true;
    }
    return false;
  };

  channel.start();
  REQUIRE(pump([&] { return alarms.online(0); }));
  CHECK(events.empty());

  server.reset();  // the gateway goes away
  failed_polls = 0;
  REQUIRE(pump([&] { return !events.empty(); }));
  CHECK(failed_polls == 3);
  REQUIRE(events.size() == 1);
  CHECK(events[0].code == AlarmCode::CommunicationFault);
  CHECK(events[0].state == AlarmState::Raised);
  CHECK_FALSE(alarms.online(0));

  server = std::make_unique<test::TestModbusServer>(port);  // back on the same port
  setMeterValues(*server, 1.0, 20, 2300);
  REQUIRE(pump([&] { return events.size() == 2; }));
  CHECK(events[1].state == AlarmState::Cleared);
  CHECK(events[1].id == events[0].id);
  CHECK(alarms.online(0));
  channel.stop();
}

TEST_CASE("a silent unit times out without stalling the next meter on the gateway", "[modbus]") {
  // The test server answers every unit; a unit that never answers is a link that drops the
  // request. Simulate it with a link whose reads to unit 66 time out.
  struct SilentUnitLink final : MeterLink {
    std::unique_ptr<ModbusTcpLink> inner;
    std::string describe() const override { return "silent-unit"; }
    bool connected() const override { return inner->connected(); }
    std::optional<LinkError> connect(std::chrono::milliseconds t) override {
      return inner->connect(t);
    }
    void close() noexcept override { inner->close(); }
    ReadResult read(const LinkTarget& target, const RegisterRead& request) override {
      if (target.unit_id == 66) {
        std::this_thread::sleep_for(target.timeout);
        return LinkError{LinkErrorKind::Timeout, 0, "no answer"};
      }
      return inner->read(target, request);
    }
  };
  test::TestModbusServer server;
  setMeterValues(server, 1.0, 10, 2300);
  SiteConfig site = test::testSite(server.port(), 3, 200);
  Meter dead = site.meters[0];
  dead.id = "M-66";
  dead.unit_id = 66;
  dead.timeout_ms = 150;
  site.meters.push_back(dead);

  auto link = std::make_unique<SilentUnitLink>();
  link->inner = std::make_unique<ModbusTcpLink>("127.0.0.1", static_cast<uint16_t>(server.port()));
  BlockingQueue<PollReport> reports;
  std::vector<GatewayChannel::Member> members;
  members.push_back({0, std::make_unique<MeterPoller>(site.meters[0])});
  members.push_back({1, std::make_unique<MeterPoller>(site.meters[1])});
  GatewayChannel channel("test", std::move(link), std::move(members),
                         [&](PollReport&& r) { reports.push(std::move(r)); });
  channel.start();
  std::this_thread::sleep_for(3s);
  channel.stop();
  int good = 0, timeouts = 0;
  while (auto r = reports.tryPop()) {
    if (r->meter == 0 && r->outcome.ok()) ++good;
    if (r->meter == 1 && !r->outcome.ok()) ++timeouts;
  }
  // 3 s at 200 ms: the live meter keeps its interval (about 15 polls) although its neighbour
  // costs 150 ms per try; the dead one goes on backoff after 3 failures.
  CHECK(good >= 13);
  CHECK(timeouts >= 3);
  CHECK(timeouts <= 7);
}
