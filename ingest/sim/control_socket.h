// The ZeroMQ REP socket that serves control_protocol.h, in its own thread. Owns the context,
// the socket and the thread; the destructor stops and joins within about 100 ms.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <zmq.hpp>

#include "meter_faults.h"
#include "simulated_clock.h"

namespace gt::sim {

class ControlSocket {
 public:
  using Log = std::function<void(const std::string&)>;

  // Binds `endpoint` now, so a bad or busy endpoint fails here: throws std::runtime_error
  // naming it. `board`, `clock` and `log` must outlive the socket.
  static std::unique_ptr<ControlSocket> start(const std::string& endpoint, FaultBoard& board,
                                              const SimulatedClock& clock, Log log);
  ~ControlSocket();
  ControlSocket(const ControlSocket&) = delete;
  ControlSocket& operator=(const ControlSocket&) = delete;

 private:
  ControlSocket(FaultBoard& board, const SimulatedClock& clock, Log log);
  void serve();

  FaultBoard& board_;
  const SimulatedClock& clock_;
  Log log_;
  zmq::context_t context_;
  zmq::socket_t socket_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace gt::sim
