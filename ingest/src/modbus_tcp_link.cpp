// Modbus TCP link: libmodbus opens the connection to one gateway; each read writes one MBAP
// request and collects its answer on the socket itself, so that mbap_frame.h can check the
// transaction id and unit id that libmodbus 3.1.6 lets through.
#include "modbus_tcp_link.h"

#include <modbus.h>
#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <span>

#include "mbap_frame.h"
#include "modbus_session.h"
#include "readable_wait.h"

namespace gt::ingest {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

ModbusTcpLink::ModbusTcpLink(std::string host, uint16_t port)
    : host_(std::move(host)), port_(port) {}

ModbusTcpLink::~ModbusTcpLink() = default;

std::string ModbusTcpLink::describe() const {
  return "modbus-tcp " + host_ + ":" + std::to_string(port_);
}

bool ModbusTcpLink::connected() const {
  return ctx_ != nullptr;
}

std::optional<LinkError> ModbusTcpLink::connect(std::chrono::milliseconds timeout) {
  close();
  // The _pi variant accepts host names as well as addresses.
  const std::string service = std::to_string(port_);
  modbus_t* raw = modbus_new_tcp_pi(host_.c_str(), service.c_str());
  if (raw == nullptr) {
    return LinkError{LinkErrorKind::Connection, 0,
                     "cannot create a Modbus TCP context for " + host_ + ":" + service + ": " +
                         std::strerror(errno)};
  }
  auto owner = std::make_unique<ModbusContext>(raw);
  setResponseTimeout(raw, timeout);  // libmodbus bounds connect() by the response timeout
  if (modbus_connect(raw) == -1) {
    const int err = errno;
    return LinkError{
        LinkErrorKind::Connection, 0,
        "cannot connect to gateway " + host_ + ":" + service + ": " + modbus_strerror(err)};
  }
  ctx_ = std::move(owner);
  stale_ = false;
  return std::nullopt;
}

void ModbusTcpLink::close() noexcept {
  ctx_.reset();
}

ReadResult ModbusTcpLink::read(const LinkTarget& target, const RegisterRead& request) {
  if (!ctx_) return LinkError{LinkErrorKind::Connection, 0, "link is not connected"};
  if (request.count == 0 || request.count > MODBUS_MAX_READ_REGISTERS) {
    return LinkError{LinkErrorKind::BadFrame, 0, "request of an invalid register count"};
  }
  if (target.unit_id < 0 || target.unit_id > 255) {
    return LinkError{LinkErrorKind::BadFrame, 0,
                     "invalid unit id " + std::to_string(target.unit_id)};
  }
  const int fd = modbus_get_socket(ctx_->get());
  if (stale_) {
    // Leftovers of an earlier answer must not be read as this request's answer.
    uint8_t junk[256];
    while (::recv(fd, junk, sizeof junk, MSG_DONTWAIT) > 0) {
    }
    stale_ = false;
  }
  const uint16_t transaction = ++transaction_;
  const auto unit = static_cast<uint8_t>(target.unit_id);
  const auto out = encodeMbapReadRequest(transaction, unit, request);
  const auto deadline = Clock::now() + target.timeout;
  size_t sent = 0;
  while (sent < out.size()) {
    const ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // The gateway has stopped reading: wait for room, but no longer than the timeout.
      pollfd p{fd, POLLOUT, 0};
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0) {
        stale_ = true;
        return LinkError{LinkErrorKind::Timeout, 0, "gateway took no request within the timeout"};
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return lost("sending the request failed: " + std::string(std::strerror(errno)));
    sent += static_cast<size_t>(n);
  }

  std::array<uint8_t, kMbapMaxAduBytes> in;
  size_t have = 0;
  size_t need = kMbapHeaderBytes;  // the whole ADU's size once the header is in
  while (have < need) {
    const int ready = waitReadable(fd, deadline);
    if (ready < 0)
      return lost("waiting for the answer failed: " + std::string(std::strerror(errno)));
    if (ready == 0) {
      stale_ = true;
      if (have == 0) return LinkError{LinkErrorKind::Timeout, 0, "no answer within the timeout"};
      return LinkError{LinkErrorKind::BadFrame, 0,
                       "malformed answer: cut short after " + std::to_string(have) + " bytes"};
    }
    const ssize_t n = ::recv(fd, in.data() + have, in.size() - have, MSG_DONTWAIT);
    if (n == 0)
      return lost("gateway " + host_ + ":" + std::to_string(port_) + " closed the connection");
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      return lost("reading the answer failed: " + std::string(std::strerror(errno)));
    }
    have += static_cast<size_t>(n);
    if (need == kMbapHeaderBytes && have >= kMbapHeaderBytes) {
      need = mbapAduBytes(std::span<const uint8_t, kMbapHeaderBytes>(in.data(), kMbapHeaderBytes));
      if (need == 0) {
        stale_ = true;
        return LinkError{LinkErrorKind::BadFrame, 0,
                         "malformed answer: MBAP header with an impossible length"};
      }
    }
  }
  if (have > need) stale_ = true;  // no request of ours is outstanding: these bytes are junk
  ReadResult result =
      decodeMbapReadAnswer(std::span<const uint8_t>(in.data(), need), transaction, unit, request);
  if (!result.ok() && result.error().kind == LinkErrorKind::BadFrame) stale_ = true;
  return result;
}

LinkError ModbusTcpLink::lost(std::string detail) {
  close();
  return LinkError{LinkErrorKind::Connection, 0, std::move(detail)};
}

}  // namespace gt::ingest
