// Greedy coalescing of register points into read requests (see read_plan.h).
#include "read_plan.h"

#include <algorithm>
#include <cassert>
#include <numeric>

#include "greentwin/register_codec.h"

namespace gt::ingest {

ReadPlan planReads(const std::vector<RegisterPoint>& points, const ReadPlanOptions& options) {
  assert(options.max_registers >= 1 && options.max_registers <= 125);
  assert(options.max_gap >= 0);
  ReadPlan plan;
  plan.slots.resize(points.size());

  std::vector<std::size_t> order(points.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (points[a].function != points[b].function) {
      return points[a].function == RegisterFunction::Holding;
    }
    return points[a].address < points[b].address;
  });

  int used_end = 0;  // one past the last register used by a point of the current request
  for (std::size_t index : order) {
    const RegisterPoint& p = points[index];
    const int begin = p.address;
    const int end = begin + registerCount(p.type);
    bool joins = false;
    if (!plan.reads.empty()) {
      const RegisterRead& last = plan.reads.back();
      const int last_begin = last.address;
      joins = last.function == p.function && begin - used_end <= options.max_gap &&
              std::max(end, used_end) - last_begin <= options.max_registers;
    }
    if (joins) {
      RegisterRead& last = plan.reads.back();
      if (begin > used_end) plan.spans_gaps = true;
      used_end = std::max(used_end, end);
      last.count = static_cast<uint16_t>(used_end - last.address);
    } else {
      plan.reads.push_back(RegisterRead{p.function, p.address, static_cast<uint16_t>(end - begin)});
      used_end = end;
    }
    plan.slots[index] = ReadPlan::Slot{plan.reads.size() - 1,
                                       static_cast<uint16_t>(begin - plan.reads.back().address)};
  }
  return plan;
}

}  // namespace gt::ingest
