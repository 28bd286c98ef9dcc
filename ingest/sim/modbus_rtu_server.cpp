// The simulated RS-485 line (see modbus_rtu_server.h).
//
// Requests are framed here, not by modbus_receive(): libmodbus 3.1 drops every RTU request
// whose address is not the context's one slave id and then swallows the next frame as that
// other slave's answer, which on a line of several simulated meters is the next request.
// A read request is complete at 8 bytes; anything else ends at the line's 3.5-character
// silence (Modbus over serial line v1.02 §2.5.1.1). Answers still go out through
// modbus_reply(), with the context's slave id pointed at the addressed meter.
#include "modbus_rtu_server.h"

#include <sys/select.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace gt::sim {
namespace {

constexpr int kAddressOffset = 0;  // RTU ADU: address (1), function (1), data, CRC (2)
constexpr int kFunctionOffset = 1;
constexpr int kReadRequestLength = 8;  // address, function, start (2), count (2), CRC (2)

bool isRead(uint8_t function) {
  return function == MODBUS_FC_READ_HOLDING_REGISTERS || function == MODBUS_FC_READ_INPUT_REGISTERS;
}

// Waits until `fd` is readable: 1, 0 after `timeout`, -1 on error.
int waitReadable(int fd, std::chrono::microseconds timeout) {
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(fd, &readable);
  timeval tv{static_cast<time_t>(timeout.count() / 1'000'000),
             static_cast<suseconds_t>(timeout.count() % 1'000'000)};
  const int ready = select(fd + 1, &readable, nullptr, nullptr, &tv);
  if (ready < 0 && errno == EINTR) return 0;
  return ready;
}

}  // namespace

