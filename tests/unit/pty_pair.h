// Shared by the serial-line tests: a pseudo-terminal pair standing in for an RS-485 line. The
// code under test opens `device`; the test plays the other end through `master`.
#pragma once

#include <catch2/catch.hpp>

#include <pty.h>
#include <unistd.h>

#include <string>

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

}  // namespace gt::testing
