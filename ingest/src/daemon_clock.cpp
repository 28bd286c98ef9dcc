// The daemon's clock state from the kernel's NTP discipline (see daemon_clock.h).
#include "daemon_clock.h"

#include <sys/timex.h>

#include <cstdio>

namespace gt::ingest {

KernelClockReader systemKernelClock() {
  return []() -> std::optional<KernelClock> {
    timex tx{};
    tx.modes = 0;  // read only: needs no privilege
    const int state = ntp_adjtime(&tx);
    if (state == -1) return std::nullopt;
    return KernelClock{state, tx.status, static_cast<int64_t>(tx.offset),
                       static_cast<int64_t>(tx.maxerror), static_cast<int64_t>(tx.esterror)};
  };
}

wire::ClockState clockStateFrom(const KernelClock& kernel) {
  wire::ClockState s;
  s.synchronized = (kernel.status & STA_UNSYNC) == 0 && kernel.state != TIME_ERROR;
  const double offset_unit_ms = (kernel.status & STA_NANO) != 0 ? 1e-6 : 1e-3;
  s.offset_ms = static_cast<double>(kernel.offset) * offset_unit_ms;
  s.max_error_ms = static_cast<double>(kernel.max_error_us) * 1e-3;
  s.est_error_ms = static_cast<double>(kernel.est_error_us) * 1e-3;
  return s;
}

DaemonClockWatch::DaemonClockWatch(KernelClockReader reader, double max_error_warn_ms)
    : reader_(reader ? std::move(reader) : systemKernelClock()),
      max_error_warn_ms_(max_error_warn_ms) {}

DaemonClockWatch::Check DaemonClockWatch::check() {
  Check out;
  const std::optional<KernelClock> kernel = reader_();
  Verdict verdict = Verdict::Unreadable;
  if (kernel) {
    out.state = clockStateFrom(*kernel);
    if (!out.state->synchronized) {
      verdict = Verdict::Unsynchronised;
    } else if (out.state->max_error_ms > max_error_warn_ms_) {
      verdict = Verdict::LargeError;
    } else {
      verdict = Verdict::Trusted;
    }
  }
  if (verdict == last_) return out;
  const bool first = last_ == Verdict::Unknown;
  last_ = verdict;
  char text[320];
  switch (verdict) {
    case Verdict::Unreadable:
      out.level = LogLevel::Warn;
      std::snprintf(text, sizeof text,
                    "cannot read the system clock's synchronisation state (ntp_adjtime "
                    "failed): sample times may be off");
      break;
    case Verdict::Unsynchronised:
      out.level = LogLevel::Warn;
      std::snprintf(text, sizeof text,
                    "system clock is not synchronised (no NTP/PTP discipline; error bound %.0f "
                    "ms): sample times may be off; run chronyd or ntpd",
                    out.state->max_error_ms);
      break;
    case Verdict::LargeError:
      out.level = LogLevel::Warn;
      std::snprintf(text, sizeof text,
                    "system clock error bound is %.0f ms (above %.0f ms): sample times may be "
                    "off by that much",
                    out.state->max_error_ms, max_error_warn_ms_);
      break;
    case Verdict::Trusted:
      // Said at start too, so the log shows what the times can be trusted to.
      out.level = LogLevel::Info;
      std::snprintf(text, sizeof text,
                    "system clock synchronised%s: offset %.3f ms, error bound %.0f ms",
                    first ? "" : " again", out.state->offset_ms, out.state->max_error_ms);
      break;
    case Verdict::Unknown:
      return out;
  }
  out.message = text;
  return out;
}

}  // namespace gt::ingest
