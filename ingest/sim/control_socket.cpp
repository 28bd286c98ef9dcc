// The control socket's thread (see control_socket.h).
#include "control_socket.h"

#include <stdexcept>

#include "control_protocol.h"

namespace gt::sim {

ControlSocket::ControlSocket(FaultBoard& board, const SimulatedClock& clock, Log log)
    : board_(board), clock_(clock), log_(std::move(log)), socket_(context_, zmq::socket_type::rep) {
  socket_.set(zmq::sockopt::linger, 0);
  // recv() wakes every 100 ms to notice a stop request: SIGTERM must end the program in 1 s.
  socket_.set(zmq::sockopt::rcvtimeo, 100);
}

std::unique_ptr<ControlSocket> ControlSocket::start(const std::string& endpoint, FaultBoard& board,
                                                    const SimulatedClock& clock, Log log) {
  std::unique_ptr<ControlSocket> control(new ControlSocket(board, clock, std::move(log)));
  try {
    control->socket_.bind(endpoint);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error("cannot bind the control socket to " + endpoint + ": " + e.what());
  }
  control->thread_ = std::thread([c = control.get()] { c->serve(); });
  return control;
}

ControlSocket::~ControlSocket() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void ControlSocket::serve() {
  while (!stopping_) {
    zmq::message_t request;
    try {
      if (!socket_.recv(request)) continue;  // timeout
      const ControlAnswer answer = answerControlRequest(board_, request.to_string_view(),
                                                        clock_.now(), clock_.speed(), nowUtcMs());
      if (answer.fault_change) log_("fault " + *answer.fault_change + " (control socket)");
      socket_.send(zmq::buffer(answer.reply), zmq::send_flags::none);
    } catch (const zmq::error_t& e) {
      if (e.num() == EINTR) continue;
      log_(std::string("control socket stopped: ") + e.what());
      return;
    }
  }
}

}  // namespace gt::sim
