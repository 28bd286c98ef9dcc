// greentwin-sim --generic (values for any template) and pinned points (control "set").
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "control_protocol.h"
#include "generic_values.h"
#include "greentwin/site_config.h"
#include "knot_series.h"
#include "meter_faults.h"

namespace {

gt::RegisterPoint point(gt::PointKind kind, double min, double max) {
  gt::RegisterPoint p;
  p.name = "r0001";
  p.kind = kind;
  p.min = min;
  p.max = max;
  return p;
}

constexpr gt::TimeMs kT = 1'780'394'400'000;  // 2026-06-02T18:00+08:00

}  // namespace

TEST_CASE("generic instant values wander within their range and change every second",
          "[sim][generic]") {
  const gt::RegisterPoint p = point(gt::PointKind::Instant, 0, 500);
  double previous = gt::sim::genericValue(p, 3, 42, kT, 1);
  int changes = 0;
  for (gt::TimeMs t = kT + 1000; t < kT + 600'000; t += 1000) {
    const double v = gt::sim::genericValue(p, 3, 42, t, 1);
    CHECK(v >= 200.0);  // centre 250, amplitude 10 % of the span
    CHECK(v <= 300.0);
    CHECK(std::abs(v - previous) < 5.0);  // slowly: at most a few units a second
    changes += v != previous;
    previous = v;
  }
  CHECK(changes > 590);  // a float point never reads as stuck
  // Unbounded points wander around 100.
  const double u = gt::sim::genericValue(point(gt::PointKind::Instant, -1e300, 1e300), 0, 1, kT, 1);
  CHECK(u >= 90.0);
  CHECK(u <= 110.0);
}

TEST_CASE("generic totals grow steadily and depend only on time and seed", "[sim][generic]") {
  const gt::RegisterPoint p = point(gt::PointKind::Cumulative, -1e300, 1e300);
  const double a = gt::sim::genericValue(p, 7, 42, kT, 1);
  const double b = gt::sim::genericValue(p, 7, 42, kT + 3'600'000, 1);
  CHECK(b - a >= 1.0);  // 1 to 10 units an hour
  CHECK(b - a <= 10.0);
  CHECK(gt::sim::genericValue(p, 7, 42, kT, 1) == a);  // a restarted simulator continues
  CHECK(gt::sim::genericValue(p, 7, 42, gt::sim::kIntegrationEpoch, 1) == 0.0);
}

TEST_CASE("the control protocol pins a point and unpins it", "[sim][faults]") {
  gt::sim::FaultBoard board({"M-01", "M-02"}, {{"p", "ep_imp"}, {"p"}});
  auto a = gt::sim::answerControlRequest(board, "set M-01.ep_imp 12.5", kT, 1, 1'000'123);
  CHECK(a.reply == "ok M-01.ep_imp 12.5 at=1000123");
  REQUIRE(board.pins(0).size() == 1);
  CHECK(board.pins(0)[0] == std::pair<size_t, double>{1, 12.5});
  CHECK(board.pins(1).empty());
  gt::sim::answerControlRequest(board, "set M-01.ep_imp 13", kT, 1);
  CHECK(board.pins(0)[0].second == 13.0);  // a second pin replaces the first
  CHECK(board.pins(0).size() == 1);
  gt::sim::answerControlRequest(board, "set M-01.ep_imp clear", kT, 1);
  CHECK(board.pins(0).empty());

  CHECK(gt::sim::answerControlRequest(board, "set M-02.q 1", kT, 1).reply ==
        "error: no point 'M-02.q'");
  CHECK(gt::sim::answerControlRequest(board, "set M-09.p 1", kT, 1).reply.starts_with("error:"));
  CHECK(gt::sim::answerControlRequest(board, "set M-01.p 1x", kT, 1).reply.starts_with("error:"));
  CHECK(gt::sim::answerControlRequest(board, "set M-01 1", kT, 1).reply.starts_with("error:"));
  CHECK(gt::sim::answerControlRequest(board, "set M-01.p nan", kT, 1).reply.starts_with("error:"));
}
