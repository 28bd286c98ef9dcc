// Opens a serial port (an RS-485 adapter, or a pty in tests) raw, non-blocking, with the line's
// framing from site.toml. Shared by the daemon's links and the simulator's servers, so both
// ends of a test line are configured by the same code.
#pragma once

#include <string>

#include "greentwin/scoped_fd.h"
#include "greentwin/site_config.h"

namespace gt::serial {

struct OpenedPort {
  ScopedFd fd;        // invalid (get() < 0) when the port could not be opened
  std::string error;  // for people: "cannot open serial port /dev/ttyUSB0: Permission denied
                      // (is the daemon's user in the dialout group?)"
  bool ok() const { return fd.get() >= 0; }
};

// Opens `settings.device` with baud, data bits, parity and stop bits applied, VMIN = VTIME = 0,
// and flushes whatever was waiting (a half-sent frame would corrupt the first exchange).
OpenedPort openSerialPort(const SerialSettings& settings);

}  // namespace gt::serial
