// A simulated meter's values with its stuck and regress faults (see faulted_values.h).
#include "faulted_values.h"

#include <algorithm>

namespace gt::sim {
namespace {

constexpr double kRegressShare = 0.97;      // a regressed total first reads 3 % low ...
constexpr double kRegressPerSecond = 1e-4;  // ... then loses 0.01 % of itself per second

}  // namespace

FaultedValues::FaultedValues(size_t meter, const SitePhysics& physics, const FaultBoard& faults,
                             const SimulatedClock& clock)
    : meter_(meter), physics_(physics), faults_(faults), clock_(clock) {}

const std::vector<double>& FaultedValues::now() {
  const MeterFault fault = faults_.fault(meter_);
  if (fault == MeterFault::Stuck && filled_) return shown_;
  const TimeMs t = clock_.now();
  std::vector<double> values = physics_.values(meter_, t);
  if (fault == MeterFault::Regress) {
    // A reversed CT or a corrupted totaliser keeps counting backwards, so the meter fault
    // lasts as long as the fault does rather than clearing after one bad poll.
    if (regress_since_ < 0) {
      regress_since_ = t;
      regress_base_ = values;
    }
    const double seconds = static_cast<double>(t - regress_since_) / 1000.0;
    const double share = kRegressShare * std::max(0.0, 1.0 - kRegressPerSecond * (seconds + 1.0));
    const auto& points = physics_.meter(meter_).tmpl->points;
    for (size_t k = 0; k < points.size() && k < values.size(); ++k) {
      if (points[k].kind == PointKind::Cumulative) values[k] = regress_base_[k] * share;
    }
  } else {
    regress_since_ = -1;
  }
  for (const auto& [point, value] : faults_.pins(meter_)) {
    if (point < values.size()) values[point] = value;
  }
  shown_ = std::move(values);
  filled_ = true;
  return shown_;
}

}  // namespace gt::sim
