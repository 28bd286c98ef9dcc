// Cjt188Link against a scripted meter on the other end of a pty: fields of one 901FH reply
// handed out as several values for one request, the bad-frame retry, and each way a read goes
// wrong mapped onto the LinkError kinds the other links use (ingest/src/cjt188_link.h).
#include <catch2/catch.hpp>

#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "cjt188_link.h"
#include "greentwin/cjt188.h"
#include "pty_pair.h"

using namespace std::chrono_literals;
using gt::ingest::Cjt188Link;
using gt::ingest::LinkErrorKind;
using gt::ingest::LinkTarget;
using gt::ingest::ValueRead;
namespace c = gt::cjt188;

namespace {

using gt::testing::PtyPair;
using Bytes = std::vector<uint8_t>;

const std::string kAddress = "00000012345678";

// Collects what arrives on the meter's end within `wait`; empty when nothing did.
Bytes received(int fd, std::chrono::milliseconds wait) {
  Bytes request;
  pollfd p{fd, POLLIN, 0};
  while (poll(&p, 1, static_cast<int>(request.empty() ? wait.count() : 50)) > 0) {
    uint8_t buffer[256];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    request.insert(request.end(), buffer, buffer + n);
  }
  return request;
}

// Reads one request and writes what `reply` makes of it (nothing when it returns empty).
void meterAnswers(int fd, const std::function<Bytes(const c::Frame&)>& reply) {
  const auto request = c::decodeFrame(received(fd, 1000ms));
  REQUIRE(request.ok());
  CHECK(request.value().control == c::kControlRead);
  const Bytes out = reply(request.value());
  if (!out.empty()) REQUIRE(write(fd, out.data(), out.size()) == ssize_t(out.size()));
}

c::MeteringData heatData(uint8_t ser) {
  c::MeteringData d;
  d.ser = ser;
  d.settlement_heat = 900.0;
  d.current_heat = 1234.5;
  d.heat_power = 42.25;
  d.flow_rate = 1.5;
  d.current_flow = 321.0;
  d.supply_temp = 70.5;
  d.return_temp = 50.25;
  d.working_hours = 100;
  d.real_time = "2026-06-02 10:15:00";
  return d;
}

// A normal reply echoing the request's sequence number.
Bytes goodReply(const c::Frame& request) {
  return c::encodeMeteringReply(c::kHeat, kAddress, heatData(request.data.at(2))).value();
}

}  // namespace

