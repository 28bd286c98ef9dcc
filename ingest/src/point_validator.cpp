// Quality rules for one point's readings (see point_validator.h for the rules and why).
#include "point_validator.h"

#include <bit>
#include <cmath>

#include "greentwin/dlt645.h"
#include "greentwin/quality.h"

namespace gt::ingest {
namespace {

// The smallest change the register can show, canonical units (the spike rule's margin).
double registerStep(const RegisterPoint& p) {
  if (p.di) {
    const dlt645::DataIdentifier* d = dlt645::findDataIdentifier(*p.di);
    return d ? std::pow(10.0, -d->decimals) * p.unit_factor : 0.0;
  }
  if (p.type == DataType::Float32 || p.type == DataType::Float64) return 0.0;
  return std::abs(p.scale * p.unit_factor);
}

}  // namespace

PointValidator::PointValidator(const RegisterPoint& point, ValidationRules rules)
    : kind_(point.kind),
      float_typed_(point.type == DataType::Float32 || point.type == DataType::Float64),
      power_(point.kind == PointKind::Instant && point.canonical == "kW"),
      energy_(point.kind == PointKind::Cumulative && point.canonical == "kWh"),
      step_(registerStep(point)),
      min_(point.min),
      max_(point.max),
      rules_(rules),
      counter_(point.kind == PointKind::Cumulative ? counterModulus(point) : std::nullopt) {}

void PointValidator::resume(double value, TimeMs t) {
  if (kind_ == PointKind::Cumulative) counter_.resume(value, t);
}

void PointValidator::addReplacement(const CounterEvent& event) {
  if (kind_ == PointKind::Cumulative) counter_.addEvent(event);
}

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

  if (rules_.rated_kw && power_ && std::abs(v) > kSpikeInstantFactor * *rules_.rated_kw) {
    flags |= quality::kSpike;
  }

  if (kind_ == PointKind::Cumulative) {
    const std::optional<double> mark = counter_.reference();
    if (rules_.rated_kw && energy_ && mark && v >= *mark) {
      const double hours = static_cast<double>(t - *counter_.referenceTime()) / 3'600'000.0;
      if (v - *mark > kSpikeMeanFactor * *rules_.rated_kw * std::max(hours, 0.0) + step_) {
        flags |= quality::kSpike;
      }
    }
    // A reading the rule skips (out of range, spike...) is still said to be below the mark.
    if ((flags & counterSkippedQuality()) != 0 && mark && v < *mark) flags |= quality::kRegressed;
    switch (counter_.next(t, v, flags).step) {
      case CounterStep::Regressed:
        flags |= quality::kRegressed;
        break;
      case CounterStep::Rollover:
        flags |= quality::kRollover;
        break;
      default:
        break;
    }
  }

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
