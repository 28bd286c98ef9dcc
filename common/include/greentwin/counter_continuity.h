// CounterContinuity: the one rule that turns the readings of a cumulative register (an energy
// or volume total) into the use between them. The validator (quality flags), the aggregates
// (bucket energy) and the report's period reader all feed it, so the rule lives here only.
// Pure: no I/O, no clock.
//
// The reference is the last reading that was counted (the register's high-water mark):
//   - a reading at or above it counts `value - reference` and becomes the reference;
//   - roll-over: a register of modulus M (counterModulus()) read near its top before and near
//     zero now wrapped: it counts `(M - reference) + value`. "Near" is the top and bottom
//     tenth of M: a meter that used a tenth of its range in one poll interval is not a meter;
//   - replacement: a CounterEvent (the old meter's last reading, the new one's first) between
//     the reference and the reading counts the old meter's last increment
//     `old_last - reference`, then the new meter from `new_first` on;
//   - any other drop is a regression (a reversed CT, a corrupted totaliser, a swapped meter
//     nobody recorded): nothing is counted and the reference stays where it was. The readings
//     below it are never use, and neither is the climb back up to it: only what lies above
//     the high-water mark counts, which is the use the meter really saw.
// Readings whose quality has a bad flag other than `regressed` (out of range, stuck, spike,
// not a number, clock suspect) are skipped: neither counted nor a new reference. `regressed`
// itself is not trusted as an input: a replacement recorded after the fact makes the new
// meter's readings (flagged `regressed` when polled) usable again.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "greentwin/clock.h"
#include "greentwin/site_config.h"

namespace gt {

// A meter replaced (or its register reset) at `t`: the old meter's last reading and the new
// meter's first, canonical units. Stored in table counter_event (docs/storage.md).
struct CounterEvent {
  TimeMs t = 0;
  double old_last = 0;
  double new_first = 0;
};

// What a reading meant for the register.
enum class CounterStep : uint8_t {
  First,      // no reference yet: the reading becomes the reference, nothing counted
  Counted,    // at or above the reference: `increment` counted
  Rollover,   // wrapped at the modulus: `increment` counted across the wrap
  Replaced,   // a replacement event lies before it: `increment` counted on both meters
  Regressed,  // below the reference, no wrap, no event: nothing counted, reference kept
  Skipped,    // no value or a bad quality flag: nothing counted, reference kept
};

struct CounterIncrement {
  CounterStep step = CounterStep::Skipped;
  double increment = 0;  // canonical units, >= 0
};

class CounterContinuity {
 public:
  // `modulus`: where the register wraps (canonical units), nullopt when it never does.
  // `events`: the point's replacements, any order.
  explicit CounterContinuity(std::optional<double> modulus = std::nullopt,
                             std::vector<CounterEvent> events = {});

  // Starts from a reading already counted (the last one before a period, or the last one a
  // previous run stored). Replacement events at or before `t` are taken as already applied.
  void resume(double reference, TimeMs t);
  // Adds a replacement recorded while readings are being fed (the daemon's live path).
  void addEvent(const CounterEvent& event);

  // The next reading, in time order. `quality` as stored (quality.h).
  CounterIncrement next(TimeMs t, std::optional<double> value, uint32_t quality);

  std::optional<double> reference() const { return reference_; }
  std::optional<TimeMs> referenceTime() const { return reference_t_; }

 private:
  std::optional<double> modulus_;
  std::vector<CounterEvent> events_;  // by time
  std::size_t next_event_ = 0;        // first event not yet applied
  std::optional<double> reference_;
  std::optional<TimeMs> reference_t_;
};

// Quality bits that make a reading unusable for the continuity rule (all bad flags but
// `regressed`, which the rule decides itself).
uint32_t counterSkippedQuality();

// Where a cumulative register wraps, in canonical units, from its layout or its explicit
// `rollover` key: an unsigned N-bit register at 2^N x scale, a BCD register at 10^digits x
// scale, a DL/T 645 value of format XXXXXX.XX at 10^6 (the digits before the point). Signed
// and float registers have none (a float loses resolution long before it wraps).
std::optional<double> counterModulus(const RegisterPoint& point);

}  // namespace gt
