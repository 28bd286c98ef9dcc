// [[flow]] in site.toml: ends resolved from equipment ids, explicit paths, summed points, and
// mistakes (unknown meters and points, mixed units, both ends and a path) reported with
// file:line:column.
#include <catch2/catch.hpp>

#include <string>

#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

// Line 31 is the first flow's `point`, line 36 the second flow's `path`.
const char* kSite = R"([site]
id = "t"
[[area]]
id = "hall"
[[equipment]]
id = "TR-01"
node = "Transformer"
area = "hall"
[[equipment]]
id = "CNC-01"
area = "hall"
[[template]]
id = "pm"
points = [
  { name = "e", address = 20, type = "uint32", unit = "kWh", kind = "cumulative" },
  { name = "p", address = 10, type = "int32", unit = "W" },
]
[[meter]]
id = "M-01"
energy = "electricity"
host = "127.0.0.1"
port = 1502
template = "pm"
equipment = "TR-01"
[[flow]]
id = "grid-to-cnc"
carrier = "electricity"
from = "TR-01"
to = "CNC-01"
via = [[10, 6, 0]]
point = "M-01.p"
max = 500
[[flow]]
id = "feeder"
carrier = "electricity"
path = [[0, 6, 0], [20, 6, 0], [20, 6, 30]]
point = ["M-01.p", "M-01.p"]
max = 1000
width = 2.5
)";

}  // namespace

TEST_CASE("[[flow]] reads ends, paths, points and their unit", "[config][flow]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  REQUIRE(site.flows.size() == 2);
  const gt::SiteFlow& a = site.flows[0];
  CHECK(a.id == "grid-to-cnc");
  CHECK(a.carrier == gt::EnergyType::Electricity);
  CHECK(a.from == "Transformer");  // the equipment's node, not its id
  CHECK(a.to == "CNC-01");
  CHECK(a.from_where == "site.toml:28:8");
  REQUIRE(a.via.size() == 1);
  CHECK(a.via[0][1] == 6.0);
  CHECK(a.points == std::vector<std::string>{"M-01.p"});
  CHECK(a.unit == "kW");  // the point's canonical unit, the meter reports W
  CHECK(a.max == 500.0);
  CHECK(a.width == 1.2);  // the default
  const gt::SiteFlow& b = site.flows[1];
  CHECK(b.from.empty());
  REQUIRE(b.path.size() == 3);
  CHECK(b.path[2][2] == 30.0);
  CHECK(b.points.size() == 2);
  CHECK(b.width == 2.5);
}

TEST_CASE("a node that is no equipment is kept for the viewer to find", "[config][flow]") {
  const gt::SiteConfig site =
      gt::parseSiteConfig(replaced(kSite, "to = \"CNC-01\"", "to = \"HALL-EAST\""), "site.toml");
  CHECK(site.flows[0].to == "HALL-EAST");
  CHECK(site.flows[0].to_where == "site.toml:29:6");
}

TEST_CASE("[[flow]] mistakes name the place", "[config][flow]") {
  CHECK(errorOf(replaced(kSite, "point = \"M-01.p\"", "point = \"M-09.p\"")) ==
        "site.toml:31:9: flow 'grid-to-cnc': point 'M-09.p' names meter 'M-09', which is not "
        "defined");
  CHECK(errorOf(replaced(kSite, "point = \"M-01.p\"", "point = \"M-01.p_total\"")) ==
        "site.toml:31:9: flow 'grid-to-cnc': meter 'M-01' has no point 'p_total' (its template "
        "'pm' has e, p)");
  CHECK_THAT(errorOf(replaced(kSite, "point = \"M-01.p\"", "point = \"M-01.e\"")),
             Catch::StartsWith("site.toml:31:9: ") && Catch::Contains("cumulative register"));
  CHECK_THAT(errorOf(replaced(kSite, "point = \"M-01.p\"", "point = \"M01p\"")),
             Catch::StartsWith("site.toml:31:9: ") && Catch::Contains("\"<meter>.<point>\""));
  CHECK_THAT(errorOf(replaced(kSite, "[\"M-01.p\", \"M-01.p\"]", "[\"M-01.p\", 3]")),
             Catch::StartsWith("site.toml:37:20: ") && Catch::Contains("must be a string"));
  CHECK_THAT(errorOf(replaced(kSite, "carrier = \"electricity\"", "carrier = \"diesel\"")),
             Catch::StartsWith("site.toml:27:11: ") && Catch::Contains("unknown carrier 'diesel'"));
  CHECK_THAT(errorOf(replaced(kSite, "to = \"CNC-01\"", "to = \"TR-01\"")),
             Catch::StartsWith("site.toml:29:6: ") && Catch::Contains("same node as 'from'"));
  CHECK_THAT(errorOf(replaced(kSite, "id = \"feeder\"", "id = \"feeder\"\nfrom = \"TR-01\"")),
             Catch::Contains("give either 'path' or 'from' and 'to'"));
  CHECK_THAT(
      errorOf(replaced(kSite, "path = [[0, 6, 0], [20, 6, 0], [20, 6, 30]]", "path = [[0, 6]]")),
      Catch::StartsWith("site.toml:36:8: ") && Catch::Contains("at least 2 points"));
  CHECK_THAT(errorOf(replaced(kSite, "max = 500", "max = 0")),
             Catch::StartsWith("site.toml:32:7: ") && Catch::Contains("max"));
  CHECK_THAT(errorOf(replaced(kSite, "id = \"feeder\"", "id = \"grid-to-cnc\"")),
             Catch::Contains("flow 'grid-to-cnc' is defined twice"));
  CHECK_THAT(errorOf(replaced(kSite, "width = 2.5", "widht = 2.5")),
             Catch::StartsWith("site.toml:39:") && Catch::Contains("widht"));
}

TEST_CASE("the points of one flow share a unit", "[config][flow]") {
  std::string text =
      replaced(kSite, "  { name = \"p\",",
               "  { name = \"q\", address = 12, type = \"int32\", unit = \"kvar\" },\n"
               "  { name = \"p\",");
  // One line more above the flows.
  CHECK_THAT(
      errorOf(replaced(text, "[\"M-01.p\", \"M-01.p\"]", "[\"M-01.p\", \"M-01.q\"]")),
      Catch::StartsWith("site.toml:38:20: ") && Catch::Contains("in kvar but 'M-01.p' is in kW"));
}
