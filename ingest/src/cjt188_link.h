// Cjt188Link: a MeterLink speaking CJ/T 188-2004 to the water, gas and heat meters on one
// serial line (M-Bus through a level converter, or RS-485; 2400 8E1 by default) or behind one
// serial-to-Ethernet converter (TCP). One 901FH read returns every field of a meter (volumes,
// heat, temperatures, status), and a template names several of them as points: the link reads
// the identifier once and hands out each field of that reply once, so a ten-point heat meter
// costs one request per poll, not ten. Frames come from the pure codec in greentwin/cjt188.h
// and move through a FramedExchange, as Dlt645Link's do; failures map onto LinkError alike:
// silence is a timeout, a broken frame (checksum, framing, wrong meter, stale SER, bad BCD or unit)
// a bad frame, an abnormal reply (C1H) an exception.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "framed_exchange.h"
#include "greentwin/cjt188.h"
#include "greentwin/site_config.h"
#include "meter_link.h"

namespace gt::ingest {

class Cjt188Link final : public MeterLink {
 public:
  // Over the serial line of `meter` when usesSerial(meter), else to its host and port.
  explicit Cjt188Link(const Meter& meter);

  std::string describe() const override;  // "cjt188 /dev/ttyUSB2 2400 8E1", "cjt188 10.0.0.7:8899"
  bool connected() const override;
  std::optional<LinkError> connect(std::chrono::milliseconds timeout) override;
  void close() noexcept override;
  // CJ/T 188 has no registers: answers a BadFrame error.
  ReadResult read(const LinkTarget& target, const RegisterRead& request) override;
  // The value of `request.field` (canonical unit) in the reply to a read of `request.di` from
  // the meter at `request.address`. Reads the meter unless the last reply of that meter and DI
  // has not yet handed out this field (and is younger than `target.timeout`). A bad frame is
  // retried once with a new sequence number (M-Bus lines pick up noise); silence is not.
  ValueResult readValue(const LinkTarget& target, const ValueRead& request) override;

 private:
  struct LastReply {
    std::string address;
    uint32_t di = 0;
    cjt188::MeteringData data;
    std::set<std::string> handed_out;  // fields already returned from this reply
    std::chrono::steady_clock::time_point at;
  };

  // One request and its reply, checked against the request (address, type, DI, SER).
  std::optional<LinkError> exchange(const LinkTarget& target, const ValueRead& request,
                                    cjt188::MeteringData& out);

  FramedExchange wire_;
  uint8_t ser_ = 0;  // sequence number of the next request
  std::optional<LastReply> last_;
};

}  // namespace gt::ingest
