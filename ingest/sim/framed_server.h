// FramedServer: the serving loop that the simulated DL/T 645 and CJ/T 188 meters share. Both
// protocols frame alike (FEH wake-up bytes, 68H, a fixed header ending in the data length L,
// L data bytes, CS, 16H) and answer one request at a time on a serial line (a real port, or one
// end of a pty pair for tests) or behind a serial-to-Ethernet converter (a TCP port). This class
// owns the port or the listener and its clients, and a thread that collects request frames
// (noise and preamble skipped, a cut-off request dropped when the line falls silent) and writes
// back what the protocol's reply function returns. Which meter answers, and how its faults
// (offline, garbage, stuck) show, stays with the protocol's server.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "greentwin/scoped_fd.h"
#include "greentwin/site_config.h"

namespace gt::sim {

class FramedServer {
 public:
  using Log = std::function<void(const std::string&)>;
  // Whether these bytes are one well-formed frame of the protocol (its checksum holds).
  using IsFrame = std::function<bool(std::span<const uint8_t>)>;
  // The bytes to send back for one request frame; empty for silence.
  using Reply = std::function<std::vector<uint8_t>(std::span<const uint8_t>)>;

  // Serves the link of `first` (its serial line when usesSerial(first), else its host and port)
  // in a thread of its own. `header_bytes` counts a frame from its 68H up to and including its
  // length byte L. Throws std::runtime_error naming the device or port when it cannot be
  // opened. `reply` runs on the server's thread; it and `log` must outlive the server.
  static std::unique_ptr<FramedServer> start(const Meter& first, size_t header_bytes,
                                             IsFrame is_frame, Reply reply, Log log);
  // Stops the thread (within about 100 ms) and closes the port.
  ~FramedServer();
  FramedServer(const FramedServer&) = delete;
  FramedServer& operator=(const FramedServer&) = delete;

 private:
  struct Peer {
    ScopedFd fd;
    std::vector<uint8_t> pending;  // bytes of a request not complete yet
  };

  FramedServer(size_t header_bytes, IsFrame is_frame, Reply reply, Log log);
  void serve();
  // Takes every complete frame out of `peer.pending` and writes the replies to its descriptor.
  void consume(Peer& peer);

  size_t header_bytes_;
  IsFrame is_frame_;
  Reply reply_;
  Log log_;
  std::string where_;  // "/dev/ttyUSB1" or "127.0.0.1:8899", for messages
  bool serial_line_ = true;
  ScopedFd listener_;        // TCP only
  std::vector<Peer> peers_;  // the serial port, or the converter's connected clients
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// What a meter with the garbage fault sends instead of `reply` (a valid reply frame, or empty
// when none could be encoded): line noise, the frame with its checksum broken, or its first
// half, chosen by `random`.
std::vector<uint8_t> garbledReply(std::mt19937_64& random, const std::vector<uint8_t>& reply);

}  // namespace gt::sim
