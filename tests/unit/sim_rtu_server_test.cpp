// greentwin-sim's RS-485 line: the RTU server on one end of a pty, the test writing raw RTU
// frames on the other end as a poller would: unit-id dispatch on one line, silence for unit
// ids that are not on it, and meter faults (ingest/sim/modbus_rtu_server.h).
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "modbus_rtu_server.h"
#include "pty_pair.h"
#include "simulated_clock.h"
#include "site_time.h"

namespace {

// A pty pair: the server opens the device end by name, the test holds the other end.
using gt::testing::PtyPair;

std::vector<uint8_t> readRequest(int unit, int function, int address, int count) {
  std::vector<uint8_t> frame{static_cast<uint8_t>(unit),         static_cast<uint8_t>(function),
                             static_cast<uint8_t>(address >> 8), static_cast<uint8_t>(address),
                             static_cast<uint8_t>(count >> 8),   static_cast<uint8_t>(count)};
  const uint16_t crc = gt::sim::modbusCrc16(frame.data(), frame.size());
  frame.push_back(static_cast<uint8_t>(crc & 0xFF));
  frame.push_back(static_cast<uint8_t>(crc >> 8));
  return frame;
}

// Everything that arrives until the line has been quiet for `quiet`.
std::vector<uint8_t> answerTo(int fd, const std::vector<uint8_t>& request,
                              std::chrono::milliseconds quiet = std::chrono::milliseconds(150)) {
  REQUIRE(write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::vector<uint8_t> out;
  pollfd p{fd, POLLIN, 0};
  while (poll(&p, 1, static_cast<int>(quiet.count())) > 0) {
    uint8_t buffer[512];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    out.insert(out.end(), buffer, buffer + n);
  }
  return out;
}

bool crcOk(const std::vector<uint8_t>& frame) {
  if (frame.size() < 4) return false;
  const uint16_t crc = gt::sim::modbusCrc16(frame.data(), frame.size() - 2);
  return frame[frame.size() - 2] == (crc & 0xFF) && frame.back() == (crc >> 8);
}

// The demo site's production-hall meters M-02 (unit 2, pm3-float) and M-03 (unit 3, pm3-int)
// moved onto one RS-485 line.
struct HallLine {
  HallLine()
      : site(gt::loadSiteConfig(std::string(GREENTWIN_SOURCE_DIR) + "/assets/demo/site.toml")),
        physics(site, 1),
        faults(ids(site)),
        clock(gt::sim::parseTimePoint("2026-06-02T10:00").value(), 1.0) {
    std::vector<size_t> meters;
    for (size_t i = 0; i < site.meters.size(); ++i) {
      if (site.meters[i].id == "M-02" || site.meters[i].id == "M-03") meters.push_back(i);
    }
    REQUIRE(meters.size() == 2);
    gt::SerialSettings serial;
    serial.device = pty.device;
    server = gt::sim::ModbusRtuServer::start(serial, meters, physics, faults, clock, 1,
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
  std::unique_ptr<gt::sim::ModbusRtuServer> server;
};

}  // namespace

TEST_CASE("the CRC is Modbus's CRC-16", "[sim][rtu]") {
  // Modbus over serial line v1.02 §6.2.2's example frame: 02 07 -> CRC 0x1241, sent 41 12.
  const uint8_t frame[] = {0x02, 0x07};
  CHECK(gt::sim::modbusCrc16(frame, 2) == 0x1241);
}

TEST_CASE("each meter on the line answers for its own unit id", "[sim][rtu]") {
  HallLine line;
  const auto m02 = answerTo(line.pty.master, readRequest(2, 0x03, 0x2006, 2));
  REQUIRE(m02.size() == 9);  // address, function, byte count, 4 bytes, CRC
  CHECK(m02[0] == 2);
  CHECK(m02[1] == 0x03);
  CHECK(m02[2] == 4);
  CHECK(crcOk(m02));
  const auto m03 = answerTo(line.pty.master, readRequest(3, 0x04, 0, 3));
  REQUIRE(m03.size() == 11);
  CHECK(m03[0] == 3);
  const int ua = (m03[3] << 8) | m03[4];  // 0.1 V
  CHECK(ua > 1800);
  CHECK(ua < 2600);
  CHECK(crcOk(m03));
}

TEST_CASE("unknown unit ids, broadcasts and bad CRCs get silence, as on RS-485", "[sim][rtu]") {
  HallLine line;
  CHECK(answerTo(line.pty.master, readRequest(9, 0x03, 0x2006, 2)).empty());
  CHECK(answerTo(line.pty.master, readRequest(0, 0x03, 0x2006, 2)).empty());
  auto corrupted = readRequest(2, 0x03, 0x2006, 2);
  corrupted.back() ^= 0x01;
  CHECK(answerTo(line.pty.master, corrupted).empty());
  CHECK(answerTo(line.pty.master, readRequest(2, 0x03, 0x2006, 2)).size() == 9);
}

TEST_CASE("faults on one meter leave its neighbour on the line answering", "[sim][rtu]") {
  HallLine line;
  REQUIRE(line.faults.set("M-03", gt::sim::MeterFault::Offline));
  CHECK(answerTo(line.pty.master, readRequest(3, 0x04, 0, 3)).empty());
  CHECK(answerTo(line.pty.master, readRequest(2, 0x03, 0x2006, 2)).size() == 9);

  REQUIRE(line.faults.set("M-03", gt::sim::MeterFault::Garbage));
  for (int i = 0; i < 6; ++i) {
    const auto rubbish = answerTo(line.pty.master, readRequest(3, 0x04, 0, 3));
    CHECK_FALSE(rubbish.empty());
    // Never a well-formed answer: a bad CRC, or a good one around the wrong byte count.
    CHECK((!crcOk(rubbish) || rubbish.size() != 11));
  }
  CHECK(answerTo(line.pty.master, readRequest(2, 0x03, 0x2006, 2)).size() == 9);
  line.faults.set("M-03", gt::sim::MeterFault::None);
  CHECK(answerTo(line.pty.master, readRequest(3, 0x04, 0, 3)).size() == 11);
}
