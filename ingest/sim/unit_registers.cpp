// What a simulated meter's registers hold (see unit_registers.h).
#include "unit_registers.h"

#include <cassert>

namespace gt::sim {

UnitRegisters::UnitRegisters(const std::vector<size_t>& meters, const SitePhysics& physics,
                             const FaultBoard& faults, const SimulatedClock& clock) {
  for (size_t index : meters) {
    const Meter& meter = physics.meter(index);
    units_.emplace(meter.unit_id,
                   Unit{FaultedValues(index, physics, faults, clock), RegisterImage(*meter.tmpl)});
  }
}

MeterFault UnitRegisters::fault(int unit_id) const {
  const auto it = units_.find(unit_id);
  assert(it != units_.end());
  return it->second.values.fault();
}

modbus_mapping_t* UnitRegisters::refreshed(int unit_id) {
  const auto it = units_.find(unit_id);
  assert(it != units_.end());
  Unit& unit = it->second;
  unit.image.write(unit.values.now());
  return unit.image.mapping();
}

}  // namespace gt::sim
