// Dlt645Link: a MeterLink speaking DL/T 645-2007 to the meters on one serial line (RS-485,
// 2400 8E1 by default) or behind one serial-to-Ethernet converter (TCP). One read request per
// data identifier, one request on the wire at a time; the frames come from the pure codec in
// greentwin/dlt645.h and the bytes move through a FramedExchange; this class maps what went
// wrong onto LinkError: silence is a timeout, a broken frame (checksum, framing, wrong meter) a
// bad frame, an abnormal reply an exception carrying the meter's error byte.
#pragma once

#include <chrono>
#include <string>

#include "framed_exchange.h"
#include "greentwin/site_config.h"
#include "meter_link.h"

namespace gt::ingest {

class Dlt645Link final : public MeterLink {
 public:
  // Over the serial line of `meter` when usesSerial(meter), else to its host and port.
  explicit Dlt645Link(const Meter& meter);

  std::string describe() const override;  // "dlt645 /dev/ttyUSB1 2400 8E1", "dlt645 10.0.0.7:8899"
  bool connected() const override;
  // Opens the serial port (raw, the line's framing) or connects within `timeout`.
  std::optional<LinkError> connect(std::chrono::milliseconds timeout) override;
  void close() noexcept override;
  // DL/T 645 has no registers: answers a BadFrame error.
  ReadResult read(const LinkTarget& target, const RegisterRead& request) override;
  // Sends a read of `request.di` to `request.address`; waits up to `target.timeout` for the reply.
  ValueResult readValue(const LinkTarget& target, const ValueRead& request) override;

 private:
  FramedExchange wire_;
};

}  // namespace gt::ingest
