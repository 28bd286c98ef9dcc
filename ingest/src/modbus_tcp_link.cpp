// Modbus TCP link over libmodbus: opens the connection to one gateway; reads go through the
// shared libmodbus session code (modbus_session.h).
#include "modbus_tcp_link.h"

#include <modbus.h>

#include <cerrno>
#include <cstring>

#include "modbus_session.h"

namespace gt::ingest {

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
  return std::nullopt;
}

void ModbusTcpLink::close() noexcept {
  ctx_.reset();
}

ReadResult ModbusTcpLink::read(const LinkTarget& target, const RegisterRead& request) {
  if (!ctx_) return LinkError{LinkErrorKind::Connection, 0, "link is not connected"};
  ReadResult result = readRegisters(ctx_->get(), target, request);
  if (!result.ok() && result.error().kind == LinkErrorKind::Connection) close();
  return result;
}

}  // namespace gt::ingest
