// greentwin-sim's DL/T 645-2007 meters: the server on one end of a pty, the test writing raw
// frames on the other end as a poller would: addressing on a shared line, silence for other
// addresses and for broadcasts with several meters, abnormal replies and faults
// (ingest/sim/dlt645_server.h).
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "dlt645_server.h"
#include "greentwin/dlt645.h"
#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "pty_pair.h"
#include "simulated_clock.h"
#include "site_time.h"

namespace {

using gt::testing::answerTo;
using gt::testing::PtyPair;

std::vector<uint8_t> readRequest(const std::string& address, uint32_t di) {
  return gt::dlt645::encodeReadRequest(address, di).value();
}

std::string siteText(const std::string& device, int meters) {
  std::string text = R"(
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
  { name = "ep_imp", di = 0x00010000, unit = "kWh", kind = "cumulative" },
  { name = "ua", di = 0x02010100, unit = "V" },
  { name = "p", di = 0x02030000, unit = "kW" },
]
)";
  for (int i = 1; i <= meters; ++i) {
    text += "[[meter]]\nid = \"D-0" + std::to_string(i) +
            "\"\nenergy = \"electricity\"\nprotocol = \"dlt645\"\nserial = \"" + device +
            "\"\naddress = \"00000000010" + std::to_string(i) +
            "\"\ntemplate = \"dlt\"\nequipment = \"CNC-01\"\n";
  }
  return text;
}

struct Line {
  explicit Line(int meters)
      : site(gt::parseSiteConfig(siteText(pty.device, meters), "site.toml")),
        physics(site, 1),
        faults(ids(site)),
        clock(gt::sim::parseTimePoint("2026-06-02T10:00").value(), 1.0) {
    std::vector<size_t> all;
    for (size_t i = 0; i < site.meters.size(); ++i) all.push_back(i);
    server = gt::sim::Dlt645Server::start(site.meters.front(), all, physics, faults, clock, 1,
                                          [](const std::string&) {});
  }
  static std::vector<std::string> ids(const gt::SiteConfig& s) {
    std::vector<std::string> out;
    for (const gt::Meter& m : s.meters) out.push_back(m.id);
    return out;
  }
  PtyPair pty;
  gt::SiteConfig site;
  gt::sim::SitePhysics physics;
  gt::sim::FaultBoard faults;
  gt::sim::SimulatedClock clock;
  std::unique_ptr<gt::sim::Dlt645Server> server;
};

}  // namespace

TEST_CASE("each DL/T 645 meter on a line answers reads for its own address", "[sim][dlt645]") {
  Line line(2);
  for (const std::string address : {"000000000101", "000000000102"}) {
    const auto reply = answerTo(line.pty.master, readRequest(address, 0x02010100));
    const auto frame = gt::dlt645::decodeFrame(reply);
    REQUIRE(frame.ok());
    CHECK(frame.value().address == address);
    const auto ua = gt::dlt645::decodeReadReply(frame.value(), 0x02010100);
    REQUIRE(ua.ok());
    CHECK(ua.value() > 180.0);
    CHECK(ua.value() < 260.0);
  }
  const auto total = answerTo(line.pty.master, readRequest("000000000101", 0x00010000));
  const auto energy =
      gt::dlt645::decodeReadReply(gt::dlt645::decodeFrame(total).value(), 0x00010000);
  REQUIRE(energy.ok());
  CHECK(energy.value() > 0.0);
}

TEST_CASE("DL/T 645: silence for other addresses, shared-line broadcasts and noise",
          "[sim][dlt645]") {
  Line line(2);
  CHECK(answerTo(line.pty.master, readRequest("000000000103", 0x02010100)).empty());
  CHECK(answerTo(line.pty.master, readRequest("999999999999", 0x02010100)).empty());
  auto broken = readRequest("000000000101", 0x02010100);
  broken[broken.size() - 2] ^= 0x01;  // checksum
  CHECK(answerTo(line.pty.master, broken).empty());
  // Noise before a good request does not hide it.
  std::vector<uint8_t> noisy{0x00, 0x12, 0xFE};
  const auto good = readRequest("000000000102", 0x02010100);
  noisy.insert(noisy.end(), good.begin(), good.end());
  CHECK(gt::dlt645::decodeFrame(answerTo(line.pty.master, noisy)).ok());
}

TEST_CASE("DL/T 645: a lone meter answers broadcasts; unknown identifiers get an abnormal reply",
          "[sim][dlt645]") {
  Line line(1);
  const auto reply = answerTo(line.pty.master, readRequest("999999999999", 0x02030000));
  const auto frame = gt::dlt645::decodeFrame(reply);
  REQUIRE(frame.ok());
  CHECK(frame.value().address == "000000000101");
  CHECK(gt::dlt645::decodeReadReply(frame.value(), 0x02030000).ok());

  const auto refused =
      gt::dlt645::decodeFrame(answerTo(line.pty.master, readRequest("000000000101", 0x02800002)));
  REQUIRE(refused.ok());
  CHECK(refused.value().control == gt::dlt645::kControlReadAbnormal);
}

TEST_CASE("DL/T 645 meters go silent when offline and garble when faulty", "[sim][dlt645]") {
  Line line(2);
  REQUIRE(line.faults.set("D-01", gt::sim::MeterFault::Offline));
  CHECK(answerTo(line.pty.master, readRequest("000000000101", 0x02010100)).empty());
  CHECK_FALSE(answerTo(line.pty.master, readRequest("000000000102", 0x02010100)).empty());
  REQUIRE(line.faults.set("D-02", gt::sim::MeterFault::Garbage));
  for (int i = 0; i < 5; ++i) {
    const auto reply = answerTo(line.pty.master, readRequest("000000000102", 0x02010100));
    const auto frame = gt::dlt645::decodeFrame(reply);
    CHECK_FALSE((frame.ok() && gt::dlt645::decodeReadReply(frame.value(), 0x02010100).ok()));
  }
}
