// On-demand reads (issue 5): the whole daemon in-process, a real libmodbus TCP server and a real
// ZeroMQ DEALER. A `read` request polls the meter out of its schedule and gets the fresh
// readings back, which are also stored; an unknown meter, a gateway that refuses connections
// and one that never answers get error replies in bounded time, and a slow meter does not hold
// up the read of another.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "greentwin/messages.h"
#include "ingest_daemon.h"
#include "ingest_test_support.h"

using namespace gt;
using namespace gt::ingest;
using namespace std::chrono_literals;

namespace {
using Clock = std::chrono::steady_clock;

// A TCP port that accepts connections (the kernel's backlog does) and never answers: a gateway
// whose serial side is dead. Modbus requests to it time out.
class SilentGateway {
 public:
  SilentGateway() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 8) != 0) {
      throw std::runtime_error("cannot open the silent gateway");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentGateway() { ::close(fd_); }
  SilentGateway(const SilentGateway&) = delete;
  SilentGateway& operator=(const SilentGateway&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// The test site's M-01 on `port`, plus M-02 (same template) on `second_port`. A long interval
// keeps scheduled polls out of the way after the first one.
SiteConfig twoMeterSite(int port, int second_port) {
  const std::string text = test::siteText(port, 3, 60'000) + R"(
[[meter]]
id = "M-02"
energy = "electricity"
protocol = "modbus-tcp"
host = "127.0.0.1"
port = )" + std::to_string(second_port) +
                           R"(
unit_id = 7
template = "pm"
interval_ms = 60000
timeout_ms = 200
equipment = "CNC-01"
)";
  return parseSiteConfig(text, "test-site.toml");
}

// The daemon running in a thread for the test's scope.
class RunningDaemon {
 public:
  RunningDaemon(const SiteConfig& site, const test::TempDir& dir)
      : request_("ipc://" + (dir.path() / "req").string()) {
    DaemonOptions o;
    o.database = dir.path() / "readings.db";
    o.publish_endpoint = "ipc://" + (dir.path() / "pub").string();
    o.request_endpoint = request_;
    daemon_ = IngestDaemon::open(site, o);
    thread_ = std::thread([this] { daemon_->run(); });
  }
  ~RunningDaemon() {
    daemon_->requestStop();
    thread_.join();
  }
  RunningDaemon(const RunningDaemon&) = delete;
  RunningDaemon& operator=(const RunningDaemon&) = delete;
  const std::string& requestEndpoint() const { return request_; }

 private:
  std::string request_;
  std::unique_ptr<IngestDaemon> daemon_;
  std::thread thread_;
};

zmq::socket_t dealer(zmq::context_t& ctx, const std::string& endpoint) {
  zmq::socket_t s(ctx, zmq::socket_type::dealer);
  s.set(zmq::sockopt::rcvtimeo, 5000);
  s.set(zmq::sockopt::linger, 0);
  s.connect(endpoint);
  return s;
}

void send(zmq::socket_t& s, const wire::Request& request) {
  const std::string body = wire::encode(request);
  s.send(zmq::str_buffer(""), zmq::send_flags::sndmore);  // the REQ envelope
  s.send(zmq::buffer(body), zmq::send_flags::none);
}

wire::Reply receive(zmq::socket_t& s) {
  std::vector<zmq::message_t> frames;
  REQUIRE(zmq::recv_multipart(s, std::back_inserter(frames)));
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].size() == 0);
  auto reply = wire::decodeReply(frames[1].to_string_view());
  REQUIRE(reply);
  return *reply;
}

wire::Reply ask(zmq::socket_t& s, const wire::Request& request) {
  send(s, request);
  return receive(s);
}

std::string errorOf(const wire::Reply& reply) {
  REQUIRE(std::holds_alternative<wire::ErrorReply>(reply));
  return std::get<wire::ErrorReply>(reply).error;
}
}  // namespace

