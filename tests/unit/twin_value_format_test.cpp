// Value formatting: decimals per unit, display spelling of units, no "-0.0", NaN as a dash.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "value_format.h"

using gt::twin::formatAmount;
using gt::twin::formatValue;

TEST_CASE("power has one decimal") {
  CHECK(formatValue(18.44, "kW") == "18.4 kW");
  CHECK(formatValue(18.45001, "kW") == "18.5 kW");
  CHECK(formatValue(-3.0, "kvar") == "-3.0 kvar");
  CHECK(formatValue(1234.56, "kW") == "1234.6 kW");
}

TEST_CASE("temperatures have one decimal and a degree sign") {
  CHECK(formatValue(23.46, "degC") == "23.5 °C");
  CHECK(formatValue(-5.04, "degC") == "-5.0 °C");
}

TEST_CASE("flows have two decimals and superscript cubic metres") {
  CHECK(formatValue(12.345, "m3/h") == "12.35 m³/h");
  CHECK(formatValue(0.8, "t/h") == "0.80 t/h");
}

TEST_CASE("other units") {
  CHECK(formatValue(50.004, "Hz") == "50.00 Hz");
  CHECK(formatValue(0.93, "") == "0.930");
  CHECK(formatValue(230.12, "V") == "230.1 V");
  CHECK(formatValue(612.4, "kPa") == "612 kPa");
  CHECK(formatValue(1.23456, "furlong") == "1.23 furlong");
}

TEST_CASE("large cumulative values drop the decimals") {
  CHECK(formatValue(123456.78, "kWh") == "123457 kWh");
  CHECK(formatValue(9999.94, "kWh") == "9999.9 kWh");
}

TEST_CASE("negative zero and non-numbers") {
  CHECK(formatValue(-0.04, "kW") == "0.0 kW");
  CHECK(formatValue(std::numeric_limits<double>::quiet_NaN(), "kW") == "—");
  CHECK(formatValue(std::numeric_limits<double>::infinity(), "kW") == "—");
}

TEST_CASE("panel amounts keep about three significant figures") {
  CHECK(formatAmount(0.3771) == "0.377");
  CHECK(formatAmount(3.456) == "3.46");
  CHECK(formatAmount(12.44) == "12.4");
  CHECK(formatAmount(3120.4) == "3120");
  CHECK(formatAmount(-12.44) == "-12.4");  // a negative loss keeps its sign and its digits
}
