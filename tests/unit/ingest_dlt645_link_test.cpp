// Dlt645Link against a scripted meter on the other end of a pty: values decoded, and each way
// a DL/T 645 read goes wrong mapped onto the same LinkError kinds the Modbus links use
// (ingest/src/dlt645_link.h).
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "dlt645_link.h"
#include "greentwin/dlt645.h"
#include "meter_poller.h"
#include "pty_pair.h"

using namespace std::chrono_literals;
using gt::ingest::Dlt645Link;
using gt::ingest::LinkErrorKind;
using gt::ingest::LinkTarget;
using gt::ingest::ValueRead;

namespace {

using gt::testing::PtyPair;

// Reads one request on the meter's end and writes `reply` (nothing when empty).
void meterAnswers(int fd, const std::vector<uint8_t>& reply) {
  std::vector<uint8_t> request;
  pollfd p{fd, POLLIN, 0};
  while (poll(&p, 1, 100) > 0) {
    uint8_t buffer[256];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    request.insert(request.end(), buffer, buffer + n);
  }
  REQUIRE(gt::dlt645::decodeFrame(request).ok());  // preamble and all
  if (!reply.empty()) REQUIRE(write(fd, reply.data(), reply.size()) == ssize_t(reply.size()));
}

}  // namespace

TEST_CASE("Dlt645Link reads values and maps failures onto LinkError kinds", "[ingest][dlt645]") {
  PtyPair pty;
  gt::Meter meter;
  meter.protocol = gt::Protocol::Dlt645;
  meter.serial.device = pty.device;
  meter.serial.baud = 2400;
  meter.serial.parity = 'E';
  Dlt645Link link(meter);
  CHECK(link.describe() == "dlt645 " + pty.device + " 2400 8E1");
  REQUIRE_FALSE(link.connect(1000ms).has_value());
  const LinkTarget target{1, 300ms};
  const std::string address = "000012345678";
  const auto read = [&](uint32_t di) {
    return std::async(std::launch::async, [&, di] {
      return link.readValue(target, ValueRead{address, di});
    });
  };

  auto ok = read(0x02010100);
  meterAnswers(pty.master, gt::dlt645::encodeReadReply(address, 0x02010100, 231.4).value());
  const auto value = ok.get();
  REQUIRE(value.ok());
  CHECK(value.value() == Approx(231.4));

  auto crc = read(0x02010100);
  auto broken = gt::dlt645::encodeReadReply(address, 0x02010100, 231.4).value();
  broken[broken.size() - 2] ^= 0x10;
  meterAnswers(pty.master, broken);
  const auto bad = crc.get();
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == LinkErrorKind::BadFrame);
  CHECK(bad.error().detail.find("checksum") != std::string::npos);

  auto refused = read(0x02800002);
  meterAnswers(pty.master, gt::dlt645::encodeAbnormalReply(address, 0x02).value());
  const auto abnormal = refused.get();
  REQUIRE_FALSE(abnormal.ok());
  CHECK(abnormal.error().kind == LinkErrorKind::Exception);
  CHECK(abnormal.error().exception == 2);

  auto stranger = read(0x02010100);
  meterAnswers(pty.master, gt::dlt645::encodeReadReply("000012345679", 0x02010100, 1.0).value());
  const auto other = stranger.get();
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().kind == LinkErrorKind::BadFrame);

  auto silent = read(0x02010100);
  meterAnswers(pty.master, {});
  const auto timeout = silent.get();
  REQUIRE_FALSE(timeout.ok());
  CHECK(timeout.error().kind == LinkErrorKind::Timeout);

  // Still usable after every failure.
  auto again = read(0x00010000);
  meterAnswers(pty.master, gt::dlt645::encodeReadReply(address, 0x00010000, 12345.67).value());
  const auto energy = again.get();
  REQUIRE(energy.ok());
  CHECK(energy.value() == Approx(12345.67));

  const auto registers = link.read(target, gt::ingest::RegisterRead{});
  REQUIRE_FALSE(registers.ok());
  CHECK(registers.error().kind == LinkErrorKind::BadFrame);
}

TEST_CASE("Dlt645Link over TCP reports a refused converter as a connection error",
          "[ingest][dlt645]") {
  gt::Meter meter;
  meter.protocol = gt::Protocol::Dlt645;
  meter.host = "127.0.0.1";
  meter.port = 1;  // nothing listens on port 1
  Dlt645Link link(meter);
  CHECK(link.describe() == "dlt645 127.0.0.1:1");
  const auto error = link.connect(500ms);
  REQUIRE(error.has_value());
  CHECK(error->kind == LinkErrorKind::Connection);
  CHECK_FALSE(link.connected());
}

namespace {

// Answers every data identifier with a fixed value, or refuses one.
class ValueLink final : public gt::ingest::MeterLink {
 public:
  std::string describe() const override { return "fake dlt645"; }
  bool connected() const override { return true; }
  std::optional<gt::ingest::LinkError> connect(std::chrono::milliseconds) override {
    return std::nullopt;
  }
  void close() noexcept override {}
  gt::ingest::ReadResult read(const LinkTarget&, const gt::ingest::RegisterRead&) override {
    FAIL("a DL/T 645 meter was asked for registers");
    return gt::ingest::LinkError{};
  }
  gt::ingest::ValueResult readValue(const LinkTarget&, const ValueRead& request) override {
    addresses.push_back(request.address);
    if (request.di == refuse) return gt::ingest::LinkError{LinkErrorKind::Exception, 2, "no"};
    return request.di == 0x02030000 ? 12.5 : 230.0;
  }
  std::vector<std::string> addresses;
  uint32_t refuse = 0xFFFFFFFF;
};

}  // namespace

TEST_CASE("MeterPoller reads a DL/T 645 meter one data identifier per point", "[ingest][dlt645]") {
  const gt::SiteConfig site = gt::parseSiteConfig(R"(
[site]
id = "t"
[[area]]
id = "hall"
[[equipment]]
id = "CNC-01"
area = "hall"
[[template]]
id = "dlt"
points = [
  { name = "ua", di = 0x02010100, unit = "V", min = 0, max = 500 },
  { name = "p", di = 0x02030000, unit = "kW" },
]
[[meter]]
id = "D-01"
energy = "electricity"
protocol = "dlt645"
host = "127.0.0.1"
port = 8899
address = "000000000101"
template = "dlt"
equipment = "CNC-01"
)",
                                                  "site.toml");
  gt::ingest::MeterPoller poller(site.meters.front());
  ValueLink link;
  const auto out = poller.poll(link);
  REQUIRE(out.ok());
  REQUIRE(out.batch.values.size() == 2);
  CHECK(out.batch.values[0].point == "D-01.ua");
  CHECK(out.batch.values[0].value == 230.0);
  CHECK(out.batch.values[1].value == 12.5);
  CHECK(out.batch.values[1].quality == 0);
  CHECK(link.addresses == std::vector<std::string>{"000000000101", "000000000101"});

  link.refuse = 0x02030000;
  const auto refused = poller.poll(link);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error->kind == LinkErrorKind::Exception);
  CHECK(refused.batch.values.size() == 1);
  CHECK(poller.counters().exceptions == 1);
  CHECK(poller.counters().polls_ok == 1);
}
