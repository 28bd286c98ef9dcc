// PointValidator: the quality flags of each reading of one point (quality.h), from the value,
// the point's template entry and what this point read before. Pure: no I/O, no clock; the
// sample time is a parameter. One validator per point, fed in sample order.
//
// Rules (docs/storage.md "Quality flags"):
//   not_a_number  the registers did not decode (NaN, infinity, bad BCD); value stored as NULL
//   out_of_range  value outside the template's [min, max] (canonical units)
//   regressed     a cumulative point is below its previous reading (reset, rollover, swap)
//   stuck         an instant float point repeats the same non-zero bits for at least
//                 `stuck_polls` polls spanning more than `stuck_ms`. Analog measurements
//                 carried as IEEE floats always jitter in their last bits; an exact repeat for a
//                 minute means the meter (or its gateway cache) stopped updating. Integer
//                 registers are excluded (a 0.1 V resolution voltage may sit still for hours),
//                 and so is 0 (a machine switched off, a PV plant at night).
//   clock_suspect the sample time is earlier than this point's previous one (clock stepped)
//   spike         not flagged yet: a sound limit needs the rated capacity of the metered
//                 equipment, which the site file does not carry (issue 5).
#pragma once

#include <cstdint>
#include <optional>

#include "greentwin/clock.h"
#include "greentwin/site_config.h"

namespace gt::ingest {

struct ValidationRules {
  int stuck_polls = 60;
  TimeMs stuck_ms = 60'000;
};

class PointValidator {
 public:
  explicit PointValidator(const RegisterPoint& point, ValidationRules rules = {});

  // Flags of the reading `value` (canonical units; nullopt when it did not decode) sampled at
  // `t`. Updates the validator's memory of this point.
  uint32_t check(std::optional<double> value, TimeMs t);

 private:
  PointKind kind_;
  bool float_typed_;
  double min_, max_;
  ValidationRules rules_;

  std::optional<double> previous_;  // last decoded value
  TimeMs previous_t_ = 0;
  bool has_time_ = false;
  int repeats_ = 0;          // polls in a row with previous_'s exact bits, including the first
  TimeMs repeat_since_ = 0;  // sample time of the first of them
};

}  // namespace gt::ingest
