// Simulated DL/T 645-2007 meters on one serial line (a real port, or one end of a pty pair for
// tests) or behind one serial-to-Ethernet converter (a TCP port). Reads request frames (the
// 0xFE wake-up preamble and line noise skipped), answers reads of the data identifiers in each
// meter's template with the same physics values the Modbus meters show, and stays silent for
// addresses not on the line, as the meters on a real line do. A broadcast or wildcard address
// is answered only when one meter is on the line (DL/T 645-2007 allows it point to point only).
// Applies the meters' faults. Answers the meter clock identifiers (04000101 date, 04000102
// time) with the wall clock in the site's zone, shifted by the skew set through the control
// socket ("clock D-01 300"): a meter's clock runs in real time, not at --speed. Serves in the
// thread of its FramedServer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "faulted_values.h"
#include "framed_server.h"
#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "simulated_clock.h"

namespace gt::sim {

class Dlt645Server {
 public:
  using Log = std::function<void(const std::string&)>;

  // Serves the meters with these indices in `physics`, all on the link of `first` (its serial
  // line when usesSerial(first), else its host and port). Throws std::runtime_error naming the
  // device or port when it cannot be opened. `physics`, `faults`, `clock` and `log` must
  // outlive the server.
  static std::unique_ptr<Dlt645Server> start(const Meter& first, const std::vector<size_t>& meters,
                                             const SitePhysics& physics, const FaultBoard& faults,
                                             const SimulatedClock& clock, uint64_t seed, Log log);
  // Stops the thread (within about 100 ms) and closes the port.
  ~Dlt645Server();
  Dlt645Server(const Dlt645Server&) = delete;
  Dlt645Server& operator=(const Dlt645Server&) = delete;

  // The bytes to send back for one received frame (preamble allowed); empty for silence.
  std::vector<uint8_t> reply(std::span<const uint8_t> request);

 private:
  struct Station {
    size_t index = 0;  // in the site's meters: its clock skew on the FaultBoard
    std::string address;
    const RegisterTemplate* tmpl = nullptr;
    FaultedValues values;
  };
  Dlt645Server(uint64_t seed, Log log, const FaultBoard& faults);
  std::vector<uint8_t> garbage(const Station& station, uint32_t di);
  // The reply to a read of the meter's date or time: the wall clock, plus its skew.
  std::vector<uint8_t> clockReply(const Station& station, uint32_t di) const;

  Log log_;
  const FaultBoard& faults_;
  std::mt19937_64 garbage_random_;
  std::vector<Station> stations_;
  // Last, so that it is destroyed first: its thread calls reply() until it has stopped.
  std::unique_ptr<FramedServer> line_;
};

}  // namespace gt::sim
