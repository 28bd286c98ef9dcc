// PointValidator: the quality flags of each reading of one point (quality.h), from the value,
// the point's template entry and what this point read before. Pure: no I/O, no clock; the
// sample time is a parameter. One validator per point, fed in sample order.
//
// Rules (docs/storage.md "Quality flags"):
//   not_a_number  the registers did not decode (NaN, infinity, bad BCD); value stored as NULL
//   out_of_range  value outside the template's [min, max] (canonical units)
//   regressed     a cumulative point is below its high-water mark: the last reading the
//                 continuity rule counted (greentwin/counter_continuity.h), not merely the
//                 previous reading. A register that drops and then climbs again stays
//                 flagged until it passes the mark, so the climb back is never taken for use.
//                 The mark survives restarts: the daemon resumes it from the store.
//   rollover      a cumulative register wrapped at its modulus (counterModulus()): top tenth
//                 of the range before, bottom tenth now. The reading is good; the use across
//                 the wrap is (modulus - before) + now.
//   stuck         an instant float point repeats the same non-zero bits for at least
//                 `stuck_polls` polls spanning more than `stuck_ms`. Analog measurements
//                 carried as IEEE floats always jitter in their last bits; an exact repeat for a
//                 minute means the meter (or its gateway cache) stopped updating. Integer
//                 registers are excluded (a 0.1 V resolution voltage may sit still for hours),
//                 and so is 0 (a machine switched off, a PV plant at night).
//   clock_suspect the sample time is earlier than this point's previous one (clock stepped)
//   spike         only for a meter with `rated_kw` (site.toml): an instant power (kW) above
//                 kSpikeInstantFactor x rated, or an energy (kWh) increment whose mean power
//                 since the high-water mark is above kSpikeMeanFactor x rated (plus one
//                 register step, so that the resolution of a 1 s poll is not a spike). Motor
//                 starts draw several times their rated current but at a low power factor, so
//                 real power peaks stay about twice the rating; a mean over a whole poll
//                 interval cannot carry a start-up peak, and no equipment runs at 1.5 x its
//                 rating for long without its protection tripping. A spiked energy reading
//                 is not counted and does not move the mark: a one-poll glitch costs nothing,
//                 while a genuine jump is counted later, once the elapsed time makes it
//                 plausible.
#pragma once

#include <cstdint>
#include <optional>

#include "greentwin/clock.h"
#include "greentwin/counter_continuity.h"
#include "greentwin/site_config.h"

namespace gt::ingest {

inline constexpr double kSpikeInstantFactor = 2.0;
inline constexpr double kSpikeMeanFactor = 1.5;

struct ValidationRules {
  int stuck_polls = 60;
  TimeMs stuck_ms = 60'000;
  std::optional<double> rated_kw;  // the meter's `rated_kw`; nullopt: no spike rule
};

class PointValidator {
 public:
  explicit PointValidator(const RegisterPoint& point, ValidationRules rules = {});

  // Flags of the reading `value` (canonical units; nullopt when it did not decode) sampled at
  // `t`. Updates the validator's memory of this point.
  uint32_t check(std::optional<double> value, TimeMs t);

  // Cumulative points: continue from the high-water mark a previous run stored (`value` read
  // at `t`), so that a register already low when the daemon starts is flagged.
  void resume(double value, TimeMs t);
  // Cumulative points: a meter replacement from now on (the new meter's lower readings are
  // not regressions).
  void addReplacement(const CounterEvent& event);

 private:
  PointKind kind_;
  bool float_typed_;
  bool power_;   // instant kW: the spike limit applies to the value
  bool energy_;  // cumulative kWh: the spike limit applies to the mean power of increments
  double step_;  // one register step (canonical units); 0 for floats
  double min_, max_;
  ValidationRules rules_;
  CounterContinuity counter_;

  std::optional<double> previous_;  // last decoded value
  TimeMs previous_t_ = 0;
  bool has_time_ = false;
  int repeats_ = 0;          // polls in a row with previous_'s exact bits, including the first
  TimeMs repeat_since_ = 0;  // sample time of the first of them
};

}  // namespace gt::ingest
