// What a three-phase meter shows for a given active power: phase voltages, currents, power
// factor, reactive power and frequency, consistent with each other (I = P / (3 U pf),
// Q = P tan(acos pf)). Pure: the grid's small wanderings come from deterministic noise.
#pragma once

#include <array>
#include <cstdint>

#include "greentwin/clock.h"

namespace gt::sim {

struct ElectricalValues {
  std::array<double, 3> voltage{};  // V, line to neutral, 230 +-2 %
  std::array<double, 3> current{};  // A
  double p_kw = 0;                  // kW, negative when exporting
  double q_kvar = 0;                // kvar, inductive positive
  double pf = 1;                    // 0.85-0.98; negative when exporting
  double frequency = 50;            // Hz, 50 +-0.05
};

struct FeederTraits {
  uint64_t stream = 0;       // the meter's noise stream (per-meter unbalance and drop)
  double rated_kw = 100;     // load at which the power factor is best
  bool compensated = false;  // behind capacitor banks: the incomer's pf stays 0.93-0.98
};

ElectricalValues electricalValues(double p_kw, const FeederTraits& feeder, TimeMs t, uint64_t seed);

}  // namespace gt::sim
