// Register coalescing (ReadPlan) and poll timing (PollSchedule, Backoff): pure rules.
#include <catch2/catch.hpp>

#include "poll_schedule.h"
#include "read_plan.h"

using namespace gt;
using namespace gt::ingest;

namespace {
RegisterPoint pt(RegisterFunction f, uint16_t address, DataType type) {
  RegisterPoint p;
  p.function = f;
  p.address = address;
  p.type = type;
  return p;
}
constexpr auto H = RegisterFunction::Holding;
constexpr auto I = RegisterFunction::Input;
}  // namespace

TEST_CASE("points with gaps and two functions coalesce into few requests", "[plan]") {
  const std::vector<RegisterPoint> points = {
      pt(I, 24, DataType::UInt32),    // input, after a 4-register gap
      pt(H, 0, DataType::Float32),    // holding 0-1
      pt(H, 2, DataType::Float32),    // holding 2-3, contiguous
      pt(H, 10, DataType::UInt16),    // holding 10, gap of 6: joins
      pt(H, 100, DataType::Float64),  // holding 100-103, gap of 89: new request
      pt(I, 0, DataType::UInt16),     // input 0
      pt(I, 1, DataType::Int64),      // input 1-4
      pt(I, 20, DataType::UInt16),    // input 20, gap of 15: new request
  };
  const ReadPlan plan = planReads(points);
  REQUIRE(plan.reads.size() == 4);
  CHECK(plan.reads[0] == RegisterRead{H, 0, 11});
  CHECK(plan.reads[1] == RegisterRead{H, 100, 4});
  CHECK(plan.reads[2] == RegisterRead{I, 0, 5});
  CHECK(plan.reads[3] == RegisterRead{I, 20, 6});
  CHECK(plan.spans_gaps);
  // Each point knows its request and offset.
  CHECK(plan.slots[0].read == 3);
  CHECK(plan.slots[0].offset == 4);
  CHECK(plan.slots[3].read == 0);
  CHECK(plan.slots[3].offset == 10);
  CHECK(plan.slots[4].read == 1);
  CHECK(plan.slots[4].offset == 0);
  CHECK(plan.slots[6].read == 2);
  CHECK(plan.slots[6].offset == 1);
}

TEST_CASE("a gap-free plan reads only used registers", "[plan]") {
  const std::vector<RegisterPoint> points = {pt(H, 0, DataType::UInt16), pt(H, 1, DataType::UInt16),
                                             pt(H, 3, DataType::UInt16)};
  const ReadPlan plan = planReads(points, {125, 0});
  REQUIRE(plan.reads.size() == 2);
  CHECK(plan.reads[0] == RegisterRead{H, 0, 2});
  CHECK(plan.reads[1] == RegisterRead{H, 3, 1});
  CHECK_FALSE(plan.spans_gaps);
}

TEST_CASE("no request exceeds 125 registers", "[plan]") {
  std::vector<RegisterPoint> points;
  for (uint16_t a = 0; a < 300; a += 2) points.push_back(pt(H, a, DataType::Float32));
  const ReadPlan plan = planReads(points);
  REQUIRE(plan.reads.size() == 3);
  CHECK(plan.reads[0] == RegisterRead{H, 0, 124});  // a float32 never splits across requests
  CHECK(plan.reads[1] == RegisterRead{H, 124, 124});
  CHECK(plan.reads[2] == RegisterRead{H, 248, 52});
}

TEST_CASE("overlapping points share registers", "[plan]") {
  const std::vector<RegisterPoint> points = {pt(H, 0, DataType::UInt32),
                                             pt(H, 1, DataType::UInt16)};
  const ReadPlan plan = planReads(points);
  REQUIRE(plan.reads.size() == 1);
  CHECK(plan.reads[0] == RegisterRead{H, 0, 2});
  CHECK(plan.slots[1].offset == 1);
}

TEST_CASE("the schedule stays on its grid and skips missed slots", "[schedule]") {
  const SteadyTime t0{};
  PollSchedule s(Millis(1000), t0);
  CHECK(s.due() == t0);
  s.succeeded(t0 + Millis(300));  // a slow poll does not delay the next one
  CHECK(s.due() == t0 + Millis(1000));
  s.succeeded(t0 + Millis(3500));  // stalled 2.5 s: skip the missed slots, no burst
  CHECK(s.due() == t0 + Millis(4000));
  CHECK(s.skipped() == 2);
}

TEST_CASE("a failing meter goes on backoff after N failures and returns on success", "[schedule]") {
  const SteadyTime t0{};
  PollSchedule s(Millis(1000), t0, 3, Millis(8000));
  s.failed(t0 + Millis(200));
  CHECK(s.due() == t0 + Millis(1000));
  s.failed(t0 + Millis(1200));
  CHECK(s.due() == t0 + Millis(2000));
  s.failed(t0 + Millis(2200));  // third failure: backoff 2 s, 4 s, 8 s, 8 s
  CHECK(s.due() == t0 + Millis(4200));
  s.failed(t0 + Millis(4400));
  CHECK(s.due() == t0 + Millis(8400));
  s.failed(t0 + Millis(8600));
  CHECK(s.due() == t0 + Millis(16600));
  s.failed(t0 + Millis(16800));
  CHECK(s.due() == t0 + Millis(24800));
  s.succeeded(t0 + Millis(25000));
  CHECK(s.due() == t0 + Millis(26000));
  CHECK(s.failuresInARow() == 0);
  s.failed(t0 + Millis(26100));  // back to counting from zero
  CHECK(s.due() == t0 + Millis(27000));
}

TEST_CASE("reconnect backoff doubles up to its cap and resets", "[schedule]") {
  Backoff b(Millis(500), Millis(3000));
  CHECK(b.next() == Millis(500));
  CHECK(b.next() == Millis(1000));
  CHECK(b.next() == Millis(2000));
  CHECK(b.next() == Millis(3000));
  CHECK(b.next() == Millis(3000));
  b.reset();
  CHECK(b.next() == Millis(500));
}
