// FramedExchange: the request/reply transport that Dlt645Link and Cjt188Link share. Both
// protocols put the same envelope around their frames (optional FEH wake-up bytes, 68H, a fixed
// header ending in the data length L, L data bytes, CS, 16H) and are polled one request at a
// time over a raw serial port or a serial-to-Ethernet converter (TCP). This class owns that
// descriptor, writes a request, and collects the one frame that answers it, mapping what went
// wrong onto LinkError: silence is a timeout, noise or a truncated frame a bad frame, a closed
// or failing descriptor a connection error (and the link is then closed). What the frame means
// (address, control bits, values) is left to the protocol's link.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greentwin/scoped_fd.h"
#include "greentwin/site_config.h"
#include "meter_link.h"

namespace gt::ingest {

class FramedExchange {
 public:
  // Over the serial line of `meter` when usesSerial(meter), else to its host and port.
  // `protocol` prefixes describe() ("dlt645"); `header_bytes` counts a frame from its 68H up to
  // and including its length byte L (10 for DL/T 645, 11 for CJ/T 188).
  FramedExchange(const Meter& meter, std::string protocol, size_t header_bytes);

  std::string describe() const;  // "dlt645 /dev/ttyUSB1 2400 8E1", "cjt188 10.0.0.7:8899"
  bool connected() const { return fd_.get() >= 0; }
  // Opens the serial port (raw, the line's framing) or connects within `timeout`.
  std::optional<LinkError> connect(std::chrono::milliseconds timeout);
  void close() noexcept { fd_.reset(); }

  // Discards what is waiting, writes `request` (wake-up bytes included), and collects one frame
  // (preamble and noise before it skipped, bytes after its end byte dropped) for up to
  // `timeout`. Returns the frame's bytes, or nullopt with `why` set. The frame's checksum and
  // contents are not checked here. A Connection error leaves the link closed.
  std::optional<std::vector<uint8_t>> exchange(const std::vector<uint8_t>& request,
                                               std::chrono::milliseconds timeout, LinkError& why);

 private:
  std::optional<LinkError> openSerial();
  std::optional<LinkError> openTcp(std::chrono::milliseconds timeout);
  void discardInput();
  std::optional<LinkError> send(const std::vector<uint8_t>& bytes);
  std::optional<std::vector<uint8_t>> receiveFrame(std::chrono::steady_clock::time_point deadline,
                                                   LinkError& why);

  std::string protocol_;
  size_t header_bytes_;
  bool serial_line_;
  SerialSettings serial_;
  std::string host_;
  uint16_t port_;
  ScopedFd fd_;
};

}  // namespace gt::ingest
