// Consistent electrical quantities of a three-phase feeder (see electrical_values.h).
#include "electrical_values.h"

#include <algorithm>
#include <cmath>

#include "deterministic_noise.h"

namespace gt::sim {
namespace {

const uint64_t kGridVoltage = streamOf("grid-voltage");
const uint64_t kGridVoltageFast = streamOf("grid-voltage-fast");
const uint64_t kGridFrequency = streamOf("grid-frequency");
const uint64_t kGridFrequencyFast = streamOf("grid-frequency-fast");

}  // namespace

ElectricalValues electricalValues(double p_kw, const FeederTraits& feeder, TimeMs t,
                                  uint64_t seed) {
  const double s = static_cast<double>(t) / 1000.0;
  ElectricalValues v;
  v.p_kw = p_kw;
  const double load = std::clamp(std::abs(p_kw) / feeder.rated_kw, 0.0, 1.2);

  // The same grid voltage everywhere on the site, a little lower on a loaded feeder; each
  // phase off by a few tenths of a percent. The tap changer keeps it within +-2 %.
  const double grid = 1.0 + 0.008 * smoothNoise(seed, kGridVoltage, s, 900.0) +
                      0.004 * smoothNoise(seed, kGridVoltageFast, s, 37.0);
  for (int k = 0; k < 3; ++k) {
    const double phase = 0.003 * signedNoise(hashOf(seed, feeder.stream, 100 + k)) +
                         0.001 * smoothNoise(seed, feeder.stream + 7 + k, s, 20.0);
    v.voltage[k] = std::clamp(230.0 * (grid + phase - 0.004 * load), 225.4, 234.6);
  }

  v.frequency = 50.0 + 0.03 * smoothNoise(seed, kGridFrequency, s, 300.0) +
                0.015 * smoothNoise(seed, kGridFrequencyFast, s, 11.0);

  // Induction motors run at a poor power factor when lightly loaded; capacitor banks at the
  // incomer hold the plant's near 0.96 (the utility penalises < 0.9).
  double pf = 0;
  if (feeder.compensated) {
    pf = std::clamp(0.955 + 0.02 * smoothNoise(seed, feeder.stream + 3, s, 600.0), 0.93, 0.98);
  } else {
    pf = std::clamp(
        0.85 + 0.12 * std::sqrt(load) + 0.01 * smoothNoise(seed, feeder.stream + 3, s, 60.0), 0.85,
        0.98);
  }
  v.pf = p_kw < 0 ? -pf : pf;
  v.q_kvar = std::abs(p_kw) * std::tan(std::acos(pf));

  // Unbalance that sums to zero over the phases, so the three currents still carry P.
  const double u0 = 0.015 * signedNoise(hashOf(seed, feeder.stream, 110));
  const double u1 = 0.015 * signedNoise(hashOf(seed, feeder.stream, 111));
  const std::array<double, 3> unbalance{u0, u1, -u0 - u1};
  for (int k = 0; k < 3; ++k) {
    v.current[k] = std::abs(p_kw) * 1000.0 / (3.0 * v.voltage[k] * pf) * (1.0 + unbalance[k]);
  }
  return v;
}

}  // namespace gt::sim
