// Table of units meters report in, and how each converts to GreenTwin's canonical unit.
#include "greentwin/units.h"

#include <array>

namespace gt {
namespace {

struct UnitRow {
  std::string_view name;
  std::string_view canonical;
  double factor;
  double offset;
};

// Canonical units: V, A, kW, kvar, kVA, kWh, kvarh, Hz, "" (ratios), m3, m3/h, t, t/h, degC,
// %, kPa, GJ. Power and energy are kept in k-units because plant reports and the GB/T 2589
// coefficients (kgce/kWh) use them.
constexpr std::array<UnitRow, 34> kUnits{{
    {"V", "V", 1.0, 0.0},          {"kV", "V", 1000.0, 0.0},   {"A", "A", 1.0, 0.0},
    {"mA", "A", 0.001, 0.0},       {"kA", "A", 1000.0, 0.0},   {"W", "kW", 0.001, 0.0},
    {"kW", "kW", 1.0, 0.0},        {"MW", "kW", 1000.0, 0.0},  {"var", "kvar", 0.001, 0.0},
    {"kvar", "kvar", 1.0, 0.0},    {"VA", "kVA", 0.001, 0.0},  {"kVA", "kVA", 1.0, 0.0},
    {"Wh", "kWh", 0.001, 0.0},     {"kWh", "kWh", 1.0, 0.0},   {"MWh", "kWh", 1000.0, 0.0},
    {"kvarh", "kvarh", 1.0, 0.0},  {"Hz", "Hz", 1.0, 0.0},     {"", "", 1.0, 0.0},
    {"m3", "m3", 1.0, 0.0},        {"L", "m3", 0.001, 0.0},    {"m3/h", "m3/h", 1.0, 0.0},
    {"m3/min", "m3/h", 60.0, 0.0}, {"L/s", "m3/h", 3.6, 0.0},  {"L/min", "m3/h", 0.06, 0.0},
    {"kg", "t", 0.001, 0.0},       {"t", "t", 1.0, 0.0},       {"kg/h", "t/h", 0.001, 0.0},
    {"t/h", "t/h", 1.0, 0.0},      {"degC", "degC", 1.0, 0.0}, {"K", "degC", 1.0, -273.15},
    {"%", "%", 1.0, 0.0},          {"kPa", "kPa", 1.0, 0.0},   {"MPa", "kPa", 1000.0, 0.0},
    {"bar", "kPa", 100.0, 0.0},
}};

}  // namespace

std::optional<UnitConversion> lookupUnit(std::string_view unit) {
  for (const UnitRow& row : kUnits) {
    if (row.name == unit) {
      return UnitConversion{std::string(row.canonical), row.factor, row.offset};
    }
  }
  return std::nullopt;
}

std::string knownUnitNames() {
  std::string out;
  for (const UnitRow& row : kUnits) {
    if (row.name.empty()) continue;
    if (!out.empty()) out += ", ";
    out += row.name;
  }
  return out + " and \"\" (dimensionless)";
}

}  // namespace gt
