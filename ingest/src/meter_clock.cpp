// Reading a DL/T 645 meter's clock and its offset from the daemon's (see meter_clock.h).
#include "meter_clock.h"

#include <algorithm>

namespace gt::ingest {

dlt645::Result<double> meterClockOffsetS(double date_week, double time, TimeMs utc,
                                         int utc_offset_minutes) {
  const auto local = dlt645::clockLocalMs(date_week, time);
  if (!local.ok()) return dlt645::Result<double>::fail(local.error());
  const TimeMs meter_utc = local.value() - static_cast<TimeMs>(utc_offset_minutes) * 60'000;
  return static_cast<double>(meter_utc - utc) / 1000.0;
}

MeterClockWatch::MeterClockWatch(int utc_offset_minutes, std::chrono::milliseconds every)
    : utc_offset_minutes_(utc_offset_minutes), every_(every) {}

std::optional<LinkError> MeterClockWatch::read(MeterLink& link, const LinkTarget& target,
                                               const std::string& address,
                                               const std::function<TimeMs()>& utc, SteadyTime now) {
  next_read_ = now + std::min<std::chrono::milliseconds>(every_, std::chrono::minutes(1));
  const ValueResult date = link.readValue(target, ValueRead{address, dlt645::kDiDateWeek});
  if (!date.ok()) return date.error();
  const ValueResult time = link.readValue(target, ValueRead{address, dlt645::kDiTime});
  const TimeMs at = utc();
  if (!time.ok()) return time.error();
  const ValueResult date_after = link.readValue(target, ValueRead{address, dlt645::kDiDateWeek});
  if (!date_after.ok()) return date_after.error();
  // Midnight between the date reads: a time before noon belongs to the later date.
  const double day = date.value() == date_after.value() || time.value() >= 120000
                         ? date.value()
                         : date_after.value();
  const auto offset = meterClockOffsetS(day, time.value(), at, utc_offset_minutes_);
  if (!offset.ok()) return LinkError{LinkErrorKind::BadFrame, 0, offset.error()};
  offset_s_ = offset.value();
  read_at_ = at;
  next_read_ = now + every_;
  return std::nullopt;
}

}  // namespace gt::ingest
