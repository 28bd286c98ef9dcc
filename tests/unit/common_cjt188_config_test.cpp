// Site configuration of CJ/T 188 meters: protocol "cjt188", 14-digit address, meter_type, and
// templates whose points name a field of the 901FH reply; each mistake names file:line:col.
#include <catch2/catch.hpp>

#include <string>

#include "greentwin/cjt188.h"
#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

// Line numbers in the messages below count the blank first line: meter W-01 starts on line
// 24, H-01 on line 34.
const char* kSite = R"(
[site]
id = "t"

[[area]]
id = "plant"

[[equipment]]
id = "HX-01"
area = "plant"

[[template]]
id = "heat"
points = [
  { name = "q", field = "current_heat", di = 0x901F, unit = "kWh", kind = "cumulative" },
  { name = "p", field = "heat_power", di = 0x901F, unit = "kW", primary = true },
  { name = "ts", field = "supply_temp", di = 0x901F, unit = "degC" },
]

[[template]]
id = "water"
points = [{ name = "v", field = "current_flow", di = 0x901F, unit = "m3", kind = "cumulative" }]

[[meter]]
id = "W-01"
energy = "water"
protocol = "cjt188"
serial = "/dev/ttyUSB2"
address = "00000012345678"
meter_type = "water"
template = "water"
equipment = "HX-01"

[[meter]]
id = "H-01"
energy = "heat"
protocol = "cjt188"
serial = "/dev/ttyUSB2"
address = "00000012345679"
meter_type = "heat"
template = "heat"
equipment = "HX-01"
)";

}  // namespace

TEST_CASE("cjt188 meters: fields of 901FH, 14-digit addresses, meter types", "[config][cjt188]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  REQUIRE(site.meters.size() == 2);
  const gt::Meter& w = site.meters[0];
  CHECK(w.protocol == gt::Protocol::Cjt188);
  CHECK(gt::protocolName(w.protocol) == "cjt188");
  CHECK(w.address == "00000012345678");
  CHECK(w.meter_type == gt::cjt188::kColdWater);
  CHECK(gt::usesSerial(w));
  CHECK(w.serial.baud == 2400);
  CHECK(w.serial.parity == 'E');
  REQUIRE(w.tmpl->points.size() == 1);
  CHECK(w.tmpl->points[0].di == 0x901Fu);
  CHECK(w.tmpl->points[0].field == "current_flow");
  CHECK(w.tmpl->points[0].canonical == "m3");
  const gt::Meter& h = site.meters[1];
  CHECK(h.meter_type == gt::cjt188::kHeat);
  CHECK(h.tmpl->points[1].canonical == "kW");

  const gt::SiteConfig tcp = gt::parseSiteConfig(
      replaced(replaced(kSite, "serial = \"/dev/ttyUSB2\"", "host = \"10.0.0.7\"\nport = 8899"),
               "serial = \"/dev/ttyUSB2\"", "host = \"10.0.0.7\"\nport = 8899"),
      "site.toml");
  CHECK(gt::linkAddress(tcp.meters[1]) == "10.0.0.7:8899");
}

TEST_CASE("cjt188 mistakes name file, line, column and the problem", "[config][cjt188]") {
  CHECK(errorOf(replaced(kSite, "unit = \"kW\"", "unit = \"W\"")) ==
        "site.toml:16:59: point 'p' of template 'heat': field 'heat_power' comes in 'kW' "
        "(converted from the meter's unit code), not 'W'");
  CHECK(errorOf(replaced(kSite, "\"heat_power\"", "\"power\"")) ==
        "site.toml:16:25: point 'p' of template 'heat': unknown CJ/T 188 field 'power' "
        "(current_flow, settlement_flow, settlement_heat, current_heat, heat_power, flow_rate, "
        "supply_temp, return_temp, valve, battery_low)");
  CHECK(errorOf(replaced(kSite, "field = \"supply_temp\", di = 0x901F",
                         "field = \"supply_temp\", di = 0x9020")) ==
        "site.toml:17:46: point 'ts' of template 'heat': CJ/T 188 points read di = 0x901F "
        "(metering data), the only one this daemon knows");
  CHECK(errorOf(replaced(kSite, "\"00000012345678\"", "\"12345678\"")) ==
        "site.toml:29:11: meter 'W-01': address '12345678' is not a CJ/T 188 meter address: 14 "
        "digits as on the meter, e.g. \"00000012345678\"");
  CHECK(errorOf(replaced(kSite, "meter_type = \"water\"", "meter_type = \"steam\"")) ==
        "site.toml:30:14: meter 'W-01': meter_type 'steam' is not water, hot-water, "
        "drinking-water, reclaimed-water, heat, cooling or gas");
  CHECK(errorOf(replaced(kSite, "meter_type = \"heat\"", "meter_type = \"gas\"")) ==
        "site.toml:41:12: meter 'H-01' is a gas meter, whose reply has no field 'current_heat' "
        "(point 'q' of template 'heat')");
  CHECK(errorOf(replaced(kSite, "template = \"water\"", "template = \"heat\"")) ==
        "site.toml:31:12: meter 'W-01' is a water meter, whose reply has no field "
        "'current_heat' (point 'q' of template 'heat')");
  CHECK(errorOf(replaced(kSite, "address = \"00000012345679\"", "address = \"00000012345678\"")) ==
        "site.toml:39:11: meter 'H-01' has the same address 00000012345678 as meter 'W-01' on "
        "/dev/ttyUSB2");
  CHECK(errorOf(replaced(kSite, "meter_type = \"water\"\n", "")) ==
        "site.toml:24:1: meter 'W-01' has no 'meter_type'");
  CHECK(errorOf(replaced(kSite, "protocol = \"cjt188\"", "protocol = \"dlt645\"")) ==
        "site.toml:30:14: meter 'W-01': 'meter_type' is for cjt188 meters only");
}
