// [[meter]] clock_read_s and clock_alarm_s (docs/site-config.md): DL/T 645 meters only, with
// their defaults (hourly reads, 300 s limit), ranges, and errors that name file:line:col.
#include <catch2/catch.hpp>

#include <string>

#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

const char* kSite = R"(
[site]
id = "t"

[[area]]
id = "plant"

[[equipment]]
id = "CNC-01"
area = "plant"

[[template]]
id = "dlt"
points = [{ name = "p", di = 0x02030000, unit = "kW", primary = true }]

[[meter]]
id = "D-01"
energy = "electricity"
protocol = "dlt645"
host = "127.0.0.1"
port = 9000
address = "000000000201"
template = "dlt"
equipment = "CNC-01"
#D-01 extra

[[template]]
id = "mb"
points = [{ name = "p", address = 0, type = "float32", unit = "kW" }]

[[meter]]
id = "M-01"
energy = "electricity"
host = "127.0.0.1"
port = 502
template = "mb"
equipment = "CNC-01"
#M-01 extra
)";

}  // namespace

TEST_CASE("a DL/T 645 meter's clock is read hourly and alarmed beyond 300 s by default",
          "[config][clock]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  const gt::Meter* d = site.findMeter("D-01");
  REQUIRE(d != nullptr);
  CHECK(d->clock_read_s == 3600);
  CHECK(d->clock_alarm_s == 300);
  const gt::SiteConfig set = gt::parseSiteConfig(
      replaced(kSite, "#D-01 extra", "clock_read_s = 60\nclock_alarm_s = 20"), "site.toml");
  CHECK(set.findMeter("D-01")->clock_read_s == 60);
  CHECK(set.findMeter("D-01")->clock_alarm_s == 20);
}

TEST_CASE("clock keys outside DL/T 645 meters or out of range are errors", "[config][clock]") {
  const std::string modbus = errorOf(replaced(kSite, "#M-01 extra", "clock_alarm_s = 60"));
  CHECK(modbus.find("site.toml:") == 0);
  CHECK(modbus.find("'clock_alarm_s' is for dlt645 meters only") != std::string::npos);
  CHECK(errorOf(replaced(kSite, "#D-01 extra", "clock_alarm_s = 0")).find("clock_alarm_s") !=
        std::string::npos);
  CHECK(errorOf(replaced(kSite, "#D-01 extra", "clock_read_s = 86401")).find("clock_read_s") !=
        std::string::npos);
}
