// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose sequence is fixed by its
// seed on every platform. std::*_distribution is not used because its output is
// implementation-defined, and the demo model must be byte-identical everywhere.
#pragma once

#include <cstdint>

namespace gt::factorygen {

class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi), from the top 24 bits so every value is an exact float.
  float uniform(float lo, float hi) {
    const float unit = static_cast<float>(next() >> 40) * (1.0f / 16777216.0f);
    return lo + (hi - lo) * unit;
  }
  // Uniform integer in [0, count); count must be positive. The modulo bias is negligible
  // for the small counts the layout uses.
  uint32_t below(uint32_t count) { return static_cast<uint32_t>(next() % count); }

 private:
  uint64_t state_;
};

}  // namespace gt::factorygen
