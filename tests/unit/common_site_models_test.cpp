// site.toml's [[model]] entries: several models placed in one scene, defaults, the lone
// [site] model as a one-entry list, and mistakes named by file, line and column.
#include <catch2/catch.hpp>

#include <string>

#include "greentwin/site_config.h"
#include "site_config_test_support.h"

namespace {

using gt::testing::errorOf;
using gt::testing::replaced;

// Line numbers below count from the first line after R"(.
const char* kModels = R"([site]
id = "t"

[[model]]
id = "hall"
file = "models/hall.glb"

[[model]]
file = "pump.fbx"
translate = [12.5, 0, -3]
yaw = 90
scale = 0.001

[[model]]
id = "terrain"
file = "ground.obj"
rotate_deg = [-90, 0, 0]
)";

}  // namespace

TEST_CASE("[[model]] entries place several models", "[config]") {
  const gt::SiteConfig site = gt::parseSiteConfig(kModels, "/plant/site.toml");
  REQUIRE(site.models.size() == 3);
  CHECK(site.model.empty());
  CHECK(site.models[0].id == "hall");
  CHECK(site.models[0].file == "/plant/models/hall.glb");
  CHECK(site.models[0].scale == 1.0);
  CHECK(site.models[0].translate == std::array<double, 3>{0, 0, 0});
  CHECK(site.models[1].id == "pump");  // the file's stem when no id is given
  CHECK(site.models[1].translate == std::array<double, 3>{12.5, 0, -3});
  CHECK(site.models[1].rotate_deg == std::array<double, 3>{0, 90, 0});
  CHECK(site.models[1].scale == 0.001);
  CHECK(site.models[2].rotate_deg == std::array<double, 3>{-90, 0, 0});

  const gt::SiteConfig copy = site;  // the copy keeps them
  CHECK(copy.models.size() == 3);
}

TEST_CASE("a lone [site] model is a one-entry list without an id", "[config]") {
  const gt::SiteConfig site =
      gt::parseSiteConfig("[site]\nid = \"t\"\nmodel = \"factory.glb\"\n", "/plant/site.toml");
  REQUIRE(site.models.size() == 1);
  CHECK(site.models[0].id.empty());
  CHECK(site.models[0].file == "/plant/factory.glb");
  CHECK(site.model == "/plant/factory.glb");
  CHECK(gt::parseSiteConfig("[site]\nid = \"t\"\n", "site.toml").models.empty());
}

TEST_CASE("[[model]] mistakes name file, line, column and the problem", "[config]") {
  CHECK(errorOf(replaced(kModels, "file = \"pump.fbx\"", "file = \"hall.fbx\"")) ==
        "site.toml:9:8: model 'hall' is defined twice; give each [[model]] its own id");
  CHECK(errorOf(replaced(kModels, "id = \"terrain\"", "id = \"a/b\"")) ==
        "site.toml:15:6: model 'a/b': the id must not be empty or contain '/'");
  CHECK(errorOf(replaced(kModels, "scale = 0.001", "scale = 0")) ==
        "site.toml:12:9: model 'pump': scale must be a number above 0");
  CHECK(errorOf(replaced(kModels, "yaw = 90", "yaw = 90\nrotate_deg = [0, 1, 0]")) ==
        "site.toml:11:7: model 'pump': give rotate_deg or yaw, not both");
  CHECK(errorOf(replaced(kModels, "translate = [12.5, 0, -3]", "translate = [12.5, 0]")) ==
        "site.toml:10:13: model 'pump': 'translate' must be [x, y, z] in metres");
  CHECK(errorOf(replaced(kModels, "yaw = 90", "yaw = \"east\"")) ==
        "site.toml:11:7: model 'pump': 'yaw' must be a number");
  CHECK(errorOf(replaced(kModels, "scale = 0.001", "scale = 0.001\nunits = \"mm\"")) ==
        "site.toml:13:9: model 'pump' has an unknown key 'units'");
  CHECK(errorOf(replaced(kModels, "id = \"t\"", "id = \"t\"\nmodel = \"x.glb\""))
            .starts_with("site.toml:"));
  CHECK_THAT(errorOf(replaced(kModels, "id = \"t\"", "id = \"t\"\nmodel = \"x.glb\"")),
             Catch::Contains("[[model]] and [site] model cannot both name the 3D model"));
  CHECK(errorOf(replaced(kModels, "file = \"ground.obj\"\n", "")) ==
        "site.toml:14:1: model has no 'file'");
}
