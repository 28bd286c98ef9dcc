// Values for any register template, without the demo plant's physics (greentwin-sim
// --generic): every instant point wanders slowly around the middle of its range and every
// cumulative point grows at a steady rate. For benchmark sites with thousands of points whose
// names mean nothing to the plant model; the daemon still sees values that change on every
// poll (so float points are never flagged stuck) and totals that never go backwards.
// Pure: a function of (meter, point, time, seed), like the plant model.
#pragma once

#include <cstdint>
#include <vector>

#include "greentwin/clock.h"
#include "greentwin/site_config.h"

namespace gt::sim {

// The canonical value of `point` (index `index` in its template) of the meter whose stream id
// is `meter_stream` (streamOf(meter id)) at simulated time t. Instant points: the middle of
// [min, max] (100 when unbounded) plus up to 10 % of the span (10 when unbounded) in a sine of
// 1 to 10 minutes. Cumulative points: 1 to 10 units an hour since 2020-01-01T00:00+08:00.
double genericValue(const RegisterPoint& point, size_t index, uint64_t meter_stream, TimeMs t,
                    uint64_t seed);

// Every point of the meter's template, in template order.
std::vector<double> genericValues(const Meter& meter, TimeMs t, uint64_t seed);

}  // namespace gt::sim
