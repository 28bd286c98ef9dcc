// The daemon's own clock: every sample time comes from it, so the snapshot reports how well the
// kernel's NTP discipline keeps it (adjtimex(2): offset, maximum and estimated error, the
// unsynchronised status), and the log warns when the clock is not synchronised or its error
// bound is large, because then a plant engineer must not trust the times to the second. The
// kernel is read through KernelClockReader so that unit tests can feed any state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "greentwin/messages.h"
#include "log.h"

namespace gt::ingest {

// What ntp_adjtime(2) with no modes reports, in its own units.
struct KernelClock {
  int state = 0;             // its return value: TIME_OK .. TIME_ERROR (sys/timex.h)
  int status = 0;            // STA_* bits
  int64_t offset = 0;        // microseconds, nanoseconds when status has STA_NANO
  int64_t max_error_us = 0;  // maxerror
  int64_t est_error_us = 0;  // esterror
};

// nullopt when the kernel cannot be asked (the call failed).
using KernelClockReader = std::function<std::optional<KernelClock>()>;

KernelClockReader systemKernelClock();  // ntp_adjtime() of this machine

wire::ClockState clockStateFrom(const KernelClock& kernel);

// Above this error bound the log warns, synchronised or not: a poll at 1 s could land in the
// neighbouring second.
constexpr double kClockMaxErrorWarnMs = 500;

// Reads the kernel clock and says when its trustworthiness changed. Not thread-safe: one
// owner (the publisher thread) calls check() now and then.
class DaemonClockWatch {
 public:
  // An empty `reader` reads this machine's kernel.
  explicit DaemonClockWatch(KernelClockReader reader,
                            double max_error_warn_ms = kClockMaxErrorWarnMs);

  struct Check {
    std::optional<wire::ClockState> state;  // nullopt: the kernel could not be read
    LogLevel level = LogLevel::Info;
    std::string message;  // empty: nothing changed since the last check, nothing to log
  };
  Check check();

 private:
  enum class Verdict { Unknown, Trusted, Unsynchronised, LargeError, Unreadable };

  KernelClockReader reader_;
  double max_error_warn_ms_;
  Verdict last_ = Verdict::Unknown;
};

}  // namespace gt::ingest
