// A copied SiteConfig keeps every section of site.toml (the copy constructor once forgot
// [[forward]] and [centre]), and its meters point into its own templates, not the original's.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "greentwin/site_config.h"

namespace {

// One of everything site.toml can say, each differing from its default.
const char* kEverySection = R"([site]
id = "plant-a"
name_zh = "一号厂"
name_en = "Plant A"
timezone = "Asia/Urumqi"
accounting = "accounting.toml"
cutaway = ["ROOF"]

[ingest]
publish = "tcp://127.0.0.1:7701"
request = "tcp://127.0.0.1:7702"
database = "a.db"
comm_fault_after = 5
batch_ms = 300
raw_retention_days = 2000

[[area]]
id = "hall"
name_en = "Hall"

[[equipment]]
id = "CNC-01"
area = "hall"
code = "A-B-C-D-E-F"

[[template]]
id = "pm"
points = [{ name = "p", address = 10, type = "int32", unit = "W", primary = true }]

[[meter]]
id = "M-01"
energy = "electricity"
host = "10.0.0.5"
port = 1502
template = "pm"
equipment = "CNC-01"
rated_kw = 15

[[model]]
id = "hall"
file = "hall.glb"
translate = [1, 2, 3]

[[viewpoint]]
id = "door"
eye = [0, 2, 10]
target = [0, 1, 0]

[[forward]]
id = "park"
endpoint = "tcp://park:5560"
batch_rows = 100

[centre]
bind = "tcp://*:5560"
)";

// Every section, compared one by one, so a failure names the section that was lost.
void checkSameSections(const gt::SiteConfig& copy, const gt::SiteConfig& original) {
  CHECK(copy.file == original.file);
  CHECK(copy.id == "plant-a");
  CHECK(copy.name_zh == original.name_zh);
  CHECK(copy.name_en == "Plant A");
  CHECK(copy.timezone == "Asia/Urumqi");
  CHECK(copy.accounting == "/plant/accounting.toml");
  CHECK(copy.cutaway == std::vector<std::string>{"ROOF"});
  CHECK(copy.ingest.publish == "tcp://127.0.0.1:7701");
  CHECK(copy.ingest.request == "tcp://127.0.0.1:7702");
  CHECK(copy.ingest.database == "a.db");
  CHECK(copy.ingest.comm_fault_after == 5);
  CHECK(copy.ingest.batch_ms == 300);
  CHECK(copy.ingest.raw_retention_days == 2000);
  REQUIRE(copy.areas.size() == 1);
  CHECK(copy.areas[0].name_en == "Hall");
  REQUIRE(copy.equipment.size() == 1);
  CHECK(copy.equipment[0].code == "A-B-C-D-E-F");
  REQUIRE(copy.templates.size() == 1);
  CHECK(copy.templates.at("pm").points.size() == 1);
  REQUIRE(copy.meters.size() == 1);
  CHECK(copy.meters[0].host == "10.0.0.5");
  CHECK(copy.meters[0].rated_kw == 15.0);
  CHECK(copy.meters[0].area == "hall");
  REQUIRE(copy.models.size() == 1);
  CHECK(copy.models[0].file == "/plant/hall.glb");
  CHECK(copy.models[0].translate == std::array<double, 3>{1, 2, 3});
  REQUIRE(copy.viewpoints.size() == 1);
  CHECK(copy.viewpoints[0].eye == std::array<double, 3>{0, 2, 10});
  REQUIRE(copy.forward.size() == 1);
  CHECK(copy.forward[0].endpoint == "tcp://park:5560");
  CHECK(copy.forward[0].batch_rows == 100);
  CHECK(copy.centre.bind == "tcp://*:5560");
}

}  // namespace

TEST_CASE("a copied site configuration keeps every section", "[config]") {
  const gt::SiteConfig original = gt::parseSiteConfig(kEverySection, "/plant/site.toml");

  SECTION("copy construction") {
    const gt::SiteConfig copy(original);
    checkSameSections(copy, original);
  }
  SECTION("copy assignment over a configuration that had other sections") {
    gt::SiteConfig copy = gt::parseSiteConfig("[site]\nid = \"other\"\n", "other.toml");
    copy = original;
    checkSameSections(copy, original);
  }
}

TEST_CASE("a copy's meters use the copy's own templates", "[config]") {
  auto original =
      std::make_unique<gt::SiteConfig>(gt::parseSiteConfig(kEverySection, "/plant/site.toml"));
  const gt::SiteConfig copy = *original;
  REQUIRE(copy.meters[0].tmpl != nullptr);
  CHECK(copy.meters[0].tmpl == &copy.templates.at("pm"));
  CHECK(copy.meters[0].tmpl != original->meters[0].tmpl);
  original.reset();  // the copy's pointers must not lead into the freed original
  CHECK(copy.meters[0].tmpl->points.front().name == "p");
}
