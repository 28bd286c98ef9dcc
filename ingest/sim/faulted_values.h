// What one simulated meter reads, whatever protocol carries it: the plant simulation's
// canonical values at the simulated time, with the stuck and regress faults applied. The
// servers own the framing and the offline and garbage faults; this class only decides values.
#pragma once

#include <cstddef>
#include <vector>

#include "meter_faults.h"
#include "meter_physics.h"
#include "simulated_clock.h"

namespace gt::sim {

class FaultedValues {
 public:
  // `meter` indexes `physics`; `physics`, `faults` and `clock` must outlive this object.
  FaultedValues(size_t meter, const SitePhysics& physics, const FaultBoard& faults,
                const SimulatedClock& clock);

  size_t meter() const { return meter_; }
  MeterFault fault() const { return faults_.fault(meter_); }
  // Canonical values, one per template point, as of now. A stuck meter repeats what it showed
  // last (the live values when it has shown none yet); a regressed meter's totals fall.
  const std::vector<double>& now();

 private:
  size_t meter_;
  const SitePhysics& physics_;
  const FaultBoard& faults_;
  const SimulatedClock& clock_;
  std::vector<double> shown_;
  bool filled_ = false;
  // While a regress fault lasts, totals fall from where they were when it began.
  std::vector<double> regress_base_;
  TimeMs regress_since_ = -1;
};

}  // namespace gt::sim
