// The meters one simulated server answers for (behind a TCP gateway or on an RS-485 line), by
// unit id: each meter's register image, refreshed from the plant simulation at the simulated
// time of a request, with the stuck and regress faults applied. The servers own the framing
// and the offline and garbage faults; this class only decides what the registers hold.
#pragma once

#include <cstddef>
#include <map>
#include <vector>

#include <modbus/modbus.h>

#include "faulted_values.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "register_image.h"
#include "simulated_clock.h"

namespace gt::sim {

class UnitRegisters {
 public:
  // `meters` are indices into `physics`; their unit ids must differ (the site file checks).
  // `physics`, `faults` and `clock` must outlive this object.
  UnitRegisters(const std::vector<size_t>& meters, const SitePhysics& physics,
                const FaultBoard& faults, const SimulatedClock& clock);

  bool has(int unit_id) const { return units_.contains(unit_id); }
  // The fault of the meter at `unit_id`, which must exist (has()).
  MeterFault fault(int unit_id) const;
  // The registers of the meter at `unit_id` (which must exist) as of now, for modbus_reply().
  modbus_mapping_t* refreshed(int unit_id);

 private:
  struct Unit {
    FaultedValues values;
    RegisterImage image;
  };

  std::map<int, Unit> units_;  // by unit id
};

}  // namespace gt::sim
