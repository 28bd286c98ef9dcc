// ModbusTcpLink: a MeterLink over Modbus TCP (libmodbus), one TCP connection to one gateway
// (host:port) shared by all unit ids behind it. modbus.h stays in the .cpp.
#pragma once

#include <memory>
#include <string>

#include "meter_link.h"

namespace gt::ingest {

class ModbusContext;

class ModbusTcpLink final : public MeterLink {
 public:
  ModbusTcpLink(std::string host, uint16_t port);
  ~ModbusTcpLink() override;

  std::string describe() const override;
  bool connected() const override;
  std::optional<LinkError> connect(std::chrono::milliseconds timeout) override;
  void close() noexcept override;
  ReadResult read(const LinkTarget& target, const RegisterRead& request) override;

 private:
  std::string host_;
  uint16_t port_;
  std::unique_ptr<ModbusContext> ctx_;  // null while closed
};

}  // namespace gt::ingest
