// Simulated meters on one RS-485 line: a Modbus RTU server on a serial device (a real port, or
// one end of a pty pair for tests), answering for several unit ids the way the meters on a
// real line each answer for their own: a request for a unit id not on this line gets no
// answer at all. Answers functions 0x03 and 0x04 from UnitRegisters and applies the meters'
// faults (meter_faults.h). Serves in its own thread; owns the libmodbus context and the thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <modbus/modbus.h>

#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "simulated_clock.h"
#include "unit_registers.h"

namespace gt::sim {

// Modbus over serial line v1.02 §2.5.1.2: CRC-16 (polynomial 0xA001 reflected, initial
// 0xFFFF); on the wire its low byte goes first.
uint16_t modbusCrc16(const uint8_t* bytes, size_t length);

class ModbusRtuServer {
 public:
  using Log = std::function<void(const std::string&)>;

  // Opens `serial.device` with its framing and starts serving the meters with these indices
  // in `physics`. Throws std::runtime_error naming the device when it cannot be opened.
  // `physics`, `faults`, `clock` and `log` must outlive the server.
  static std::unique_ptr<ModbusRtuServer> start(
      const SerialSettings& serial, const std::vector<size_t>& meters, const SitePhysics& physics,
      const FaultBoard& faults, const SimulatedClock& clock, uint64_t seed, Log log);
  // Stops the thread (within about 100 ms) and closes the port.
  ~ModbusRtuServer();
  ModbusRtuServer(const ModbusRtuServer&) = delete;
  ModbusRtuServer& operator=(const ModbusRtuServer&) = delete;

 private:
  struct ModbusClose {
    void operator()(modbus_t* ctx) const noexcept {
      modbus_close(ctx);
      modbus_free(ctx);
    }
  };

  ModbusRtuServer(uint64_t seed, Log log);
  void serve();
  // One request frame into `frame`: its length, 0 when none came within 100 ms, -1 (errno
  // set) when the port failed.
  int readFrame(uint8_t* frame, int capacity);
  void answer(const uint8_t* request, int length);
  void sendGarbage(const uint8_t* request);
  void sendFrame(std::vector<uint8_t> frame, bool good_crc);

  Log log_;
  std::mt19937_64 garbage_random_;
  std::string where_;                          // "/dev/ttyUSB0", for messages
  std::chrono::microseconds frame_gap_{5000};  // the silence that ends a request frame
  std::unique_ptr<modbus_t, ModbusClose> ctx_;
  std::unique_ptr<UnitRegisters> units_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace gt::sim
