// Site configuration: the demo site loads, and each kind of mistake is reported with
// file:line:column and a message that names the object and the problem.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

const char* kMinimal = R"(
[site]
id = "t"

[[area]]
id = "hall"

[[equipment]]
id = "CNC-01"
area = "hall"

[[template]]
id = "pm"
points = [
  { name = "p", address = 10, type = "int32", order = "CDAB", unit = "W", primary = true },
  { name = "e", address = 20, type = "uint32", unit = "kWh", kind = "cumulative" },
]

[[meter]]
id = "M-01"
energy = "electricity"
host = "127.0.0.1"
port = 1502
template = "pm"
equipment = "CNC-01"
)";

}  // namespace

TEST_CASE("the demo site loads and resolves its references", "[config]") {
  const gt::SiteConfig site = gt::loadSiteConfig(GREENTWIN_SOURCE_DIR "/assets/demo/site.toml");
  CHECK(site.id == "demo-cnc");
  CHECK(site.meters.size() == 20);
  CHECK(site.equipment.size() == 18);
  CHECK(site.model.filename() == "factory.glb");
  CHECK(site.cutaway == std::vector<std::string>{"HALL-ROOF", "HALL-ROOF-GLASS"});
  for (const gt::Meter& m : site.meters) {
    REQUIRE(m.tmpl != nullptr);
    CHECK(m.tmpl->id == m.template_id);
    CHECK(site.findEquipment(m.equipment) != nullptr);
    CHECK(site.findArea(m.area) != nullptr);
  }
  const gt::Meter* m3 = site.findMeter("M-03");
  REQUIRE(m3);
  CHECK(m3->port == 15021);
  CHECK(m3->unit_id == 3);
  const gt::RegisterPoint& p = m3->tmpl->points.at(6);
  CHECK(p.name == "p");
  CHECK(p.canonical == "kW");
  CHECK(p.unit_factor == Approx(0.001));
  CHECK(p.primary);
  CHECK(gt::pointId(*m3, p) == "M-03.p");

  // Copies keep working template pointers of their own.
  gt::SiteConfig copy = site;
  CHECK(copy.meters[0].tmpl == &copy.templates.at(copy.meters[0].template_id));
}

TEST_CASE("a minimal site parses", "[config]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kMinimal, "site.toml");
  REQUIRE(site.meters.size() == 1);
  CHECK(site.meters[0].interval_ms == 1000);
  CHECK(site.meters[0].area == "hall");
  CHECK(site.templates.at("pm").points[1].kind == gt::PointKind::Cumulative);
}

TEST_CASE("mistakes name file, line, column and the problem", "[config]") {
  // Line numbers count from the raw string's first (empty) line as line 1: [[meter]] is on
  // line 19, its port on line 23, the template's first point on line 15.
  CHECK(errorOf(replaced(kMinimal, "template = \"pm\"", "template = \"dtsu\"")) ==
        "site.toml:24:12: meter 'M-01' uses template 'dtsu' which is not defined");
  CHECK(errorOf(replaced(kMinimal, "equipment = \"CNC-01\"", "equipment = \"CNC-09\"")) ==
        "site.toml:25:13: meter 'M-01' measures equipment 'CNC-09' which is not defined");
  CHECK(errorOf(replaced(kMinimal, "area = \"hall\"", "area = \"yard\"")) ==
        "site.toml:10:8: equipment 'CNC-01' is in area 'yard' which is not defined");
  CHECK(errorOf(replaced(kMinimal, "port = 1502", "port = 70000")) ==
        "site.toml:23:8: meter 'M-01': 'port' is 70000, expected 1 to 65535");
  CHECK(errorOf(replaced(kMinimal, "port = 1502", "portt = 1502")) ==
        "site.toml:19:1: meter 'M-01' has no 'port'");
  CHECK(errorOf(replaced(kMinimal, "host = \"127.0.0.1\"", "host = \"127.0.0.1\"\nhots = 1")) ==
        "site.toml:23:8: meter 'M-01' has an unknown key 'hots'");
  CHECK(errorOf(replaced(kMinimal, "unit = \"W\"", "unit = \"Watt\""))
            .starts_with("site.toml:15:70: point 'p' of template 'pm': unknown unit 'Watt'"));
  CHECK(errorOf(replaced(kMinimal, "type = \"int32\"", "type = \"int24\""))
            .starts_with("site.toml:15:38: point 'p' of template 'pm': unknown type 'int24'"));
  CHECK(errorOf(replaced(kMinimal, "id = \"t\"", "id = \"t")).starts_with("site.toml:3:"));
  CHECK(errorOf(replaced(kMinimal, "[[area]]\nid = \"hall\"",
                         "[[area]]\nid = \"hall\"\n[[area]]\nid = \"hall\"")) ==
        "site.toml:8:6: area 'hall' is defined twice");
}

