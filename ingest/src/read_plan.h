// ReadPlan: which Modbus requests fetch a template's points, with as few round trips as
// possible. Pure: points of the same function whose addresses are contiguous or close are read
// in one request of at most 125 registers (Modbus application protocol §6.3: 1..125 registers
// per read). Reading a few unused registers costs less than another round trip (a round trip
// is 5..50 ms on a gateway); a meter that refuses the gap (exception 02) gets a gap-free plan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "meter_link.h"

namespace gt::ingest {

struct ReadPlanOptions {
  int max_registers = 125;  // per request, 1..125
  int max_gap = 8;          // unused registers a request may span between two points
};

struct ReadPlan {
  // Where a point's registers are: reads[read].registers[offset .. offset + registerCount).
  struct Slot {
    std::size_t read = 0;
    uint16_t offset = 0;
  };
  std::vector<RegisterRead> reads;  // holding registers first, then input; ascending address
  std::vector<Slot> slots;          // one per template point, in template order
  bool spans_gaps = false;          // some request reads registers no point uses
};

ReadPlan planReads(const std::vector<RegisterPoint>& points, const ReadPlanOptions& options = {});

}  // namespace gt::ingest
