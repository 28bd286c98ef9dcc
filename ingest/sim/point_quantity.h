// Which physical quantity a register-template point shows, from its name, the meter's role and
// its canonical unit ("p" in kW on a three-phase meter is active power; "t" in degC is the
// medium's temperature on a flow meter and the air's on a weather station). Pure.
#pragma once

#include "greentwin/site_config.h"
#include "meter_roles.h"

namespace gt::sim {

// clang-format off
enum class Quantity {
  // three-phase meters
  Ua, Ub, Uc, Ia, Ib, Ic, P, Q, Pf, F, EnergyImport, EnergyExport,
  // PV inverter
  EnergyToday, EnergyTotal, Udc, Idc, InverterTemp,
  // flow meters
  Flow, Total, MediumTemp, Pressure,
  // weather station
  OutdoorTemp, Humidity,
  // anything else: holds a constant
  Unmodelled,
};
// clang-format on

// Unmodelled when the name is unknown for the role or the canonical unit is not the one the
// simulator computes in (V, A, kW, kvar, kWh, Hz, m3/h, m3, t/h, t, degC, kPa, %).
Quantity quantityOf(MeterRole role, const RegisterPoint& point);

// The constant an unmodelled point holds: the middle of its range, or its bound, or 0.
double midRange(const RegisterPoint& point);

}  // namespace gt::sim
