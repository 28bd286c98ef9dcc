// MeterLink: one interface for every way of talking to a meter (libmodbus's backend idea).
// ModbusTcpLink and ModbusRtuLink read registers; Dlt645Link reads one value per data
// identifier, already decoded (DL/T 645 carries values, not registers). The data path never
// throws: a read returns registers or a value, or a LinkError saying what went wrong, because
// a meter that does not answer is an expected outcome in a plant, not an exceptional one.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "greentwin/site_config.h"

namespace gt::ingest {

enum class LinkErrorKind {
  Timeout,     // no answer within the meter's timeout
  Connection,  // link down: refused, reset, closed by the gateway
  Exception,   // the meter refused: a Modbus exception, a DL/T 645 abnormal reply (code in
               // LinkError::exception: the exception code, or the DL/T 645 error byte)
  BadFrame,    // an answer arrived but was malformed (wrong length, id, CRC, unit)
};

const char* linkErrorKindName(LinkErrorKind kind);  // "timeout", "connection", ...

struct LinkError {
  LinkErrorKind kind = LinkErrorKind::Timeout;
  int exception = 0;   // Modbus exception code (1..11) or DL/T 645 error byte, when Exception
  std::string detail;  // for people: "connection refused", "exception 02 illegal data address"
};

// One read request: `count` registers from `address` with function 0x03 or 0x04.
struct RegisterRead {
  RegisterFunction function = RegisterFunction::Holding;
  uint16_t address = 0;
  uint16_t count = 0;
  friend bool operator==(const RegisterRead&, const RegisterRead&) = default;
};

// Which device behind the link answers, and how long to wait for it.
struct LinkTarget {
  int unit_id = 1;  // Modbus only
  std::chrono::milliseconds timeout{500};
};

// One DL/T 645-2007 read: data identifier `di` (0xDI3DI2DI1DI0) of the meter at `address` (12
// digits, as on the nameplate). The LinkTarget beside it gives the timeout. A CJ/T 188 read
// names also the field of the reply to `di` it wants, and the meter type its request carries.
struct ValueRead {
  std::string address;
  uint32_t di = 0;
  std::string field = {};  // CJ/T 188 only: "current_flow", ...
  uint8_t meter_type = 0;  // CJ/T 188 only: T byte
};

// Expected-style result of a read: the registers (exactly `count` of them) or the error.
class ReadResult {
 public:
  ReadResult(std::vector<uint16_t> registers) : value_(std::move(registers)) {}
  ReadResult(LinkError error) : value_(std::move(error)) {}
  bool ok() const { return value_.index() == 0; }
  const std::vector<uint16_t>& registers() const { return std::get<0>(value_); }
  const LinkError& error() const { return std::get<1>(value_); }

 private:
  std::variant<std::vector<uint16_t>, LinkError> value_;
};

// Expected-style result of a DL/T 645 read: the value in the identifier's unit, or the error.
class ValueResult {
 public:
  ValueResult(double value) : value_(value) {}
  ValueResult(LinkError error) : value_(std::move(error)) {}
  bool ok() const { return value_.index() == 0; }
  double value() const { return std::get<0>(value_); }
  const LinkError& error() const { return std::get<1>(value_); }

 private:
  std::variant<double, LinkError> value_;
};

class MeterLink {
 public:
  virtual ~MeterLink() = default;
  MeterLink() = default;
  MeterLink(const MeterLink&) = delete;
  MeterLink& operator=(const MeterLink&) = delete;

  // "modbus-tcp 127.0.0.1:15020", for log lines.
  virtual std::string describe() const = 0;
  virtual bool connected() const = 0;
  // Opens the link, waiting at most `timeout`; nullopt on success.
  virtual std::optional<LinkError> connect(std::chrono::milliseconds timeout) = 0;
  virtual void close() noexcept = 0;
  // Reads registers from one device. A Connection error leaves the link closed.
  virtual ReadResult read(const LinkTarget& target, const RegisterRead& request) = 0;
  // Reads one DL/T 645-2007 value. Links that carry registers answer a BadFrame error saying
  // so; the site file keeps that from happening. A Connection error leaves the link closed.
  virtual ValueResult readValue(const LinkTarget& target, const ValueRead& request);
};

}  // namespace gt::ingest
