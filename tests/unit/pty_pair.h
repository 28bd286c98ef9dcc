// Shared by the serial-line tests: a pseudo-terminal pair standing in for an RS-485 line. The
// code under test opens `device`; the test plays the other end through `master`, for a
// simulator with answerTo().
#pragma once

#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gt::testing {

struct PtyPair {
  PtyPair() {
    char name[256];
    REQUIRE(openpty(&master, &device_fd, name, nullptr, nullptr) == 0);
    device = name;
  }
  ~PtyPair() {
    close(master);
    close(device_fd);  // kept open so the line does not hang up between opens
  }
  PtyPair(const PtyPair&) = delete;
  PtyPair& operator=(const PtyPair&) = delete;
  int master = -1, device_fd = -1;
  std::string device;
};

// Writes `request` to `fd` and returns everything that arrives until the line has been quiet
// for 150 ms (empty when nothing answers).
inline std::vector<uint8_t> answerTo(int fd, const std::vector<uint8_t>& request) {
  REQUIRE(write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::vector<uint8_t> out;
  pollfd p{fd, POLLIN, 0};
  while (poll(&p, 1, 150) > 0) {
    uint8_t buffer[512];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    out.insert(out.end(), buffer, buffer + n);
  }
  return out;
}

}  // namespace gt::testing
