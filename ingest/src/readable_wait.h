// Waiting for a meter's socket or serial line to have bytes, up to a deadline: the one wait the
// hand-framed links (DL/T 645, CJ/T 188, Modbus TCP frame check) share.
#pragma once

#include <poll.h>

#include <cerrno>
#include <chrono>

namespace gt::ingest {

// Waits until `fd` is readable or `deadline` passes: 1, 0 (deadline), -1 (error). The time
// left is rounded up, so a wait under a millisecond still polls instead of giving up early.
inline int waitReadable(int fd, std::chrono::steady_clock::time_point deadline) {
  while (true) {
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
            .count();
    if (left <= 0) return 0;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    return ready;
  }
}

}  // namespace gt::ingest
