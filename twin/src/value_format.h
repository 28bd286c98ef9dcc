// How a live value is written on a label or a panel row: the number of decimals a plant
// engineer expects for each canonical unit, and the unit as people write it ("°C", "m³/h");
// and how the KPI and Sankey panels write their amounts.
// Pure; the table lives in value_format.cpp.
#pragma once

#include <string>
#include <string_view>

namespace gt::twin {

// The text shown where there is no value yet (an em dash).
inline constexpr std::string_view kNoValue = "—";

// Unit as displayed: "degC" -> "°C", "m3/h" -> "m³/h", "m3" -> "m³"; other canonical units
// unchanged. "" (dimensionless) stays "".
std::string displayUnit(std::string_view canonical_unit);

// Decimals for a canonical unit: power, energy, voltage, current, temperature and % 1;
// frequency and flows (m3/h, t/h) 2; dimensionless ratios (power factor) 3; pressure (kPa)
// 0. Unknown units 2.
int decimalsFor(std::string_view canonical_unit);

// "18.4 kW", "23.5 °C", "12.35 m³/h", "0.930". Values of 10 000 and more drop the decimals
// (cumulative registers would otherwise make labels wide). Never prints "-0.0". NaN and
// infinities give kNoValue.
std::string formatValue(double value, std::string_view canonical_unit);

// An amount on a panel (a KPI bar, a Sankey label) to about three significant figures, without
// its unit: 0.377, 12.4, 3120. NaN prints as "nan"; the caller decides whether to show it.
std::string formatAmount(double value);

}  // namespace gt::twin
