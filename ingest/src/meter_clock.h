// MeterClockWatch: a DL/T 645 meter keeps its own clock (for its tariff periods and frozen
// readings), and a meter whose clock has drifted is a sign that the meter needs a technician.
// The daemon reads that clock at the first poll and then once an hour (identifiers 04000101
// date and 04000102 time, the meter's local time in the site's zone), and reports the offset:
// meter time minus the daemon's UTC at the read, in whole seconds. Readings keep the daemon's
// own sample time whatever the meter's clock says; an offset beyond the meter's
// clock_alarm_s (default kMeterClockLimitS) is counted, logged and raises alarm
// meter_clock_off (alarm_tracker.h), never used to correct anything. [[meter]] clock_read_s
// sets how often the clock is read (docs/site-config.md).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "greentwin/clock.h"
#include "greentwin/dlt645.h"
#include "meter_link.h"

namespace gt::ingest {

// The default clock_alarm_s. Beyond five minutes a 15-minute total could land in the neighbouring
// period on the meter's own frozen readings, and a drift that large is not a matter of seconds a
// month.
constexpr double kMeterClockLimitS = 300;

// The offset in seconds of a meter whose clock shows `date_week` (YYMMDDWW) and `time`
// (hhmmss) in a zone `utc_offset_minutes` east of UTC, read at daemon time `utc`.
dlt645::Result<double> meterClockOffsetS(double date_week, double time, TimeMs utc,
                                         int utc_offset_minutes);

class MeterClockWatch {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  MeterClockWatch(int utc_offset_minutes, std::chrono::milliseconds every);

  bool due(SteadyTime now) const { return now >= next_read_; }

  // Reads date, time and the date again (when the day turned between the two date reads, the
  // time says which one goes with it) from the meter at `address`. On success the offset is
  // kept and the next read is `every` away; after a failure it is a minute away (or `every`
  // when that is shorter).
  std::optional<LinkError> read(MeterLink& link, const LinkTarget& target,
                                const std::string& address, const std::function<TimeMs()>& utc,
                                SteadyTime now);

  std::optional<double> offsetS() const { return offset_s_; }
  std::optional<TimeMs> readAt() const { return read_at_; }  // daemon UTC of that read

 private:
  int utc_offset_minutes_;
  std::chrono::milliseconds every_;
  SteadyTime next_read_{};  // the epoch: due at once
  std::optional<double> offset_s_;
  std::optional<TimeMs> read_at_;
};

}  // namespace gt::ingest