TEST_CASE("a missing file is a clear error", "[config]") {
  CHECK_THROWS_WITH(gt::loadSiteConfig("/nonexistent/site.toml"),
                    "/nonexistent/site.toml: cannot open the site configuration");
}

namespace {
// kMinimal's meter moved to an RS-485 line: [[meter]] on line 19, baud on line 24.
std::string rtuSite() {
  return replaced(kMinimal, "host = \"127.0.0.1\"\nport = 1502",
                  "protocol = \"modbus-rtu\"\nserial = \"/dev/ttyUSB0\"\nbaud = 19200");
}
const char* kSecondRtuMeter = R"(
[[meter]]
id = "M-02"
energy = "electricity"
protocol = "modbus-rtu"
serial = "/dev/ttyUSB0"
baud = 19200
unit_id = 2
template = "pm"
equipment = "CNC-01"
)";
}  // namespace

TEST_CASE("modbus-rtu meters name a serial line with defaults for the framing", "[config]") {
  const gt::SiteConfig site = gt::parseSiteConfig(rtuSite() + kSecondRtuMeter, "site.toml");
  REQUIRE(site.meters.size() == 2);
  const gt::Meter& m = site.meters[0];
  CHECK(m.protocol == gt::Protocol::ModbusRtu);
  CHECK(m.serial.device == "/dev/ttyUSB0");
  CHECK(m.serial.baud == 19200);
  CHECK(m.serial.parity == 'N');
  CHECK(m.serial.data_bits == 8);
  CHECK(m.serial.stop_bits == 1);
  CHECK(m.unit_id == 1);
  CHECK(gt::linkAddress(m) == "/dev/ttyUSB0");
  CHECK(gt::linkAddress(site.meters[1]) == "/dev/ttyUSB0");
  CHECK(gt::protocolName(m.protocol) == "modbus-rtu");

  const gt::SiteConfig framed =
      gt::parseSiteConfig(replaced(rtuSite(), "baud = 19200",
                                   "baud = 9600\nparity = \"E\"\ndata_bits = 7\nstop_bits = 2"),
                          "site.toml");
  CHECK(framed.meters[0].serial.parity == 'E');
  CHECK(framed.meters[0].serial.data_bits == 7);
  CHECK(framed.meters[0].serial.stop_bits == 2);

  const gt::SiteConfig tcp = gt::parseSiteConfig(kMinimal, "site.toml");
  CHECK(tcp.meters[0].protocol == gt::Protocol::ModbusTcp);
  CHECK(gt::linkAddress(tcp.meters[0]) == "127.0.0.1:1502");
}

TEST_CASE("modbus-rtu mistakes name file, line, column and the problem", "[config]") {
  CHECK(errorOf(replaced(rtuSite(), "baud = 19200", "baud = 14400")) ==
        "site.toml:24:8: meter 'M-01': 'baud' is 14400, expected a standard rate: 1200, 2400, "
        "4800, 9600, 19200, 38400, 57600 or 115200");
  CHECK(errorOf(replaced(rtuSite(), "baud = 19200", "parity = \"X\"")) ==
        "site.toml:24:10: meter 'M-01': 'parity' is 'X', expected \"N\" (none), \"E\" (even) or "
        "\"O\" (odd)");
  CHECK(errorOf(replaced(rtuSite(), "baud = 19200", "stop_bits = 3")) ==
        "site.toml:24:13: meter 'M-01': 'stop_bits' is 3, expected 1 to 2");
  CHECK(errorOf(replaced(rtuSite(), "baud = 19200", "data_bits = 6")) ==
        "site.toml:24:13: meter 'M-01': 'data_bits' is 6, expected 7 to 8");
  CHECK(errorOf(replaced(rtuSite(), "serial = \"/dev/ttyUSB0\"\n", "")) ==
        "site.toml:19:1: meter 'M-01' has no 'serial'");
  CHECK(errorOf(replaced(rtuSite(), "baud = 19200", "baud = 19200\nport = 502")) ==
        "site.toml:25:8: meter 'M-01': 'port' is for modbus-tcp meters; a modbus-rtu meter names "
        "its 'serial' port");
  CHECK(errorOf(replaced(kMinimal, "port = 1502", "port = 1502\nbaud = 9600")) ==
        "site.toml:24:8: meter 'M-01': 'baud' is for modbus-rtu meters only");
  CHECK(errorOf(replaced(rtuSite(), "baud = 19200", "baud = 19200\nunit_id = 248")) ==
        "site.toml:25:11: meter 'M-01': 'unit_id' is 248, expected 1 to 247");
  CHECK(errorOf(replaced(kMinimal, "port = 1502", "port = 1502\nprotocol = \"modbus-ascii\"")) ==
        "site.toml:24:12: meter 'M-01': protocol 'modbus-ascii' is not supported (modbus-tcp, "
        "modbus-rtu, dlt645, cjt188)");
  // The second meter starts on line 28: its serial on line 32, its unit_id on line 34.
  CHECK(errorOf(rtuSite() + replaced(kSecondRtuMeter, "unit_id = 2", "unit_id = 1")) ==
        "site.toml:34:11: meter 'M-02' has the same unit id 1 as meter 'M-01' on line "
        "/dev/ttyUSB0");
  CHECK(errorOf(rtuSite() + replaced(kSecondRtuMeter, "baud = 19200", "baud = 9600")) ==
        "site.toml:32:10: meter 'M-02' is on line /dev/ttyUSB0 at 9600 8N1 but meter 'M-01' on "
        "the same line is at 19200 8N1 (one RS-485 line has one speed and framing)");
  // The same unit id on another line is a different meter.
  CHECK_NOTHROW(gt::parseSiteConfig(
      rtuSite() +
          replaced(replaced(kSecondRtuMeter, "unit_id = 2", "unit_id = 1"), "ttyUSB0", "ttyUSB1"),
      "site.toml"));
}

