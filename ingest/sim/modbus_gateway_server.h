// A simulated Modbus TCP gateway: one listening port with several meters behind it, told apart
// by the unit id in each request's MBAP header (libmodbus' TCP server ignores unit ids, so this
// server dispatches itself). Answers functions 0x03 and 0x04 from each meter's register image
// (UnitRegisters: refreshed from the plant simulation at the simulated time of the request);
// an unknown unit id gets exception 0x0B (gateway target failed to respond), as a real gateway
// would. Applies the meters' faults (meter_faults.h). Serves several clients at once with
// select(), in its own thread; owns the libmodbus context, the sockets and the thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <modbus/modbus.h>

#include "greentwin/scoped_fd.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "simulated_clock.h"
#include "unit_registers.h"

namespace gt::sim {

class ModbusGatewayServer {
 public:
  using Log = std::function<void(const std::string&)>;

  // Listens on host:port (an IPv4 address) and starts serving the meters with these indices
  // in `physics`. Throws std::runtime_error naming host:port when it cannot listen (port in
  // use, bad address). `physics`, `faults`, `clock` and `log` must outlive the server.
  static std::unique_ptr<ModbusGatewayServer> start(const std::string& host, uint16_t port,
                                                    const std::vector<size_t>& meters,
                                                    const SitePhysics& physics,
                                                    const FaultBoard& faults,
                                                    const SimulatedClock& clock, uint64_t seed,
                                                    Log log);
  // Stops the thread (within about 100 ms) and closes every socket.
  ~ModbusGatewayServer();
  ModbusGatewayServer(const ModbusGatewayServer&) = delete;
  ModbusGatewayServer& operator=(const ModbusGatewayServer&) = delete;

 private:
  struct ModbusFree {
    void operator()(modbus_t* ctx) const noexcept { modbus_free(ctx); }
  };

  ModbusGatewayServer(uint64_t seed, Log log);
  void serve();
  void answer(int fd, const uint8_t* request, int length);
  void sendGarbage(int fd, const uint8_t* request);

  Log log_;
  std::mt19937_64 garbage_random_;
  std::string where_;  // "127.0.0.1:15021", for messages
  std::unique_ptr<modbus_t, ModbusFree> ctx_;
  ScopedFd listener_;
  std::map<int, ScopedFd> clients_;  // by descriptor, for select()
  std::unique_ptr<UnitRegisters> units_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace gt::sim
