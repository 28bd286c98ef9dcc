// Where the viewer's start-up time goes. With GREENTWIN_TIMING=1 in the environment, each
// markStartupPhase() writes "timing <phase> <ms>" to stderr: milliseconds since the process
// started (static initialisation of this library), so the lines of one run read as a
// timeline. Without the variable a mark costs one branch. Thread-safe.
#pragma once

#include <string_view>

namespace gt::engine {

// True when GREENTWIN_TIMING is set to anything but "0" or empty.
bool startupTimingEnabled();

// Writes the timeline line for `phase` (a short name without spaces, e.g. "vulkan.device").
void markStartupPhase(std::string_view phase);

}  // namespace gt::engine
