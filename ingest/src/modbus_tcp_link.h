// ModbusTcpLink: a MeterLink over Modbus TCP, one TCP connection to one gateway (host:port)
// shared by all unit ids behind it. libmodbus opens the connection; requests and answers are
// framed and checked by mbap_frame.h (libmodbus 3.1.6 does not check a TCP answer's unit id).
// modbus.h stays in the .cpp.
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
  LinkError lost(std::string detail);  // closes the link: the connection is gone

  std::string host_;
  uint16_t port_;
  std::unique_ptr<ModbusContext> ctx_;  // null while closed
  uint16_t transaction_ = 0;            // MBAP transaction id of the last request
  bool stale_ = false;  // bytes of a late, cut or surplus answer may be waiting on the socket
};

}  // namespace gt::ingest
