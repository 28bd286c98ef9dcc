// Activity units known to accounting and their factors to the canonical units of storage.
#include "accounting/activity_unit.h"

#include <array>

namespace gt::accounting {
namespace {

constexpr std::array<ActivityUnit, 10> kUnits{{
    {"kWh", "kWh", 1.0},
    {"MWh", "kWh", 1000.0},
    {"m3", "m3", 1.0},
    {"Nm3", "m3", 1.0},
    {"10^4 Nm3", "m3", 10000.0},  // the unit of the GB/T 32151 natural-gas defaults
    {"10^4 m3", "m3", 10000.0},
    {"kg", "t", 0.001},  // GB/T 2589-2020 Annex A publishes solid and liquid fuels per kg
    {"t", "t", 1.0},
    {"MJ", "GJ", 0.001},  // GB/T 2589-2020 Annex A publishes heat per MJ
    {"GJ", "GJ", 1.0},
}};

}  // namespace

std::optional<ActivityUnit> lookupActivityUnit(std::string_view name) {
  for (const ActivityUnit& unit : kUnits) {
    if (unit.name == name) return unit;
  }
  return std::nullopt;
}

std::string knownActivityUnits() {
  std::string names;
  for (const ActivityUnit& unit : kUnits) {
    if (!names.empty()) names += ", ";
    names += unit.name;
  }
  return names;
}

std::optional<double> activityUnitRatio(std::string_view from, std::string_view to) {
  const auto a = lookupActivityUnit(from);
  const auto b = lookupActivityUnit(to);
  if (!a || !b || a->canonical != b->canonical) return std::nullopt;
  return a->to_canonical / b->to_canonical;
}

}  // namespace gt::accounting
