// Simulated CJ/T 188-2004 water, gas and heat meters on one serial line (a real port, or one
// end of a pty pair for tests) or behind one serial-to-Ethernet converter (a TCP port). Reads
// request frames (the 0xFE wake-up bytes and line noise skipped), answers 901FH reads with the
// full metering-data reply of each meter's type, and stays silent for addresses not on the line.
// A wildcard address is answered only when one meter is on the line.
//
// Values: a field a template point names and the plant model knows (a water meter's "total" in
// m3) comes from the same physics as the Modbus meters, faults included; every other field
// follows this server's own smooth model: volumes and heat that only grow (a daily swing around
// a per-meter mean, integrated exactly from 2020, so restarts continue), a weather-compensated
// supply temperature, a return temperature 20 K below. Offline, garbage and stuck faults apply
// to the whole reply. Serves in the thread of its FramedServer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "faulted_values.h"
#include "framed_server.h"
#include "greentwin/cjt188.h"
#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "simulated_clock.h"

namespace gt::sim {

class Cjt188Server {
 public:
  using Log = std::function<void(const std::string&)>;

  // Serves the meters with these indices in `physics`, all on the link of `first` (its serial
  // line when usesSerial(first), else its host and port). Throws std::runtime_error naming the
  // device or port when it cannot be opened. `physics`, `faults`, `clock` and `log` must
  // outlive the server.
  static std::unique_ptr<Cjt188Server> start(const Meter& first, const std::vector<size_t>& meters,
                                             const SitePhysics& physics, const FaultBoard& faults,
                                             const SimulatedClock& clock, uint64_t seed, Log log);
  // Stops the thread (within about 100 ms) and closes the port.
  ~Cjt188Server();
  Cjt188Server(const Cjt188Server&) = delete;
  Cjt188Server& operator=(const Cjt188Server&) = delete;

  // The bytes to send back for one received frame (preamble allowed); empty for silence.
  std::vector<uint8_t> reply(std::span<const uint8_t> request);

  // What meter `index` (in `physics`) shows at simulated time `t`, faults aside. For tests.
  static cjt188::MeteringData modelled(const Meter& meter, size_t index, TimeMs t, uint64_t seed);

 private:
  struct Station {
    std::string address;
    uint8_t type = 0;
    const Meter* meter = nullptr;
    size_t index = 0;
    FaultedValues values;
    std::vector<bool> from_physics;            // per template point: the plant model knows it
    std::optional<cjt188::MeteringData> last;  // what it showed last (the stuck fault)
  };
  Cjt188Server(uint64_t seed, uint64_t garbage_seed, const SimulatedClock& clock, Log log);
  cjt188::MeteringData show(Station& station);
  std::vector<uint8_t> garbage(const Station& station);

  Log log_;
  uint64_t seed_;
  const SimulatedClock& clock_;
  std::mt19937_64 garbage_random_;
  std::string where_;  // "/dev/ttyUSB2" or "127.0.0.1:8899", for messages
  std::vector<Station> stations_;
  // Last, so that it is destroyed first: its thread calls reply() until it has stopped.
  std::unique_ptr<FramedServer> line_;
};

}  // namespace gt::sim
