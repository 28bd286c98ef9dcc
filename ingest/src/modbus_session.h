// What every libmodbus-based MeterLink shares: the one owner of a modbus_t*, and one register
// read with libmodbus's errno conventions mapped onto LinkError kinds. The TCP and the RTU
// link differ only in how they open the context. modbus.h stays in the .cpp files.
#pragma once

#include <chrono>

#include "meter_link.h"

typedef struct _modbus modbus_t;  // as modbus.h declares it

namespace gt::ingest {

// Move-only owner: closes and frees the context in one place.
class ModbusContext {
 public:
  explicit ModbusContext(modbus_t* ctx) noexcept : ctx_(ctx) {}
  ~ModbusContext();
  ModbusContext(ModbusContext&& other) noexcept : ctx_(other.ctx_) { other.ctx_ = nullptr; }
  ModbusContext& operator=(ModbusContext&& other) noexcept;
  ModbusContext(const ModbusContext&) = delete;
  ModbusContext& operator=(const ModbusContext&) = delete;

  modbus_t* get() const noexcept { return ctx_; }

 private:
  modbus_t* ctx_ = nullptr;
};

// The LinkError for a libmodbus failure whose errno is `err`: exception replies, timeouts,
// malformed answers (CRC, length, wrong unit: BadFrame); anything else is a lost link.
LinkError linkErrorFromErrno(int err);

// Sets the response timeout (also bounds a TCP connect). `timeout` below 1 ms counts as 1 ms.
void setResponseTimeout(modbus_t* ctx, std::chrono::milliseconds timeout);

// Reads `request` from `target` on an open context. Stale bytes are flushed after a timeout
// or a malformed answer so they are not taken for the next answer. On a Connection error the
// caller must close the context.
ReadResult readRegisters(modbus_t* ctx, const LinkTarget& target, const RegisterRead& request);

}  // namespace gt::ingest
