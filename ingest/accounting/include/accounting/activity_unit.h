// Units of activity data (how much of an energy was used) and their conversion. Factor files
// keep each coefficient in the unit its standard publishes it in (kgce per kg, GJ per
// 10^4 Nm3); activity data arrives in the store's canonical units (t, m3, kWh, GJ). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gt::accounting {

struct ActivityUnit {
  std::string_view name;       // as written in a factor file or a report: "kg", "10^4 Nm3"
  std::string_view canonical;  // "t", "m3", "kWh" or "GJ"
  double to_canonical = 1.0;   // one `name` is this many `canonical`
};

// The unit called `name`, or nullopt for a unit accounting does not know. Volumes of gas are
// taken at standard conditions whether written "m3" or "Nm3" (meters of fuel gas report
// standard volume).
std::optional<ActivityUnit> lookupActivityUnit(std::string_view name);

// "kWh, MWh, m3, ...": for error messages.
std::string knownActivityUnits();

// How many `to` make one `from` (kg -> t: 0.001). nullopt when either unit is unknown or the
// two measure different things (kWh and GJ are kept apart: electricity is not heat).
std::optional<double> activityUnitRatio(std::string_view from, std::string_view to);

}  // namespace gt::accounting
