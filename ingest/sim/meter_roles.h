// What kind of plant equipment a meter measures, as far as the simulator's physics cares.
// Recognised from the equipment id's prefix (the demo site's convention: TR-01, CNC-03, ...)
// and the meter's energy type; anything else gets a generic load or flow.
#pragma once

#include <string_view>

#include "greentwin/site_config.h"

namespace gt::sim {

enum class MeterRole {
  Incomer,              // TR-*: the whole site's electricity minus PV; exports when PV wins
  CncMachine,           // CNC-*: spindle load bursts during production
  AssemblyLine,         // ASM-*
  PaintBooth,           // PNT-*, electricity: fans and curing
  PaintBoothGas,        // PNT-*, natural gas: curing burners
  AirCompressor,        // AC-*: load/unload cycling, lead and lag by site order
  CompressedAirHeader,  // AR-*, compressed air: what the compressors deliver
  BoilerGas,            // BLR-*, natural gas: follows the steam it raises
  BoilerSteam,          // BLR-*, steam: production plus winter heating
  Chiller,              // CH-*: follows outdoor temperature and production
  PvPlant,              // PV-*: the rooftop plant, a bell curve under clouds
  WaterTreatment,       // WT-*, water: pumped in bursts
  WeatherStation,       // WS-* or energy "environment"
  OtherElectric,        // any other electricity meter: a small production load
  OtherFlow,            // any other meter: a flow that follows production
};

MeterRole meterRoleOf(const Meter& meter);
std::string_view meterRoleName(MeterRole role);

// Roles whose meters show three-phase electrical quantities (ua ... f, ep_imp, ep_exp).
bool isElectrical(MeterRole role);

}  // namespace gt::sim
