// Modbus RTU link over libmodbus: opens and configures the serial port and keeps the RS-485
// line's inter-frame silence; reads go through the shared session code (modbus_session.h).
#include "modbus_rtu_link.h"

#include <modbus.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "modbus_session.h"

namespace gt::ingest {

std::chrono::microseconds rtuFrameGap(const SerialSettings& serial) {
  if (serial.baud > 19200) return std::chrono::microseconds(1750);
  const int bits_per_char =
      1 + serial.data_bits + (serial.parity == 'N' ? 0 : 1) + serial.stop_bits;
  return std::chrono::microseconds(3'500'000LL * bits_per_char / serial.baud + 1);
}

ModbusRtuLink::ModbusRtuLink(SerialSettings serial)
    : serial_(std::move(serial)), frame_gap_(rtuFrameGap(serial_)) {}

ModbusRtuLink::~ModbusRtuLink() = default;

std::string ModbusRtuLink::describe() const {
  return "modbus-rtu " + serial_.device + " " + std::to_string(serial_.baud) + " " +
         std::to_string(serial_.data_bits) + serial_.parity + std::to_string(serial_.stop_bits);
}

bool ModbusRtuLink::connected() const {
  return ctx_ != nullptr;
}

std::optional<LinkError> ModbusRtuLink::connect(std::chrono::milliseconds /*timeout*/) {
  close();
  modbus_t* raw = modbus_new_rtu(serial_.device.c_str(), serial_.baud, serial_.parity,
                                 serial_.data_bits, serial_.stop_bits);
  if (raw == nullptr) {
    return LinkError{LinkErrorKind::Connection, 0,
                     "cannot set up serial port " + serial_.device + ": " + std::strerror(errno)};
  }
  auto owner = std::make_unique<ModbusContext>(raw);
  if (modbus_connect(raw) == -1) {
    const int err = errno;
    return LinkError{LinkErrorKind::Connection, 0,
                     "cannot open serial port " + serial_.device + ": " + modbus_strerror(err) +
                         (err == EACCES ? " (is the daemon's user in the dialout group?)" : "")};
  }
  // Adapters whose driver switches the RS-485 transceiver (TIOCSRS485) need RS-485 mode; most
  // USB adapters switch in hardware and ptys have no such mode, so a refusal is not an error.
  (void)modbus_rtu_set_serial_mode(raw, MODBUS_RTU_RS485);
  // Bytes left in the port's buffers from before (another program, a half-sent frame) would
  // corrupt the first answer.
  modbus_flush(raw);
  ctx_ = std::move(owner);
  quiet_until_ = std::chrono::steady_clock::now() + frame_gap_;
  return std::nullopt;
}

void ModbusRtuLink::close() noexcept {
  ctx_.reset();
}

ReadResult ModbusRtuLink::read(const LinkTarget& target, const RegisterRead& request) {
  if (!ctx_) return LinkError{LinkErrorKind::Connection, 0, "serial port is not open"};
  // A request sent sooner than 3.5 characters after the last frame would run into it for the
  // meters listening, and some meters need that long to release the line after answering.
  std::this_thread::sleep_until(quiet_until_);
  ReadResult result = readRegisters(ctx_->get(), target, request);
  quiet_until_ = std::chrono::steady_clock::now() + frame_gap_;
  if (!result.ok() && result.error().kind == LinkErrorKind::Connection) close();
  return result;
}

}  // namespace gt::ingest
