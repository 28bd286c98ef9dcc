// The simulator's control protocol: one line of text in, one line out, over a ZeroMQ REP
// socket (greentwin-sim --control tcp://127.0.0.1:6609). Requests:
//
//   fault M-03 offline     set a fault: offline | garbage | stuck | regress
//   fault M-03 clear       remove it
//   status                 simulated time and every active fault
//
// Replies start with "ok" or "error:":
//
//   "ok M-03 offline"
//   "ok time=2026-06-02T10:15:00+08:00 speed=60 faults=M-03:offline,M-07:stuck" ("faults=none")
//   "error: no meter 'M-99'"
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

ControlAnswer answerControlRequest(FaultBoard& board, std::string_view request, TimeMs sim_now,
                                   double speed);

}  // namespace gt::sim
