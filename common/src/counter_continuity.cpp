// The continuity rule of cumulative registers (see counter_continuity.h).
#include "greentwin/counter_continuity.h"

#include <algorithm>
#include <cmath>

#include "greentwin/dlt645.h"
#include "greentwin/quality.h"

namespace gt {
namespace {

// A wrap is a drop from the top tenth of the range to its bottom tenth (header comment).
constexpr double kWrapShare = 0.1;

}  // namespace

uint32_t counterSkippedQuality() {
  return quality::kOutOfRange | quality::kStuck | quality::kSpike | quality::kNotANumber |
         quality::kClockSuspect;
}

CounterContinuity::CounterContinuity(std::optional<double> modulus,
                                     std::vector<CounterEvent> events)
    : modulus_(modulus), events_(std::move(events)) {
  std::stable_sort(events_.begin(), events_.end(),
                   [](const CounterEvent& a, const CounterEvent& b) { return a.t < b.t; });
}

void CounterContinuity::resume(double reference, TimeMs t) {
  reference_ = reference;
  reference_t_ = t;
  next_event_ = 0;
  while (next_event_ < events_.size() && events_[next_event_].t <= t) ++next_event_;
}

void CounterContinuity::addEvent(const CounterEvent& event) {
  const auto at =
      std::upper_bound(events_.begin() + static_cast<std::ptrdiff_t>(next_event_), events_.end(),
                       event.t, [](TimeMs t, const CounterEvent& e) { return t < e.t; });
  events_.insert(at, event);
}

CounterIncrement CounterContinuity::next(TimeMs t, std::optional<double> value, uint32_t quality) {
  if (!value || !std::isfinite(*value) || (quality & counterSkippedQuality()) != 0) {
    return {CounterStep::Skipped, 0};
  }
  const double v = *value;
  // Replacements up to this reading: the old meter's last increment, then the new meter.
  double replaced = 0;
  bool was_replaced = false;
  while (next_event_ < events_.size() && events_[next_event_].t <= t) {
    const CounterEvent& e = events_[next_event_++];
    if (reference_) replaced += std::max(0.0, e.old_last - *reference_);
    reference_ = e.new_first;
    reference_t_ = e.t;
    was_replaced = true;
  }
  if (!reference_) {
    reference_ = v;
    reference_t_ = t;
    return {CounterStep::First, 0};
  }
  const double ref = *reference_;
  if (v >= ref) {
    reference_ = v;
    reference_t_ = t;
    return {was_replaced ? CounterStep::Replaced : CounterStep::Counted, replaced + (v - ref)};
  }
  if (modulus_ && ref >= *modulus_ * (1 - kWrapShare) && v <= *modulus_ * kWrapShare) {
    reference_ = v;
    reference_t_ = t;
    return {CounterStep::Rollover, replaced + (*modulus_ - ref) + v};
  }
  // Below the new meter's first reading, or below the high-water mark: only the old meter's
  // last increment (if any) is use.
  if (was_replaced) return {CounterStep::Replaced, replaced};
  return {CounterStep::Regressed, 0};
}

std::optional<double> counterModulus(const RegisterPoint& point) {
  if (point.rollover) return point.rollover;
  if (point.di) {
    const dlt645::DataIdentifier* d = dlt645::findDataIdentifier(*point.di);
    if (d == nullptr || d->is_signed) return std::nullopt;
    // Two BCD digits per byte, `decimals` of them after the point: XXXXXX.XX wraps at 10^6.
    return std::pow(10.0, 2 * d->bytes - d->decimals) * point.unit_factor;
  }
  if (!point.field.empty()) return std::nullopt;  // CJ/T 188: only an explicit rollover
  double raw = 0;
  switch (point.type) {
    case DataType::UInt16:
      raw = 65536.0;
      break;
    case DataType::UInt32:
      raw = 4294967296.0;
      break;
    case DataType::UInt64:
      raw = 18446744073709551616.0;
      break;
    case DataType::Bcd16:
      raw = 1e4;
      break;
    case DataType::Bcd32:
      raw = 1e8;
      break;
    default:
      return std::nullopt;
  }
  if (point.scale <= 0) return std::nullopt;
  return raw * point.scale * point.unit_factor;
}

}  // namespace gt
