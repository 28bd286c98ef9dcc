// Storage keys of site.toml (store, deadband, store_heartbeat_s, store_interval_s): the
// template's default, a point's override, cumulative points, and mistakes reported with
// file:line:column; [ingest] raw_retention_days.
#include <catch2/catch.hpp>

#include <string>

#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

// Line 12 holds the template's default, lines 14 and 15 its points.
const char* kSite = R"([site]
id = "t"
[[area]]
id = "hall"
[[equipment]]
id = "CNC-01"
area = "hall"
[ingest]
raw_retention_days = 2000
[[template]]
id = "pm"
store = "deadband"
points = [
  { name = "p", address = 10, type = "int32", unit = "W", deadband = 0.5 },
  { name = "e", address = 20, type = "uint32", unit = "kWh", kind = "cumulative" },
  { name = "q", address = 30, type = "int32", unit = "W", store = "interval", store_interval_s = 300 },
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

TEST_CASE("storage policy: template default, point override, cumulative stays exact", "[config]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  CHECK(site.ingest.raw_retention_days == 2000);
  const auto& points = site.templates.at("pm").points;
  CHECK(points[0].storage.mode == gt::StoreMode::Deadband);
  CHECK(points[0].storage.deadband == 0.5);  // canonical units (kW), as written
  CHECK(points[0].storage.heartbeat_s == 900);
  // The template's deadband does not reach a cumulative register.
  CHECK(points[1].storage.mode == gt::StoreMode::All);
  CHECK(points[2].storage.mode == gt::StoreMode::Interval);
  CHECK(points[2].storage.interval_s == 300);
  // Without keys: every reading.
  const gt::SiteConfig plain =
      gt::parseSiteConfig(replaced(kSite, "store = \"deadband\"\n", ""), "site.toml");
  CHECK(plain.templates.at("pm").points[0].storage.mode == gt::StoreMode::All);
  CHECK(gt::IngestSettings{}.raw_retention_days == 1098);
}

TEST_CASE("storage policy mistakes name file, line and column", "[config]") {
  CHECK(errorOf(replaced(kSite, "store = \"deadband\"", "store = \"some\"")) ==
        "site.toml:12:9: template 'pm': store 'some' is not 'all', 'deadband' or 'interval'");
  CHECK(errorOf(replaced(kSite, "kind = \"cumulative\"",
                         "kind = \"cumulative\", store = "
                         "\"deadband\"")) ==
        "site.toml:15:91: point 'e' of template 'pm': a cumulative register cannot use store = "
        "\"deadband\" (energy would move between periods); use \"interval\" or \"all\"");
  CHECK(errorOf(replaced(kSite, "store_interval_s = 300", "store_interval_s = 7")) ==
        "site.toml:16:98: point 'q' of template 'pm': store_interval_s 7 does not divide 900: "
        "stored rows must end on the 15-minute boundaries of the totals (e.g. 10, 60, 300)");
  CHECK(errorOf(replaced(kSite, "deadband = 0.5", "deadband = -1")) ==
        "site.toml:14:70: point 'p' of template 'pm': deadband must be 0 or more");
  CHECK(errorOf(replaced(kSite, "raw_retention_days = 2000", "raw_retention_days = 365")) ==
        "site.toml:9:22: [ingest]: 'raw_retention_days' is 365, expected 1096 to 100000");
}
