// Canonical units and conversion to them. Storage and the wire carry canonical units only
// (DEVELOPERS.md "Units and time"); meters report whatever their maker chose.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gt {

// A unit a meter may report in, expressed as "canonical = raw * factor + offset".
struct UnitConversion {
  std::string canonical;  // e.g. "kWh", "kW", "m3", "t/h", "degC"; "" for dimensionless
  double factor = 1.0;
  double offset = 0.0;

  double toCanonical(double raw) const { return raw * factor + offset; }
  double fromCanonical(double canonical_value) const { return (canonical_value - offset) / factor; }
};

// Looks up a unit name as written in a register template ("Wh", "kW", "L/s", "0.1degC" is
// not a unit: scale belongs in the template). Returns nullopt for an unknown unit.
std::optional<UnitConversion> lookupUnit(std::string_view unit);

// The list of accepted unit names, for error messages ("expected one of: ...").
std::string knownUnitNames();

}  // namespace gt