TEST_CASE("a read request polls the meter now, replies with the readings and stores them",
          "[read]") {
  test::TempDir dir;
  test::TestModbusServer server;
  SilentGateway silent;
  server.setHolding(0, 12.5, DataType::Float32, WordOrder::ABCD);
  const SiteConfig site = twoMeterSite(server.port(), silent.port());
  RunningDaemon daemon(site, dir);
  zmq::context_t ctx;
  zmq::socket_t client = dealer(ctx, daemon.requestEndpoint());

  // After the scheduled first poll: the read must bring the value set now, not a cached one.
  std::this_thread::sleep_for(300ms);
  server.setHolding(0, 21.75, DataType::Float32, WordOrder::ABCD);
  const TimeMs asked = nowUtcMs();
  const wire::Reply reply = ask(client, wire::ReadRequest{"M-01"});
  REQUIRE(std::holds_alternative<wire::ReadingBatch>(reply));
  const auto& batch = std::get<wire::ReadingBatch>(reply);
  CHECK(batch.meter == "M-01");
  CHECK(batch.area == "hall");
  REQUIRE(batch.values.size() == 3);
  const wire::PointValue& p = batch.values.at(0);
  CHECK(p.point == "M-01.p");
  CHECK(p.unit == "kW");
  CHECK(p.value == Approx(21.75));
  CHECK(p.quality == quality::kGood);
  CHECK(p.t >= asked);

  // Stored the normal way: history finds it once the writer has committed (batch_ms 50).
  bool stored = false;
  const auto deadline = Clock::now() + 3s;
  while (!stored && Clock::now() < deadline) {
    const wire::Reply h = ask(client, wire::HistoryRequest{"M-01.p", p.t, p.t + 1, 10});
    REQUIRE(std::holds_alternative<wire::HistoryReply>(h));
    const auto& samples = std::get<wire::HistoryReply>(h).samples;
    if (!samples.empty()) {
      CHECK(samples[0].value == Approx(21.75));
      stored = true;
    } else {
      std::this_thread::sleep_for(20ms);
    }
  }
  CHECK(stored);

  CHECK(errorOf(ask(client, wire::ReadRequest{"M-99"})).find("unknown meter") != std::string::npos);
}

TEST_CASE("a meter that never answers gets a timeout error without holding up another read",
          "[read]") {
  test::TempDir dir;
  test::TestModbusServer server;
  SilentGateway silent;
  server.setHolding(0, 3.5, DataType::Float32, WordOrder::ABCD);
  const SiteConfig site = twoMeterSite(server.port(), silent.port());
  RunningDaemon daemon(site, dir);
  zmq::context_t ctx;
  zmq::socket_t slow = dealer(ctx, daemon.requestEndpoint());
  zmq::socket_t fast = dealer(ctx, daemon.requestEndpoint());
  std::this_thread::sleep_for(300ms);  // past the first scheduled polls

  const auto start = Clock::now();
  send(slow, wire::ReadRequest{"M-02"});  // the silent gateway: a timeout_ms (200 ms) wait
  send(fast, wire::ReadRequest{"M-01"});
  const wire::Reply fast_reply = receive(fast);
  REQUIRE(std::holds_alternative<wire::ReadingBatch>(fast_reply));
  CHECK(std::get<wire::ReadingBatch>(fast_reply).values.at(0).value == Approx(3.5));
  const wire::Reply slow_reply = receive(slow);
  const auto elapsed = Clock::now() - start;
  CHECK(errorOf(slow_reply).find("meter did not answer: timeout") == 0);
  // Within the meter's timeout plus a margin, however the poll in progress overlapped.
  CHECK(elapsed < 2500ms);
}

TEST_CASE("a read of a meter whose gateway is offline gets an error within its timeout", "[read]") {
  test::TempDir dir;
  int offline_port = 0;
  {
    test::TestModbusServer gone;  // a free port, closed again: connections are refused
    offline_port = gone.port();
  }
  const SiteConfig site = test::testSite(offline_port, 3, 60'000);
  RunningDaemon daemon(site, dir);
  zmq::context_t ctx;
  zmq::socket_t client = dealer(ctx, daemon.requestEndpoint());

  for (int i = 0; i < 3; ++i) {  // the first while connecting, the others during backoff
    const auto start = Clock::now();
    const std::string error = errorOf(ask(client, wire::ReadRequest{"M-01"}));
    CHECK(error.find("meter did not answer: connection") == 0);
    CHECK(Clock::now() - start < 1500ms);
  }
}
