// The start-up timeline of GREENTWIN_TIMING=1 (engine/startup_timing.h).
#include "engine/startup_timing.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace gt::engine {
namespace {

// Taken during static initialisation, before main(): the shared libraries are loaded by then,
// so "exec to here" is not counted; the bench's wall clock counts it.
const auto kStart = std::chrono::steady_clock::now();

bool readEnabled() {
  const char* value = std::getenv("GREENTWIN_TIMING");
  return value && *value && std::string_view(value) != "0";
}

}  // namespace

bool startupTimingEnabled() {
  static const bool enabled = readEnabled();
  return enabled;
}

void markStartupPhase(std::string_view phase) {
  if (!startupTimingEnabled()) return;
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kStart).count();
  // One fprintf per line: stdio locks the stream, so lines from the load thread stay whole.
  std::fprintf(stderr, "timing %.*s %.1f\n", static_cast<int>(phase.size()), phase.data(), ms);
}

}  // namespace gt::engine
