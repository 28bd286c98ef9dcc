// ModbusRtuLink on one end of a pty, the test playing the meters on the other end with raw RTU
// frames: good answers, CRC errors and answers from the wrong unit (bad frames), exception
// replies, silence (timeouts), the inter-frame gap, and a serial port that is not there.
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "modbus_rtu_link.h"

using namespace gt;
using namespace gt::ingest;
using namespace std::chrono_literals;

namespace {

uint16_t crc16(const std::vector<uint8_t>& bytes) {
  uint16_t crc = 0xFFFF;
  for (uint8_t b : bytes) {
    crc ^= b;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1;
  }
  return crc;
}

std::vector<uint8_t> withCrc(std::vector<uint8_t> frame) {
  const uint16_t crc = crc16(frame);
  frame.push_back(static_cast<uint8_t>(crc & 0xFF));
  frame.push_back(static_cast<uint8_t>(crc >> 8));
  return frame;
}

// A read answer of `count` registers holding 0x0101, 0x0202, ... from `unit`.
std::vector<uint8_t> readAnswer(uint8_t unit, uint8_t function, int count) {
  std::vector<uint8_t> frame{unit, function, static_cast<uint8_t>(2 * count)};
  for (int i = 1; i <= count; ++i) {
    frame.push_back(static_cast<uint8_t>(i));
    frame.push_back(static_cast<uint8_t>(i));
  }
  return withCrc(frame);
}

// The meter side of the line: answers each 8-byte request with what `reply` returns (nothing:
// silence), in its own thread.
class ScriptedLine {
 public:
  using Reply = std::function<std::vector<uint8_t>(const std::vector<uint8_t>& request)>;

  explicit ScriptedLine(Reply reply) : reply_(std::move(reply)) {
    char name[256];
    REQUIRE(openpty(&master_, &device_fd_, name, nullptr, nullptr) == 0);
    device_ = name;
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedLine() {
    stopping_ = true;
    thread_.join();
    close(master_);
    close(device_fd_);
  }
  ScriptedLine(const ScriptedLine&) = delete;
  ScriptedLine& operator=(const ScriptedLine&) = delete;

  SerialSettings serial(int baud = 9600) const {
    SerialSettings s;
    s.device = device_;
    s.baud = baud;
    return s;
  }
  // Shortest silence seen between an answer and the next request.
  std::chrono::microseconds shortestGap() const { return shortest_gap_.load(); }

 private:
  void serve() {
    std::vector<uint8_t> request;
    std::chrono::steady_clock::time_point answered{};
    while (!stopping_) {
      pollfd p{master_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      uint8_t byte = 0;
      if (read(master_, &byte, 1) != 1) continue;
      if (request.empty() && answered != std::chrono::steady_clock::time_point{}) {
        const auto gap = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - answered);
        if (gap < shortest_gap_.load()) shortest_gap_ = gap;
      }
      request.push_back(byte);
      if (request.size() < 8) continue;
      const std::vector<uint8_t> answer = reply_(request);
      // Catch2 assertions are not for other threads; a failed write shows as a failed read.
      if (!answer.empty()) (void)write(master_, answer.data(), answer.size());
      answered = std::chrono::steady_clock::now();
      request.clear();
    }
  }

  Reply reply_;
  int master_ = -1, device_fd_ = -1;
  std::string device_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::chrono::microseconds> shortest_gap_{std::chrono::microseconds::max()};
  std::thread thread_;
};

const RegisterRead kTwoHolding{RegisterFunction::Holding, 10, 2};

}  // namespace

TEST_CASE("the RTU frame gap is 3.5 characters, 1.75 ms above 19200 baud", "[modbus][rtu]") {
  SerialSettings s;
  s.baud = 9600;  // 8N1: 10 bits a character
  CHECK(rtuFrameGap(s).count() == Approx(3646).margin(2));
  s.parity = 'E';  // 11 bits
  CHECK(rtuFrameGap(s).count() == Approx(4010).margin(2));
  s.baud = 115200;
  CHECK(rtuFrameGap(s).count() == 1750);
}

TEST_CASE("an RTU read returns the addressed meter's registers", "[modbus][rtu]") {
  ScriptedLine line([](const std::vector<uint8_t>& req) {
    return readAnswer(req[0], req[1], (req[4] << 8) | req[5]);
  });
  ModbusRtuLink link(line.serial());
  CHECK(link.describe() == "modbus-rtu " + line.serial().device + " 9600 8N1");
  REQUIRE_FALSE(link.connect(1000ms).has_value());
  for (int unit : {1, 2, 247}) {
    const ReadResult r = link.read(LinkTarget{unit, 500ms}, kTwoHolding);
    REQUIRE(r.ok());
    CHECK(r.registers() == std::vector<uint16_t>{0x0101, 0x0202});
  }
  CHECK(line.shortestGap() >= rtuFrameGap(line.serial()));
}

TEST_CASE("RTU CRC errors and wrong units are bad frames; the line stays usable", "[modbus][rtu]") {
  std::atomic<int> calls{0};
  ScriptedLine line([&](const std::vector<uint8_t>& req) {
    std::vector<uint8_t> answer = readAnswer(req[0], req[1], 2);
    switch (calls++) {
      case 0:
        answer[4] ^= 0x40;  // a bit flipped on the line
        return answer;
      case 1:
        return readAnswer(static_cast<uint8_t>(req[0] + 1), req[1], 2);  // someone else
      case 2:
        return withCrc({req[0], static_cast<uint8_t>(req[1] | 0x80), 0x02});
      case 3:
        return std::vector<uint8_t>{};
      default:
        return answer;
    }
  });
  ModbusRtuLink link(line.serial());
  REQUIRE_FALSE(link.connect(1000ms).has_value());

  const ReadResult crc = link.read(LinkTarget{1, 300ms}, kTwoHolding);
  REQUIRE_FALSE(crc.ok());
  CHECK(crc.error().kind == LinkErrorKind::BadFrame);

  const ReadResult stranger = link.read(LinkTarget{1, 300ms}, kTwoHolding);
  REQUIRE_FALSE(stranger.ok());
  CHECK(stranger.error().kind == LinkErrorKind::BadFrame);

  const ReadResult exception = link.read(LinkTarget{1, 300ms}, kTwoHolding);
  REQUIRE_FALSE(exception.ok());
  CHECK(exception.error().kind == LinkErrorKind::Exception);
  CHECK(exception.error().exception == 2);

  const auto before = std::chrono::steady_clock::now();
  const ReadResult silent = link.read(LinkTarget{1, 300ms}, kTwoHolding);
  REQUIRE_FALSE(silent.ok());
  CHECK(silent.error().kind == LinkErrorKind::Timeout);
  CHECK(std::chrono::steady_clock::now() - before >= 250ms);

  CHECK(link.connected());
  CHECK(link.read(LinkTarget{1, 300ms}, kTwoHolding).ok());
}

TEST_CASE("a serial port that is not there is a Connection error naming it", "[modbus][rtu]") {
  SerialSettings s;
  s.device = "/dev/greentwin-no-such-port";
  ModbusRtuLink link(s);
  const auto error = link.connect(500ms);
  REQUIRE(error.has_value());
  CHECK(error->kind == LinkErrorKind::Connection);
  CHECK(error->detail.find("/dev/greentwin-no-such-port") != std::string::npos);
  CHECK_FALSE(link.connected());
}
