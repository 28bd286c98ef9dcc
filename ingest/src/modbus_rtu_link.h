// ModbusRtuLink: a MeterLink over Modbus RTU (libmodbus) on one serial port, i.e. one RS-485
// line shared by every meter on it. One request is on the wire at a time, and the line is
// left quiet for 3.5 character times between frames, as Modbus over serial line requires.
// modbus.h stays in the .cpp.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "greentwin/site_config.h"
#include "meter_link.h"

namespace gt::ingest {

class ModbusContext;

// Modbus over serial line v1.02 §2.5.1.1: the silent interval that ends an RTU frame,
// 3.5 character times, fixed at 1.75 ms above 19200 baud.
std::chrono::microseconds rtuFrameGap(const SerialSettings& serial);

class ModbusRtuLink final : public MeterLink {
 public:
  explicit ModbusRtuLink(SerialSettings serial);
  ~ModbusRtuLink() override;

  std::string describe() const override;  // "modbus-rtu /dev/ttyUSB0 9600 8N1"
  bool connected() const override;
  // Opens and configures the serial port; `timeout` is not used (opening a port does not wait).
  std::optional<LinkError> connect(std::chrono::milliseconds timeout) override;
  void close() noexcept override;
  ReadResult read(const LinkTarget& target, const RegisterRead& request) override;

 private:
  SerialSettings serial_;
  std::chrono::microseconds frame_gap_;
  std::unique_ptr<ModbusContext> ctx_;  // null while closed
  // The next request may start at this time: the previous frame's end plus the frame gap.
  std::chrono::steady_clock::time_point quiet_until_{};
};

}  // namespace gt::ingest
