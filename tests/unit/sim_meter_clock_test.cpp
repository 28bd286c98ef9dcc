// The simulator's meter clocks: the control protocol's "clock" request sets a meter's skew
// from the wall clock on the FaultBoard, which the DL/T 645 server adds to the wall clock when
// it answers the date and time identifiers (tests/e2e/test_meter_clock.py reads them through
// the daemon).
#include <catch2/catch.hpp>

#include "control_protocol.h"
#include "meter_faults.h"

TEST_CASE("the control protocol sets and clears a meter's clock skew", "[sim][clock]") {
  gt::sim::FaultBoard board({"D-01", "D-02"});
  const gt::TimeMs t = 1'780'394'400'000;
  CHECK(board.clockSkewMs(0) == 0);
  auto a = gt::sim::answerControlRequest(board, "clock D-02 300", t, 1);
  CHECK(a.reply == "ok D-02 clock 300");
  CHECK(board.clockSkewMs(1) == 300'000);
  CHECK(board.clockSkewMs(0) == 0);
  CHECK(gt::sim::answerControlRequest(board, "clock D-01 -2.5", t, 1).reply ==
        "ok D-01 clock -2.5");
  CHECK(board.clockSkewMs(0) == -2'500);
  CHECK(gt::sim::answerControlRequest(board, "clock D-02 clear", t, 1).reply ==
        "ok D-02 clock clear");
  CHECK(board.clockSkewMs(1) == 0);
  CHECK(gt::sim::answerControlRequest(board, "clock D-09 5", t, 1).reply ==
        "error: no meter 'D-09'");
  CHECK(gt::sim::answerControlRequest(board, "clock D-01 soon", t, 1)
            .reply.starts_with("error: 'soon' is not a number"));
  CHECK(gt::sim::answerControlRequest(board, "clock D-01", t, 1).reply.starts_with("error:"));
  CHECK(board.clockSkewMs(7) == 0);  // no such meter index
}
