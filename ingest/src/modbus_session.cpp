// libmodbus-based links' shared parts (see modbus_session.h).
#include "modbus_session.h"

#include <modbus.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

namespace gt::ingest {

namespace {

// Modbus application protocol v1.1b3 §7: exception codes and their meaning.
const char* exceptionName(int code) {
  switch (code) {
    case 1:
      return "illegal function";
    case 2:
      return "illegal data address";
    case 3:
      return "illegal data value";
    case 4:
      return "server device failure";
    case 5:
      return "acknowledge";
    case 6:
      return "server device busy";
    case 8:
      return "memory parity error";
    case 10:
      return "gateway path unavailable";
    case 11:
      return "gateway target device failed to respond";
    default:
      return "unknown exception";
  }
}

}  // namespace

ModbusContext::~ModbusContext() {
  if (ctx_ != nullptr) {
    modbus_close(ctx_);
    modbus_free(ctx_);
  }
}

ModbusContext& ModbusContext::operator=(ModbusContext&& other) noexcept {
  if (this != &other) {
    ModbusContext dying(std::move(*this));
    ctx_ = other.ctx_;
    other.ctx_ = nullptr;
  }
  return *this;
}

LinkError linkErrorFromErrno(int err) {
  LinkError e;
  if (err >= EMBXILFUN && err <= EMBXGTAR) {
    const int code = err - MODBUS_ENOBASE;
    // A gateway that cannot reach the device behind it (code 11) means the meter is silent:
    // for the operator that is the same as a timeout.
    e.kind =
        code == MODBUS_EXCEPTION_GATEWAY_TARGET ? LinkErrorKind::Timeout : LinkErrorKind::Exception;
    e.exception = code;
    char text[80];
    std::snprintf(text, sizeof text, "meter answered exception %02d (%s)", code,
                  exceptionName(code));
    e.detail = text;
    return e;
  }
  switch (err) {
    case ETIMEDOUT:
      e.kind = LinkErrorKind::Timeout;
      e.detail = "no answer within the timeout";
      return e;
    case EMBBADCRC:  // RTU: noise on the RS-485 line, or two devices answering at once
    case EMBBADDATA:
    case EMBBADEXC:
    case EMBUNKEXC:
    case EMBMDATA:
    case EMBBADSLAVE:
      e.kind = LinkErrorKind::BadFrame;
      e.detail = std::string("malformed answer: ") + modbus_strerror(err);
      return e;
    default:
      e.kind = LinkErrorKind::Connection;
      e.detail = modbus_strerror(err);
      return e;
  }
}

void setResponseTimeout(modbus_t* ctx, std::chrono::milliseconds timeout) {
  const auto ms = timeout.count() > 0 ? timeout.count() : 1;
  // Cannot fail for a valid context and a usec value below one second.
  modbus_set_response_timeout(ctx, static_cast<uint32_t>(ms / 1000),
                              static_cast<uint32_t>((ms % 1000) * 1000));
}

ReadResult readRegisters(modbus_t* ctx, const LinkTarget& target, const RegisterRead& request) {
  if (request.count == 0 || request.count > MODBUS_MAX_READ_REGISTERS) {
    return LinkError{LinkErrorKind::BadFrame, 0, "request of an invalid register count"};
  }
  if (modbus_set_slave(ctx, target.unit_id) == -1) {
    return LinkError{LinkErrorKind::BadFrame, 0,
                     "invalid unit id " + std::to_string(target.unit_id)};
  }
  setResponseTimeout(ctx, target.timeout);
  std::vector<uint16_t> regs(request.count);
  const int n = request.function == RegisterFunction::Input
                    ? modbus_read_input_registers(ctx, request.address, request.count, regs.data())
                    : modbus_read_registers(ctx, request.address, request.count, regs.data());
  if (n == request.count) return regs;
  if (n >= 0) {
    modbus_flush(ctx);
    return LinkError{LinkErrorKind::BadFrame, 0,
                     "answer carried " + std::to_string(n) + " registers, asked for " +
                         std::to_string(request.count)};
  }
  LinkError error = linkErrorFromErrno(errno);
  if (error.kind != LinkErrorKind::Exception && error.kind != LinkErrorKind::Connection) {
    // A late answer to a timed-out request, or the rest of a garbled one, must not be taken
    // for the answer to the next request (RTU frames carry no transaction id at all).
    modbus_flush(ctx);
  }
  return error;
}

}  // namespace gt::ingest