namespace {
// kMinimal with a DL/T 645 template and its meter on a serial line.
std::string dltSite() {
  std::string text = replaced(
      kMinimal,
      "  { name = \"p\", address = 10, type = \"int32\", order = \"CDAB\", unit = \"W\", "
      "primary = true },\n  { name = \"e\", address = 20, type = \"uint32\", unit = \"kWh\", "
      "kind = \"cumulative\" },",
      "  { name = \"p\", di = 0x02030000, unit = \"kW\", primary = true },\n"
      "  { name = \"e\", di = 0x00010000, unit = \"kWh\", kind = \"cumulative\" },");
  return replaced(text, "host = \"127.0.0.1\"\nport = 1502",
                  "protocol = \"dlt645\"\nserial = \"/dev/ttyUSB1\"\naddress = \"000012345678\"");
}
const char* kSecondDltMeter = R"(
[[meter]]
id = "M-02"
energy = "electricity"
protocol = "dlt645"
serial = "/dev/ttyUSB1"
address = "000012345679"
template = "pm"
equipment = "CNC-01"
)";
}  // namespace

TEST_CASE("dlt645 meters: data identifiers, 12-digit addresses, 2400 8E1 or TCP", "[config]") {
  const gt::SiteConfig site = gt::parseSiteConfig(dltSite() + kSecondDltMeter, "site.toml");
  REQUIRE(site.meters.size() == 2);
  const gt::Meter& m = site.meters[0];
  CHECK(m.protocol == gt::Protocol::Dlt645);
  CHECK(gt::protocolName(m.protocol) == "dlt645");
  CHECK(m.address == "000012345678");
  CHECK(gt::usesSerial(m));
  CHECK(m.serial.baud == 2400);
  CHECK(m.serial.parity == 'E');
  CHECK(m.serial.data_bits == 8);
  CHECK(m.serial.stop_bits == 1);
  CHECK(gt::linkAddress(m) == "/dev/ttyUSB1");
  REQUIRE(m.tmpl->points.size() == 2);
  CHECK(m.tmpl->points[0].di == 0x02030000u);
  CHECK(m.tmpl->points[0].canonical == "kW");
  CHECK(m.tmpl->points[1].di == 0x00010000u);

  const gt::SiteConfig tcp = gt::parseSiteConfig(
      replaced(dltSite(), "serial = \"/dev/ttyUSB1\"", "host = \"10.0.0.7\"\nport = 8899"),
      "site.toml");
  CHECK_FALSE(gt::usesSerial(tcp.meters[0]));
  CHECK(gt::linkAddress(tcp.meters[0]) == "10.0.0.7:8899");
}

