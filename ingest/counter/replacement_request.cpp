// The "replaced" round trip to a running greentwin-ingest (see replacement_request.h).
#include "replacement_request.h"

#include <stdexcept>
#include <zmq.hpp>

#include "greentwin/messages.h"

namespace gt::counter {

wire::ReplacedReply sendReplacement(const std::string& endpoint,
                                    const wire::ReplacedRequest& request,
                                    std::chrono::milliseconds timeout) {
  zmq::context_t context(1);
  zmq::socket_t socket(context, zmq::socket_type::req);
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::rcvtimeo, static_cast<int>(timeout.count()));
  socket.connect(endpoint);
  socket.send(zmq::buffer(wire::encode(wire::Request{request})), zmq::send_flags::none);
  zmq::message_t reply;
  if (!socket.recv(reply, zmq::recv_flags::none)) {
    // The daemon holds the database's writer lock but does not answer: recording behind its
    // back would leave its validator unaware, so say so instead.
    throw std::runtime_error("the greentwin-ingest writing this database did not answer on " +
                             endpoint + " within " + std::to_string(timeout.count() / 1000) +
                             " s (is --request its [ingest] request?); nothing recorded");
  }
  const std::string_view body = reply.to_string_view();
  if (auto replaced = wire::decodeReplacedReply(body)) return *replaced;
  std::string why;
  const std::optional<wire::Reply> other = wire::decodeReply(body, &why);
  if (other && std::holds_alternative<wire::ErrorReply>(*other)) {
    throw std::runtime_error("greentwin-ingest refused: " +
                             std::get<wire::ErrorReply>(*other).error);
  }
  throw std::runtime_error("greentwin-ingest sent an unexpected reply" +
                           (why.empty() ? std::string() : " (" + why + ")"));
}

}  // namespace gt::counter
