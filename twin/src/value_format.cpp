// Decimals and display spelling per canonical unit (the canonical units are listed in
// common/src/units.cpp).
#include "value_format.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace gt::twin {
namespace {

struct UnitStyle {
  std::string_view canonical;
  std::string_view display;
  int decimals;
};

constexpr std::array<UnitStyle, 17> kStyles{{
    {"kW", "kW", 1},
    {"kvar", "kvar", 1},
    {"kVA", "kVA", 1},
    {"kWh", "kWh", 1},
    {"kvarh", "kvarh", 1},
    {"V", "V", 1},
    {"A", "A", 1},
    {"Hz", "Hz", 2},
    {"", "", 3},
    {"m3", "m³", 1},
    {"m3/h", "m³/h", 2},
    {"t", "t", 2},
    {"t/h", "t/h", 2},
    {"degC", "°C", 1},
    {"%", "%", 1},
    {"kPa", "kPa", 0},
    {"GJ", "GJ", 2},
}};

constexpr int kUnknownUnitDecimals = 2;
constexpr double kNoDecimalsFrom = 10000.0;

const UnitStyle* findStyle(std::string_view canonical_unit) {
  for (const UnitStyle& style : kStyles) {
    if (style.canonical == canonical_unit) return &style;
  }
  return nullptr;
}

}  // namespace

std::string displayUnit(std::string_view canonical_unit) {
  const UnitStyle* style = findStyle(canonical_unit);
  return std::string(style ? style->display : canonical_unit);
}

int decimalsFor(std::string_view canonical_unit) {
  const UnitStyle* style = findStyle(canonical_unit);
  return style ? style->decimals : kUnknownUnitDecimals;
}

std::string formatValue(double value, std::string_view canonical_unit) {
  if (!std::isfinite(value)) return std::string(kNoValue);
  const int decimals = std::fabs(value) >= kNoDecimalsFrom ? 0 : decimalsFor(canonical_unit);
  // Rounding to the shown precision first makes -0.04 print as "0.0", not "-0.0".
  const double scale = std::pow(10.0, decimals);
  double shown = std::round(value * scale) / scale;
  if (shown == 0.0) shown = 0.0;  // turns -0.0 into +0.0
  char number[64];
  std::snprintf(number, sizeof number, "%.*f", decimals, shown);
  std::string out(number);
  const std::string unit = displayUnit(canonical_unit);
  if (!unit.empty()) {
    out += ' ';
    out += unit;
  }
  return out;
}

std::string formatAmount(double value) {
  char text[32];
  const double a = std::abs(value);
  std::snprintf(text, sizeof text,
                a >= 100  ? "%.0f"
                : a >= 10 ? "%.1f"
                : a >= 1  ? "%.2f"
                          : "%.3f",
                value);
  return text;
}

}  // namespace gt::twin
