// Site configuration: the demo site loads, and each kind of mistake is reported with
// file:line:column and a message that names the object and the problem.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "greentwin/site_config.h"

namespace {

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

std::string errorOf(const std::string& text) {
  try {
    gt::parseSiteConfig(text, "site.toml");
  } catch (const gt::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

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
