// Simulated time: start + wall time elapsed since the simulator started x speed. Profiles and
// cumulative integration both follow it, so --speed 60 plays an hour of plant per minute.
#pragma once

#include <chrono>
#include <cmath>

#include "greentwin/clock.h"

namespace gt::sim {

// Pure form, for tests: simulated time after `wall_elapsed_ms` of real time.
inline TimeMs simulatedTime(TimeMs start, int64_t wall_elapsed_ms, double speed) {
  return start + static_cast<TimeMs>(std::llround(static_cast<double>(wall_elapsed_ms) * speed));
}

class SimulatedClock {
 public:
  SimulatedClock(TimeMs start, double speed)
      : start_(start), speed_(speed), wall_start_(std::chrono::steady_clock::now()) {}

  TimeMs now() const {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - wall_start_);
    return simulatedTime(start_, elapsed.count(), speed_);
  }
  TimeMs start() const { return start_; }
  double speed() const { return speed_; }

 private:
  TimeMs start_;
  double speed_;
  std::chrono::steady_clock::time_point wall_start_;  // steady: immune to NTP steps
};

}  // namespace gt::sim
