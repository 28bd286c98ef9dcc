// The simulator's control protocol: one line of text in, one line out, over a ZeroMQ REP
// socket (greentwin-sim --control tcp://127.0.0.1:6609). Requests:
//
//   fault M-03 offline     set a fault: offline | garbage | stuck | regress
//   fault M-03 clear       remove it
//   status                 simulated time and every active fault
//   set M-03.p 12.5        pin a point to a value (canonical units) from the next request on
//   set M-03.p clear       unpin it
//   clock D-01 300         DL/T 645 meter's clock 300 s ahead of the wall clock (-300 behind)
//   clock D-01 clear       back in step
//
// Replies start with "ok" or "error:":
//
//   "ok M-03 offline"
//   "ok time=2026-06-02T10:15:00+08:00 speed=60 faults=M-03:offline,M-07:stuck" ("faults=none")
//   "error: no meter 'M-99'"
//   "ok M-03.p 12.5 at=1763870400123" (at: wall-clock UTC ms when the pin took effect)
//   "ok D-01 clock 300"
//
// Pure: the board is changed, the reply returned; the caller sends and logs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"
#include "meter_faults.h"

namespace gt::sim {

struct ControlAnswer {
  std::string reply;
  std::optional<std::string> fault_change;  // "M-03 offline" when a fault was set or cleared
};

// `wall_now`: UTC ms of the wall clock, reported by "set" so that a client can time the step.
ControlAnswer answerControlRequest(FaultBoard& board, std::string_view request, TimeMs sim_now,
                                   double speed, TimeMs wall_now = 0);

}  // namespace gt::sim
