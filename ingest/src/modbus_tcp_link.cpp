// Modbus TCP link over libmodbus: maps libmodbus's errno conventions onto LinkError kinds and
// owns the modbus_t* (closed and freed in one place).
#include "modbus_tcp_link.h"

#include <modbus.h>

#include <cerrno>
#include <cstring>

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

LinkError errorFromErrno(int err) {
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
    case EMBBADCRC:
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

void setTimeout(modbus_t* ctx, std::chrono::milliseconds timeout) {
  const auto ms = timeout.count() > 0 ? timeout.count() : 1;
  // Cannot fail for a valid context and a usec value below one second.
  modbus_set_response_timeout(ctx, static_cast<uint32_t>(ms / 1000),
                              static_cast<uint32_t>((ms % 1000) * 1000));
}

}  // namespace

struct ModbusTcpLink::Context {
  modbus_t* ctx = nullptr;
  explicit Context(modbus_t* c) : ctx(c) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  ~Context() {
    modbus_close(ctx);
    modbus_free(ctx);
  }
};

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
  auto owner = std::make_unique<Context>(raw);
  setTimeout(raw, timeout);  // libmodbus bounds connect() by the response timeout
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
  if (request.count == 0 || request.count > MODBUS_MAX_READ_REGISTERS) {
    return LinkError{LinkErrorKind::BadFrame, 0, "request of an invalid register count"};
  }
  modbus_t* ctx = ctx_->ctx;
  if (modbus_set_slave(ctx, target.unit_id) == -1) {
    return LinkError{LinkErrorKind::BadFrame, 0,
                     "invalid unit id " + std::to_string(target.unit_id)};
  }
  setTimeout(ctx, target.timeout);
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
  LinkError error = errorFromErrno(errno);
  if (error.kind == LinkErrorKind::Connection) {
    close();
  } else if (error.kind != LinkErrorKind::Exception) {
    // A late answer to a timed-out request, or the rest of a garbled one, must not be taken
    // for the answer to the next request; libmodbus also checks the transaction id.
    modbus_flush(ctx);
  }
  return error;
}

}  // namespace gt::ingest
