// What a simulated meter's registers hold (see unit_registers.h).
#include "unit_registers.h"

#include <algorithm>
#include <cassert>

namespace gt::sim {
namespace {

constexpr double kRegressShare = 0.97;      // a regressed total first reads 3 % low ...
constexpr double kRegressPerSecond = 1e-4;  // ... then loses 0.01 % of itself per second

}  // namespace

UnitRegisters::UnitRegisters(const std::vector<size_t>& meters, const SitePhysics& physics,
                             const FaultBoard& faults, const SimulatedClock& clock)
    : physics_(physics), faults_(faults), clock_(clock) {
  for (size_t index : meters) {
    const Meter& meter = physics.meter(index);
    units_.emplace(meter.unit_id, Unit{index, RegisterImage(*meter.tmpl), false, {}, -1});
  }
}

MeterFault UnitRegisters::fault(int unit_id) const {
  const auto it = units_.find(unit_id);
  assert(it != units_.end());
  return faults_.fault(it->second.meter);
}

modbus_mapping_t* UnitRegisters::refreshed(int unit_id) {
  const auto it = units_.find(unit_id);
  assert(it != units_.end());
  Unit& unit = it->second;
  const MeterFault fault = faults_.fault(unit.meter);
  if (fault == MeterFault::Stuck && unit.filled) return unit.image.mapping();
  const TimeMs now = clock_.now();
  std::vector<double> values = physics_.values(unit.meter, now);
  if (fault == MeterFault::Regress) {
    // A reversed CT or a corrupted totaliser keeps counting backwards, so the meter fault
    // lasts as long as the fault does rather than clearing after one bad poll.
    if (unit.regress_since < 0) {
      unit.regress_since = now;
      unit.regress_base = values;
    }
    const double seconds = static_cast<double>(now - unit.regress_since) / 1000.0;
    const double share = kRegressShare * std::max(0.0, 1.0 - kRegressPerSecond * (seconds + 1.0));
    const auto& points = physics_.meter(unit.meter).tmpl->points;
    for (size_t k = 0; k < points.size() && k < values.size(); ++k) {
      if (points[k].kind == PointKind::Cumulative) values[k] = unit.regress_base[k] * share;
    }
  } else {
    unit.regress_since = -1;
  }
  unit.image.write(values);
  unit.filled = true;
  return unit.image.mapping();
}

}  // namespace gt::sim