TEST_CASE("Cjt188Link hands out the fields of one reply and maps failures", "[ingest][cjt188]") {
  PtyPair pty;
  gt::Meter meter;
  meter.protocol = gt::Protocol::Cjt188;
  meter.serial.device = pty.device;
  meter.serial.baud = 2400;
  meter.serial.parity = 'E';
  Cjt188Link link(meter);
  CHECK(link.describe() == "cjt188 " + pty.device + " 2400 8E1");
  REQUIRE_FALSE(link.connect(1000ms).has_value());
  const LinkTarget target{1, 300ms};
  const auto read = [&](const std::string& field) {
    return std::async(std::launch::async, [&, field] {
      return link.readValue(target, ValueRead{kAddress, c::kDiMeteringData, field, c::kHeat});
    });
  };

  SECTION("one request serves every field once") {
    auto heat = read("current_heat");
    meterAnswers(pty.master, goodReply);
    const auto q = heat.get();
    REQUIRE(q.ok());
    CHECK(q.value() == Approx(1234.5));
    // The next fields come from the same reply: nothing goes on the wire.
    CHECK(read("heat_power").get().value() == Approx(42.25));
    CHECK(read("supply_temp").get().value() == Approx(70.5));
    CHECK(read("return_temp").get().value() == Approx(50.25));
    CHECK(received(pty.master, 100ms).empty());
    // A field asked for again starts the next poll: a new request.
    auto next = read("current_heat");
    meterAnswers(pty.master, goodReply);
    CHECK(next.get().ok());
  }

  SECTION("a field the meter type lacks is a bad frame") {
    auto valve = read("valve");
    meterAnswers(pty.master, goodReply);
    const auto r = valve.get();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == LinkErrorKind::BadFrame);
    CHECK(r.error().detail == "the reply of meter 00000012345678 carries no valve");
  }

  SECTION("a broken frame is retried once, then reported") {
    auto broken = [](const c::Frame& request) {
      Bytes b = goodReply(request);
      b[b.size() - 2] ^= 0x10;
      return b;
    };
    auto twice = read("current_heat");
    meterAnswers(pty.master, broken);
    meterAnswers(pty.master, broken);
    const auto bad = twice.get();
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == LinkErrorKind::BadFrame);
    CHECK(bad.error().detail.find("checksum") != std::string::npos);

    auto once = read("current_heat");
    meterAnswers(pty.master, broken);
    meterAnswers(pty.master, goodReply);
    CHECK(once.get().ok());
  }

  SECTION("a late reply (another sequence number) is a bad frame") {
    auto late = read("current_heat");
    const auto stale = [](const c::Frame& request) {
      return c::encodeMeteringReply(c::kHeat, kAddress,
                                    heatData(static_cast<uint8_t>(request.data.at(2) + 7)))
          .value();
    };
    meterAnswers(pty.master, stale);
    meterAnswers(pty.master, stale);
    const auto r = late.get();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == LinkErrorKind::BadFrame);
    CHECK(r.error().detail.find("a late reply") != std::string::npos);
  }

  SECTION("another meter, another type, an abnormal reply, silence") {
    auto stranger = read("current_heat");
    meterAnswers(pty.master, [](const c::Frame& request) {
      return c::encodeMeteringReply(c::kHeat, "00000012345679", heatData(request.data.at(2)))
          .value();
    });
    meterAnswers(pty.master, [](const c::Frame&) { return Bytes{}; });  // the retry: silence
    CHECK(stranger.get().error().kind == LinkErrorKind::Timeout);

    auto water = read("current_heat");
    meterAnswers(pty.master, [](const c::Frame& request) {
      c::MeteringData d;
      d.ser = request.data.at(2);
      d.current_flow = 1;
      d.settlement_flow = 1;
      return c::encodeMeteringReply(c::kColdWater, kAddress, d).value();
    });
    meterAnswers(pty.master, [](const c::Frame& request) {
      c::MeteringData d;
      d.ser = request.data.at(2);
      d.current_flow = 1;
      d.settlement_flow = 1;
      return c::encodeMeteringReply(c::kColdWater, kAddress, d).value();
    });
    const auto wrong_type = water.get();
    REQUIRE_FALSE(wrong_type.ok());
    CHECK(wrong_type.error().detail == "reply from a meter of type 10H, expected 20H");

    auto refused = read("current_heat");
    meterAnswers(pty.master, [](const c::Frame& request) {
      return c::encodeAbnormalReply(c::kHeat, kAddress, c::kDiMeteringData, request.data.at(2))
          .value();
    });
    const auto abnormal = refused.get();
    REQUIRE_FALSE(abnormal.ok());
    CHECK(abnormal.error().kind == LinkErrorKind::Exception);

    auto silent = read("current_heat");
    meterAnswers(pty.master, [](const c::Frame&) { return Bytes{}; });
    CHECK(silent.get().error().kind == LinkErrorKind::Timeout);
    CHECK(received(pty.master, 100ms).empty());  // silence is not retried

    auto again = read("current_heat");
    meterAnswers(pty.master, goodReply);
    CHECK(again.get().value() == Approx(1234.5));
  }

  const auto registers = link.read(target, gt::ingest::RegisterRead{});
  REQUIRE_FALSE(registers.ok());
  CHECK(registers.error().kind == LinkErrorKind::BadFrame);
}

TEST_CASE("Cjt188Link over TCP reports a refused converter as a connection error",
          "[ingest][cjt188]") {
  gt::Meter meter;
  meter.protocol = gt::Protocol::Cjt188;
  meter.host = "127.0.0.1";
  meter.port = 1;  // nothing listens on port 1
  Cjt188Link link(meter);
  CHECK(link.describe() == "cjt188 127.0.0.1:1");
  const auto error = link.connect(500ms);
  REQUIRE(error.has_value());
  CHECK(error->kind == LinkErrorKind::Connection);
  CHECK_FALSE(link.connected());
}
