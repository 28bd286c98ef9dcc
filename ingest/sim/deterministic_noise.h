// Repeatable randomness for the simulator: every "random" number is a hash of the seed, a
// stream name and a bucket index, so a value at a given simulated time is the same on every
// run, in every thread and after a restart. No generator state to carry around or lock.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace gt::sim {

// splitmix64's finaliser: a bijection that spreads every input bit over the output.
inline uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

inline uint64_t hashOf(uint64_t seed, uint64_t stream, uint64_t bucket) {
  return mix64(mix64(mix64(seed) ^ stream) ^ static_cast<uint64_t>(bucket));
}

// FNV-1a: turns a name ("M-02", "weather") into a stream id.
inline uint64_t streamOf(std::string_view name) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

// Uniform in [0, 1).
inline double unitNoise(uint64_t h) {
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

// Uniform in [-1, 1).
inline double signedNoise(uint64_t h) {
  return 2.0 * unitNoise(h) - 1.0;
}

// Value noise in [-1, 1]: a random value every `period_s` seconds, eased between them, so the
// signal wanders smoothly instead of jumping every sample. Mean zero over long spans.
inline double smoothNoise(uint64_t seed, uint64_t stream, double t_s, double period_s) {
  const double x = t_s / period_s;
  const double cell = std::floor(x);
  const double f = x - cell;
  const double ease = f * f * (3.0 - 2.0 * f);
  const auto i = static_cast<int64_t>(cell);
  const double a = signedNoise(hashOf(seed, stream, static_cast<uint64_t>(i)));
  const double b = signedNoise(hashOf(seed, stream, static_cast<uint64_t>(i + 1)));
  return a + (b - a) * ease;
}

}  // namespace gt::sim
