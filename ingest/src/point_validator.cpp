// Quality rules for one point's readings (see point_validator.h for the rules and why).
#include "point_validator.h"

#include <bit>
#include <cmath>

#include "greentwin/quality.h"

namespace gt::ingest {

PointValidator::PointValidator(const RegisterPoint& point, ValidationRules rules)
    : kind_(point.kind),
      float_typed_(point.type == DataType::Float32 || point.type == DataType::Float64),
      min_(point.min),
      max_(point.max),
      rules_(rules) {}

uint32_t PointValidator::check(std::optional<double> value, TimeMs t) {
  uint32_t flags = quality::kGood;
  if (has_time_ && t < previous_t_) flags |= quality::kClockSuspect;
  previous_t_ = t;
  has_time_ = true;

  if (!value || !std::isfinite(*value)) {
    // Not a value: nothing to compare with, and the run of repeats is broken.
    repeats_ = 0;
    return flags | quality::kNotANumber;
  }
  const double v = *value;
  if (v < min_ || v > max_) flags |= quality::kOutOfRange;

  if (kind_ == PointKind::Cumulative && previous_ && v < *previous_) flags |= quality::kRegressed;

  if (kind_ == PointKind::Instant && float_typed_) {
    const bool same =
        previous_ && std::bit_cast<uint64_t>(v) == std::bit_cast<uint64_t>(*previous_);
    if (same && v != 0.0 && repeats_ > 0) {
      ++repeats_;
    } else {
      repeats_ = 1;
      repeat_since_ = t;
    }
    if (v != 0.0 && repeats_ >= rules_.stuck_polls && t - repeat_since_ > rules_.stuck_ms) {
      flags |= quality::kStuck;
    }
  }
  previous_ = v;
  return flags;
}

}  // namespace gt::ingest
