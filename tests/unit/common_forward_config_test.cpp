// [[forward]] and [centre] in site.toml: defaults, a centre without meters, and mistakes
// reported with file:line:column.
#include <catch2/catch.hpp>

#include <string>

#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

// A site forwarding to two centres; line 4 is the first [[forward]]'s endpoint.
const char* kSite = R"([site]
id = "plant-a"
[[forward]]
id = "park"
endpoint = "tcp://park:5560"
[[forward]]
id = "group"
endpoint = "tcp://group.example:5560"
batch_rows = 2000
resend_ms = 1000
)";

// A centre: no meters, no areas.
const char* kCentre = R"([site]
id = "park"
[centre]
bind = "tcp://*:5560"
)";

}  // namespace

TEST_CASE("[[forward]] lists the upper centres, with defaults", "[config][forward]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  REQUIRE(site.forward.size() == 2);
  CHECK(site.forward[0].id == "park");
  CHECK(site.forward[0].endpoint == "tcp://park:5560");
  CHECK(site.forward[0].batch_rows == 5000);
  CHECK(site.forward[0].resend_ms == 5000);
  CHECK(site.forward[1].batch_rows == 2000);
  CHECK(site.forward[1].resend_ms == 1000);
  CHECK(site.centre.bind.empty());
}

TEST_CASE("[centre] makes a centre, which needs no meters", "[config][forward]") {
  const gt::SiteConfig centre = gt::parseSiteConfig(kCentre, "site.toml");
  CHECK(centre.centre.bind == "tcp://*:5560");
  CHECK(centre.meters.empty());
  CHECK(centre.forward.empty());
}

TEST_CASE("forwarding mistakes name file, line and column", "[config][forward]") {
  CHECK(errorOf(replaced(kSite, "endpoint = \"tcp://park:5560\"", "endpoint = \"park:5560\"")) ==
        "site.toml:5:12: forward 'park': 'endpoint' must be a ZeroMQ endpoint such as "
        "\"tcp://centre:5560\"");
  CHECK(errorOf(replaced(kSite, "id = \"group\"", "id = \"park\"")) ==
        "site.toml:7:6: forward 'park' is defined twice");
  CHECK(errorOf(replaced(kSite, "tcp://group.example:5560", "tcp://park:5560")) ==
        "site.toml:8:12: forward 'group' has the same endpoint as forward 'park'");
  CHECK(errorOf(replaced(kSite, "batch_rows = 2000", "batch_rows = 0")) ==
        "site.toml:9:14: forward 'group': 'batch_rows' is 0, expected 1 to 100000");
  CHECK(errorOf(replaced(kSite, "resend_ms = 1000", "resend_s = 1")) ==
        "site.toml:10:12: forward 'group' has an unknown key 'resend_s'");
  CHECK(errorOf(replaced(kSite, "endpoint = \"tcp://park:5560\"\n", "")) ==
        "site.toml:3:1: forward 'park' has no 'endpoint'");
  CHECK(errorOf(replaced(kCentre, "bind = \"tcp://*:5560\"", "bind = 5560")) ==
        "site.toml:4:8: [centre]: 'bind' must be a string");
  CHECK(errorOf("centre = 1\n[site]\nid = \"park\"\n") ==
        "site.toml:1:10: 'centre' must be a table");
}

TEST_CASE("[[forward]] alarm_after_s defaults to 600 s and must be positive", "[config][forward]") {
  const gt::SiteConfig site = gt::parseSiteConfig(
      replaced(kSite, "resend_ms = 1000", "resend_ms = 1000\nalarm_after_s = 30"), "site.toml");
  CHECK(site.forward[0].alarm_after_s == 600);
  CHECK(site.forward[1].alarm_after_s == 30);
  CHECK(errorOf(replaced(kSite, "resend_ms = 1000", "resend_ms = 1000\nalarm_after_s = 0"))
            .find("alarm_after_s") != std::string::npos);
}
