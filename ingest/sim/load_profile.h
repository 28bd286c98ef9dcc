// Daily profiles of the demo plant, as functions of simulated time: production activity
// (shifts, lunch, nights, weekends), weather (outdoor temperature, humidity, clouds) and
// sunshine. Pure: time and seed in, number out. meter_physics.h turns them into meter values.
#pragma once

#include <cstdint>

#include "greentwin/clock.h"

namespace gt::sim {

// How busy production is, 0 (night, base load only) to 1 (full shift). Weekdays: day shift
// 08:00-20:00 with lunch 12:00-13:00 at a quarter, evening shift 20:00-24:00 at 0.6, off
// 00:00-07:30. Weekends: a maintenance crew at 0.12 from 08:30 to 16:30. Piecewise linear
// with breakpoints on quarter hours, and 0 at midnight so days join without a step.
double productionActivity(TimeMs t);

// The day's order book: production on `local_day` runs at this multiple of normal, 0.85-1.10.
double productionLevel(int64_t local_day, uint64_t seed);

// Outdoor air temperature in degC: seasonal mean for Shanghai (about 4 degC in January to
// 29 degC in July), a daily swing with its minimum near 05:00 and maximum near 14:00, and
// weather that drifts from day to day by up to +-3 degC.
double outdoorTemperature(TimeMs t, uint64_t seed);

// Outdoor relative humidity in %, 30-98, high at night and low in the afternoon.
double relativeHumidity(TimeMs t, uint64_t seed);

// Clear-sky PV output as a fraction of the plant's peak: 0 before 06:00 and after 18:30, a
// bell peaking near 12:15; a little lower in winter.
double clearSkyPvFraction(TimeMs t);

// Share of sunshine the clouds let through, 0.25-1. Slow: changes over tens of minutes, and
// some days are overcast.
double cloudTransmission(TimeMs t, uint64_t seed);

}  // namespace gt::sim
