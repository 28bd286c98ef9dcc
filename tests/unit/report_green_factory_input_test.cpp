// The green-factory assessment file (green_factory_input.h): the demo example loads whole, and
// each kind of mistake an assessor makes is reported at its file:line:col.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "green_factory_input.h"
#include "green_factory_test_support.h"
#include "greentwin/site_config.h"

using namespace gt;
using namespace gt::report;
using namespace gt::report::testing;

namespace {

// `text` with the first `from` replaced by `to`; the line (1-based) where it stands.
std::string replaced(std::string text, const std::string& from, const std::string& to,
                     int* line = nullptr) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  if (line) *line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  return text.replace(at, from.size(), to);
}

std::string loadError(const std::string& text) {
  try {
    parseGreenFactoryInput(text, "gf.toml", greenFactoryScoreTable());
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the demo assessment file loads whole", "[report][green-factory]") {
  const GreenFactoryInput in =
      loadGreenFactoryInput(kGreenFactoryDemoFile, greenFactoryScoreTable());
  CHECK(in.demo_data);
  CHECK(in.year == 2025);
  CHECK(in.output_value.value == 52000);
  CHECK(in.output_value.unit == "10^4 yuan");
  CHECK(in.floors.size() == 7);
  CHECK(in.basic.size() == 9);
  // 94 items of Table C.1, less the 20 judged from data (infra-20, perf-01, -02, -04..-20).
  CHECK(in.items.size() == 74);
  CHECK(in.benchmarks.size() == 14);
  REQUIRE(in.cnc_tools);
  CHECK(in.cnc_tools->value == 96);
  // Every number remembers where it was entered: land_area_m2 is on its own line, column 16.
  CHECK(in.land_area.defined_at.ends_with(":16"));
  CHECK(in.land_area.source == "不动产权证书及竣工测绘报告（演示）");
}

TEST_CASE("assessment file mistakes name their file:line:col", "[report][green-factory]") {
  const std::string text = greenFactoryDemoText();
  int line = 0;

  SECTION("an item id Table C.1 lacks") {
    const std::string t = replaced(text, "id = \"infra-07\"", "id = \"infra-7\"", &line);
    CHECK(loadError(t) == "gf.toml:" + std::to_string(line) +
                              ":6: [[item]]: 'infra-7' is not an item of DB 64/T 1930-2023 "
                              "Table C.1");
  }
  SECTION("points above the item's full score") {
    const std::string t =
        replaced(text, "id = \"infra-08\"\npoints = 5", "id = \"infra-08\"\npoints = 6", &line);
    CHECK(loadError(t) ==
          "gf.toml:" + std::to_string(line + 1) + ":10: [[item]]: 'points' is 6, expected 0 to 5");
  }
  SECTION("a misspelt key") {
    const std::string t = replaced(text, "note = \"LED", "asessor = \"李\"\nnote = \"LED", &line);
    CHECK(loadError(t) ==
          "gf.toml:" + std::to_string(line) + ":11: [[item]] has an unknown key 'asessor'");
  }
  SECTION("an entry for an item the data judges") {
    const std::string t =
        text + "\n[[item]]\nid = \"perf-01\"\npoints = 10\nfile = \"x\"\nnote = \"y\"\n";
    const int last = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 3;
    CHECK(loadError(t) == "gf.toml:" + std::to_string(last) +
                              ":6: [[item]]: 'perf-01' is judged from data (Annex B), not entered: "
                              "enter the data it is computed from");
  }
  SECTION("an item entered twice") {
    const std::string t =
        text + "\n[[item]]\nid = \"mgmt-01\"\npoints = 15\nfile = \"x\"\nnote = \"y\"\n";
    CHECK_THAT(loadError(t), Catch::Matches(R"(gf\.toml:\d+:6: \[\[item\]\]: 'mgmt-01' is entered )"
                                            R"(twice \(first at gf\.toml:\d+:6\))"));
  }
  SECTION("a benchmark for an item judged by the standard's own threshold") {
    const std::string t = replaced(text, "item = \"perf-05\"", "item = \"perf-13\"", &line);
    CHECK_THAT(loadError(t), Catch::StartsWith("gf.toml:" + std::to_string(line) +
                                               ":8: [[benchmark]]: 'perf-13' is not judged "
                                               "against a sector benchmark"));
  }
  SECTION("a TOML syntax error") {
    const std::string t = replaced(text, "land_area_m2 = 60000", "land_area_m2 = 60 000", &line);
    CHECK_THAT(loadError(t), Catch::StartsWith("gf.toml:" + std::to_string(line) + ":"));
  }
  SECTION("more green material than material") {
    const std::string t = replaced(text, "green = 1100", "green = 5100", &line);
    CHECK(loadError(t) == "gf.toml:" + std::to_string(line) +
                              ":9: [materials]: green materials exceed the total of main "
                              "materials");
  }
}
