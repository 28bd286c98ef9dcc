// Slowly varying values for any template (see generic_values.h).
#include "generic_values.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "deterministic_noise.h"
#include "knot_series.h"

namespace gt::sim {

double genericValue(const RegisterPoint& point, size_t index, uint64_t meter_stream, TimeMs t,
                    uint64_t seed) {
  const uint64_t h = hashOf(seed, meter_stream, index);
  const double hours = static_cast<double>(t - kIntegrationEpoch) / 3'600'000.0;
  if (point.kind == PointKind::Cumulative) {
    const double rate = 1.0 + 9.0 * unitNoise(h);  // units per hour
    return std::max(point.min > -1e299 ? point.min : 0.0, 0.0) + rate * hours;
  }
  const bool low = point.min > -1e299, high = point.max < 1e299;
  const double centre = low && high ? 0.5 * (point.min + point.max) : (low ? point.min + 100 : 100);
  const double amplitude = low && high ? 0.1 * (point.max - point.min) : 10.0;
  const double period_s = 60.0 + 540.0 * unitNoise(mix64(h));
  const double phase = unitNoise(mix64(h ^ 0x5A5A));
  const double x = static_cast<double>(t) / 1000.0 / period_s + phase;
  return centre + amplitude * std::sin(2.0 * std::numbers::pi * (x - std::floor(x)));
}

std::vector<double> genericValues(const Meter& meter, TimeMs t, uint64_t seed) {
  const uint64_t stream = streamOf(meter.id);
  std::vector<double> out;
  out.reserve(meter.tmpl->points.size());
  for (size_t i = 0; i < meter.tmpl->points.size(); ++i) {
    out.push_back(genericValue(meter.tmpl->points[i], i, stream, t, seed));
  }
  return out;
}

}  // namespace gt::sim