TEST_CASE("dlt645 mistakes name file, line, column and the problem", "[config]") {
  CHECK(errorOf(replaced(dltSite(), "di = 0x02030000, unit = \"kW\"",
                         "di = 0x02030000, unit = \"W\"")) ==
        "site.toml:15:41: point 'p' of template 'pm': unit 'W' does not match the total active "
        "power of DL/T 645-2007, which is in 'kW'");
  CHECK(errorOf(replaced(dltSite(), "di = 0x02030000,", "di = 0x02030000, address = 3,")) ==
        "site.toml:15:44: point 'p' of template 'pm': 'address' is for Modbus points; a point "
        "with 'di' takes its format from DL/T 645-2007");
  CHECK(
      errorOf(replaced(dltSite(), "di = 0x02030000", "di = 0x12345678"))
          .find(
              "site.toml:15:22: point 'p' of template 'pm': data identifier is not one this daemon "
              "knows (0x00000000, 0x00010000") == 0);
  CHECK(errorOf(replaced(dltSite(), "di = 0x00010000", "address = 20, type = \"uint32\"")) ==
        "site.toml:16:3: template 'pm': point 'e' mixes kinds: a template's points are all "
        "Modbus registers (address), all DL/T 645 data identifiers (di) or all CJ/T 188 fields "
        "(di, field)");
  CHECK(errorOf(replaced(dltSite(), "000012345678", "12345678")) ==
        "site.toml:24:11: meter 'M-01': address '12345678' is not a meter address: 12 digits as "
        "on the nameplate, e.g. \"000012345678\" (999999999999 is broadcast)");
  CHECK(errorOf(replaced(dltSite(), "protocol = \"dlt645\"", "protocol = \"modbus-rtu\"")) ==
        "site.toml:24:11: meter 'M-01': 'address' is for dlt645 and cjt188 meters; a Modbus "
        "meter has a 'unit_id'");
  CHECK(errorOf(replaced(dltSite(), "address = \"000012345678\"", "unit_id = 3")) ==
        "site.toml:24:11: meter 'M-01': a dlt645 meter has a 12-digit 'address', not a 'unit_id'");
  CHECK(errorOf(replaced(
            kMinimal, "host = \"127.0.0.1\"\nport = 1502",
            "protocol = \"dlt645\"\nhost = \"x\"\nport = 1\naddress = \"000000000001\"")) ==
        "site.toml:26:12: meter 'M-01' uses template 'pm' of Modbus registers but speaks dlt645");
  CHECK(errorOf(dltSite() + replaced(kSecondDltMeter, "000012345679", "000012345678")) ==
        "site.toml:33:11: meter 'M-02' has the same address 000012345678 as meter 'M-01' on "
        "/dev/ttyUSB1");
  CHECK(errorOf(dltSite() + replaced(replaced(kSecondDltMeter, "protocol = \"dlt645\"",
                                              "protocol = \"modbus-rtu\""),
                                     "address = \"000012345679\"", "unit_id = 2")) ==
        "site.toml:34:12: meter 'M-02' uses template 'pm' of DL/T 645 data identifiers but speaks "
        "modbus-rtu");
}

TEST_CASE("viewpoints are read with their eye and target", "[config]") {
  const std::string text = std::string(kMinimal) + R"(
[[viewpoint]]
id = "hall"
name_en = "Machining hall"
eye = [10, 4.5, -3]
target = [0, 1, 0]
)";
  const gt::SiteConfig site = gt::parseSiteConfig(text, "site.toml");
  REQUIRE(site.viewpoints.size() == 1);
  CHECK(site.viewpoints[0].name_en == "Machining hall");
  CHECK(site.viewpoints[0].name_zh == "hall");  // falls back to the id
  CHECK(site.viewpoints[0].eye == std::array<double, 3>{10, 4.5, -3});
  CHECK(site.viewpoints[0].target == std::array<double, 3>{0, 1, 0});
  // kMinimal ends on line 27; "eye" is on line 30 and "target" on 31.
  CHECK(errorOf(text) == "no error");
  CHECK(errorOf(replaced(text, "eye = [10, 4.5, -3]", "eye = [10, 4.5]")) ==
        "site.toml:30:7: viewpoint 'hall': 'eye' must be [x, y, z] in metres");
  CHECK(errorOf(replaced(text, "eye = [10, 4.5, -3]", "eye = [10, \"up\", -3]")) ==
        "site.toml:30:12: viewpoint 'hall': 'eye' must hold three numbers");
  CHECK(errorOf(replaced(text, "eye = [10, 4.5, -3]", "eye = [0, 1, 0]")) ==
        "site.toml:31:10: viewpoint 'hall': eye and target are the same point");
  CHECK(errorOf(text + "\n[[viewpoint]]\nid = \"hall\"\neye = [1, 1, 1]\ntarget = [0, 0, 0]\n")
            .ends_with("viewpoint 'hall' is defined twice"));
}