uint16_t modbusCrc16(const uint8_t* bytes, size_t length) {
  uint16_t crc = 0xFFFF;
  for (size_t i = 0; i < length; ++i) {
    crc ^= bytes[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1;
  }
  return crc;
}

ModbusRtuServer::ModbusRtuServer(uint64_t seed, Log log)
    : log_(std::move(log)), garbage_random_(seed) {}

std::unique_ptr<ModbusRtuServer> ModbusRtuServer::start(
    const SerialSettings& serial, const std::vector<size_t>& meters, const SitePhysics& physics,
    const FaultBoard& faults, const SimulatedClock& clock, uint64_t seed, Log log) {
  std::unique_ptr<ModbusRtuServer> server(
      new ModbusRtuServer(seed ^ std::hash<std::string>{}(serial.device), std::move(log)));
  // Modbus over serial line v1.02 §2.5.1.1: 3.5 characters, fixed at 1.75 ms above 19200
  // baud; never below 5 ms here, as a pty or a USB adapter may pause inside a frame.
  const int bits_per_char =
      1 + serial.data_bits + (serial.parity == 'N' ? 0 : 1) + serial.stop_bits;
  const auto gap = std::chrono::microseconds(
      serial.baud > 19200 ? 1750 : 3'500'000LL * bits_per_char / serial.baud + 1);
  server->frame_gap_ = std::max(gap, std::chrono::microseconds(5000));
  server->where_ = serial.device;
  server->units_ = std::make_unique<UnitRegisters>(meters, physics, faults, clock);
  server->ctx_.reset(modbus_new_rtu(serial.device.c_str(), serial.baud, serial.parity,
                                    serial.data_bits, serial.stop_bits));
  if (!server->ctx_) {
    throw std::runtime_error("cannot serve " + serial.device + ": " + modbus_strerror(errno));
  }
  if (modbus_connect(server->ctx_.get()) == -1) {
    throw std::runtime_error("cannot open serial port " + serial.device + ": " +
                             modbus_strerror(errno));
  }
  // Bytes written before the server started are no request to answer.
  modbus_flush(server->ctx_.get());
  server->thread_ = std::thread([s = server.get()] { s->serve(); });
  return server;
}

ModbusRtuServer::~ModbusRtuServer() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

int ModbusRtuServer::readFrame(uint8_t* frame, int capacity) {
  const int fd = modbus_get_socket(ctx_.get());
  const int ready = waitReadable(fd, std::chrono::milliseconds(100));  // to notice a stop
  if (ready <= 0) return ready;
  int length = 0;
  while (length < capacity) {
    const ssize_t n = read(fd, frame + length, static_cast<size_t>(capacity - length));
    if (n == 0) {
      errno = EIO;  // a pty whose other end closed reads as end of file
      return -1;
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    } else {
      length += static_cast<int>(n);
    }
    if (length >= kReadRequestLength && isRead(frame[kFunctionOffset])) break;
    const int more = waitReadable(fd, frame_gap_);
    if (more < 0) return -1;
    if (more == 0) break;  // the silence that ends a frame
  }
  return length;
}

void ModbusRtuServer::serve() {
  uint8_t frame[MODBUS_RTU_MAX_ADU_LENGTH];
  bool port_error_logged = false;
  while (!stopping_) {
    const int length = readFrame(frame, sizeof frame);
    if (length < 0) {
      // The other end of the line went away: keep listening, without spinning, for it to
      // come back.
      if (!port_error_logged) {
        log_(where_ + ": " + std::strerror(errno) + "; still listening");
        port_error_logged = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    port_error_logged = false;
    if (length > 0) answer(frame, length);
  }
}

void ModbusRtuServer::answer(const uint8_t* request, int length) {
  // Noise, a cut-off frame or a CRC error: a real meter stays silent and the poller times out.
  if (length < 4) return;
  const uint16_t crc = modbusCrc16(request, static_cast<size_t>(length - 2));
  if (request[length - 2] != (crc & 0xFF) || request[length - 1] != (crc >> 8)) return;
  const int unit = request[kAddressOffset];
  // Broadcasts (0) get no answer on RS-485; nor do unit ids of no meter on this line.
  if (!units_->has(unit)) return;
  const uint8_t function = request[kFunctionOffset];
  if (isRead(function) && length != kReadRequestLength) return;
  modbus_set_slave(ctx_.get(), unit);
  const MeterFault fault = units_->fault(unit);
  if (fault == MeterFault::Offline) return;  // silence: the poller times out
  if (fault == MeterFault::Garbage) {
    sendGarbage(request);
    return;
  }
  if (!isRead(function)) {
    modbus_reply_exception(ctx_.get(), request, MODBUS_EXCEPTION_ILLEGAL_FUNCTION);
    return;
  }
  modbus_reply(ctx_.get(), request, length, units_->refreshed(unit));
}

void ModbusRtuServer::sendFrame(std::vector<uint8_t> frame, bool good_crc) {
  uint16_t crc = modbusCrc16(frame.data(), frame.size());
  if (!good_crc) crc ^= static_cast<uint16_t>(1 + garbage_random_() % 0xFFFE);
  frame.push_back(static_cast<uint8_t>(crc & 0xFF));
  frame.push_back(static_cast<uint8_t>(crc >> 8));
  // A failed write only means the other end went away; serve() will notice.
  (void)write(modbus_get_socket(ctx_.get()), frame.data(), frame.size());
}

// Three kinds of rubbish a noisy RS-485 line or a failing meter produces: plain noise, an
// answer whose CRC does not match (a flipped bit), and a well-formed answer with the wrong
// number of registers.
void ModbusRtuServer::sendGarbage(const uint8_t* request) {
  const auto random_byte = [&] { return static_cast<uint8_t>(garbage_random_() & 0xFF); };
  const int asked = (request[4] << 8) | request[5];
  std::vector<uint8_t> frame{request[kAddressOffset], request[kFunctionOffset]};
  switch (garbage_random_() % 3) {
    case 0: {
      std::vector<uint8_t> noise(1 + garbage_random_() % 16);
      for (uint8_t& b : noise) b = random_byte();
      (void)write(modbus_get_socket(ctx_.get()), noise.data(), noise.size());
      return;
    }
    case 1: {
      frame.push_back(static_cast<uint8_t>(2 * asked));
      for (int i = 0; i < 2 * asked; ++i) frame.push_back(random_byte());
      sendFrame(std::move(frame), false);
      return;
    }
    default: {
      const int wrong = asked + 1;
      frame.push_back(static_cast<uint8_t>(2 * wrong));
      for (int i = 0; i < 2 * wrong; ++i) frame.push_back(random_byte());
      sendFrame(std::move(frame), true);
      return;
    }
  }
}

}  // namespace gt::sim
