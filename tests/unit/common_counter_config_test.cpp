// Counter keys of site.toml: a point's `rollover` and a meter's `rated_kw`, their effect on
// counterModulus(), and mistakes reported with file:line:column.
#include <catch2/catch.hpp>

#include <string>

#include "greentwin/counter_continuity.h"
#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

// Lines 11 and 12 hold the points, line 19 the meter's rated_kw.
const char* kSite = R"([site]
id = "t"
[[area]]
id = "hall"
[[equipment]]
id = "CNC-01"
area = "hall"
[[template]]
id = "pm"
points = [
  { name = "e", address = 20, type = "uint32", unit = "kWh", scale = 0.01, kind = "cumulative", rollover = 99999999.9 },
  { name = "p", address = 10, type = "int32", unit = "W" },
]
[[meter]]
id = "M-01"
energy = "electricity"
host = "127.0.0.1"
port = 1502
rated_kw = 55
template = "pm"
equipment = "CNC-01"
)";

}  // namespace

TEST_CASE("rollover and rated_kw are read and rollover wins over the layout", "[config]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  const auto& points = site.templates.at("pm").points;
  REQUIRE(points[0].rollover);
  CHECK(*points[0].rollover == 99'999'999.9);
  CHECK(*gt::counterModulus(points[0]) == 99'999'999.9);
  REQUIRE(site.meters[0].rated_kw);
  CHECK(*site.meters[0].rated_kw == 55.0);
  // Without the key: uint32 at 0.01 kWh wraps at 2^32 x 0.01 = 42 949 672.96 kWh.
  const gt::SiteConfig plain =
      gt::parseSiteConfig(replaced(kSite, ", rollover = 99999999.9", ""), "site.toml");
  CHECK_FALSE(plain.templates.at("pm").points[0].rollover);
  CHECK(*gt::counterModulus(plain.templates.at("pm").points[0]) == Approx(42'949'672.96));
}

TEST_CASE("rollover and rated_kw mistakes name the place", "[config]") {
  CHECK_THAT(errorOf(replaced(kSite, "unit = \"W\" }", "unit = \"W\", rollover = 10 }")),
             Catch::Contains("site.toml:12:") && Catch::Contains("rollover is for cumulative"));
  CHECK_THAT(errorOf(replaced(kSite, "rollover = 99999999.9", "rollover = 0")),
             Catch::Contains("site.toml:11:") && Catch::Contains("above zero"));
  CHECK_THAT(errorOf(replaced(kSite, "rated_kw = 55", "rated_kw = -1")),
             Catch::Contains("site.toml:19:") && Catch::Contains("rated_kw must be above zero"));
}
