// Wall-clock time as stored and sent: UTC, integer milliseconds since the Unix epoch.
#pragma once

#include <chrono>
#include <cstdint>

namespace gt {

using TimeMs = int64_t;

inline TimeMs nowUtcMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace gt
