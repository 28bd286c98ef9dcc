// A slowly varying quantity (a machine's mean power, a boiler's mean gas flow) sampled every
// 15 simulated minutes and linear in between, with its exact running integral since a fixed
// epoch. This is how the simulator's cumulative registers (kWh, m3, t) stay consistent:
//
//   total(t) = offset + integral from kIntegrationEpoch to t of the mean
//
// Linear segments integrate in closed form, so the total is exact, only grows for a
// non-negative quantity, and is the same number after a restart of the simulator: it depends
// on the simulated time alone, never on when the simulator was started. Fast, zero-mean
// fluctuations (spindle bursts, compressor load/unload) ride on the instant values only.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "greentwin/clock.h"

namespace gt::sim {

// 2020-01-01T00:00:00+08:00: totals integrate from here. --start before it is refused.
inline constexpr TimeMs kIntegrationEpoch = 1'577'808'000'000;
inline constexpr TimeMs kKnotSpacingMs = 15 * 60'000;

class KnotSeries {
 public:
  enum class Part {
    Whole,     // integrate the value
    Positive,  // integrate max(0, value): energy imported
    Negative,  // integrate max(0, -value): energy exported
  };

  // `sample` gives the quantity at a knot time; it must be pure (same time, same value).
  KnotSeries(std::function<double(TimeMs)> sample, Part part);

  // The value at `t`, interpolated between the knots around it.
  double valueAt(TimeMs t) const;

  // Integral of the chosen part from kIntegrationEpoch to t, in value-units x hours (kW ->
  // kWh, m3/h -> m3). 0 for t before the epoch. Thread-safe.
  double integralHours(TimeMs t) const;

 private:
  double segmentIntegralHours(double a, double b, double hours) const;
  double dayIntegralHours(int64_t day) const;

  std::function<double(TimeMs)> sample_;
  Part part_;
  // whole_days_[d]: integral from the epoch to the start of day d after it. Grown on demand
  // and kept, because summing years of knots on every poll would be slow.
  mutable std::mutex mutex_;
  mutable std::vector<double> whole_days_{0.0};
};

}  // namespace gt::sim
