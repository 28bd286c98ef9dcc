// Probe JSON: fields, nulls and string escaping, as the image tests read them.
#include <catch2/catch.hpp>

#include "probes_json.h"

using namespace gt::twin;

TEST_CASE("probe records are written with nulls for what is not on screen") {
  EquipmentProbe shown;
  shown.id = "CNC-02";
  shown.node_found = true;
  shown.screen_center = glm::vec2(612.5f, 301.f);
  shown.label = ScreenRect{{540.f, 250.f}, {690.f, 276.f}};
  shown.state = "alarm";
  shown.value = "18.4 kW";
  shown.tint = glm::vec4(0.95f, 0.12f, 0.10f, 0.8f);
  EquipmentProbe missing;
  missing.id = "X\"1";
  missing.state = "nodata";
  missing.value = "—";
  const std::string json = probesJson({shown, missing}, {1280, 720});
  CHECK(json.find("\"viewport\":[1280,720]") != std::string::npos);
  CHECK(
      json.find("{\"id\":\"CNC-02\",\"node_found\":true,\"screen_center\":[612.5,301.0],"
                "\"label\":{\"x\":540.0,\"y\":250.0,\"w\":150.0,\"h\":26.0},\"compact\":false,"
                "\"state\":\"alarm\",\"value\":\"18.4 kW\",\"tint\":[0.950,0.120,0.100,0.800]}") !=
      std::string::npos);
  CHECK(
      json.find("{\"id\":\"X\\\"1\",\"node_found\":false,\"screen_center\":null,\"label\":null") !=
      std::string::npos);
  CHECK(json.find("\"value\":\"—\"") != std::string::npos);
}

TEST_CASE("JSON strings escape quotes, backslashes and control characters") {
  CHECK(jsonString("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  CHECK(jsonString("中文") == "\"中文\"");
}
