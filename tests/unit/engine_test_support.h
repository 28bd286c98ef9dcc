// Shared by the engine tests: a folder for the model files a test writes and the check that a
// box of bounds lies where the test computed by hand (engine_model_*_test.cpp), and the headless
// render tests' frame, pixel probes, OBJ boxes and screen projection (engine_ribbon_test.cpp,
// engine_render_features_test.cpp); the IFC preamble of the IFC import tests.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "engine/camera.h"
#include "engine/renderer.h"

namespace gt::engine::testing {

// A folder under the system's temporary directory, created at once and left behind (the next run
// overwrites the same files), so a failing test's inputs can be opened afterwards.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / name) {
    std::filesystem::create_directories(path_);
  }
  const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` as the file `name` in the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// `b` spans `min`..`max` to 0.1 mm.
inline void checkBox(const Bounds& b, glm::vec3 min, glm::vec3 max) {
  INFO("min " << b.min.x << " " << b.min.y << " " << b.min.z << ", max " << b.max.x << " "
              << b.max.y << " " << b.max.z);
  for (int i = 0; i < 3; ++i) {
    CHECK(b.min[i] == Approx(min[i]).margin(1e-4));
    CHECK(b.max[i] == Approx(max[i]).margin(1e-4));
  }
}

// The frame the headless render tests draw: small, so a CPU rasteriser draws it quickly.
inline constexpr int kFrameWidth = 320, kFrameHeight = 240;

// A headless renderer of that frame with validation on (it only warns when the layer is not
// installed, and the tests count its errors); the rest of `options` as given.
inline std::unique_ptr<Renderer> headlessRenderer(RendererOptions options = {}) {
  options.headless = true;
  options.width = kFrameWidth;
  options.height = kFrameHeight;
  options.validation = true;
  return Renderer::create(options);
}

struct Rgb {
  int r, g, b;
};

inline Rgb pixel(const Image& image, int x, int y) {
  const size_t i = (static_cast<size_t>(y) * image.width + x) * 4;
  return {image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]};
}
inline Rgb pixel(const Image& image, glm::ivec2 p) {
  return pixel(image, p.x, p.y);
}

// The largest difference of one channel, 0..255.
inline int difference(Rgb a, Rgb b) {
  return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

inline std::string str(Rgb c) {
  return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b);
}

// Axis-aligned box [lo, hi] as an OBJ object with 6 quads; `base` is the 1-based index of its
// first vertex in the file.
inline void writeBox(std::ostream& out, const char* name, const char* material, glm::vec3 lo,
                     glm::vec3 hi, int base) {
  out << "o " << name << "\n";
  for (int v = 0; v < 8; ++v)
    out << "v " << (v & 1 ? hi.x : lo.x) << " " << (v & 2 ? hi.y : lo.y) << " "
        << (v & 4 ? hi.z : lo.z) << "\n";
  out << "usemtl " << material << "\n";
  // Outward-facing (counter-clockwise seen from outside), so normals point out of the solid.
  const int faces[6][4] = {{1, 3, 4, 2}, {5, 6, 8, 7}, {1, 5, 7, 3},
                           {2, 4, 8, 6}, {3, 7, 8, 4}, {1, 2, 6, 5}};
  for (const auto& f : faces)
    out << "f " << base + f[0] - 1 << " " << base + f[1] - 1 << " " << base + f[2] - 1 << " "
        << base + f[3] - 1 << "\n";
}

inline Image render(Renderer& renderer) {
  REQUIRE(renderer.renderFrame());
  return renderer.readback();
}

// Writes the image under $GREENTWIN_RENDER_TEST_DUMP (when set), for looking at.
inline void dump(const Image& image, const std::string& name) {
  if (const char* dir = std::getenv("GREENTWIN_RENDER_TEST_DUMP"))
    writePng(image, std::filesystem::path(dir) / (name + ".png"));
}

// The pixel of the test frame where `world` is drawn; the point must be in front of the camera.
inline glm::ivec2 screen(Renderer& renderer, const glm::vec3& world) {
  const OrbitCamera& camera = renderer.camera();
  const glm::mat4 vp =
      camera.projection(static_cast<float>(kFrameWidth) / kFrameHeight) * camera.view();
  const std::optional<ScreenPoint> p =
      projectToScreen(vp, camera.view(), world, glm::vec2(kFrameWidth, kFrameHeight));
  REQUIRE(p);
  return glm::ivec2(p->pixel);
}

// The start of an IFC file (ISO 10303-21) in millimetres, Z up, up to the spatial structure
// Project #30 > Site #41 > Building #43 "Hall" > Storey #45 "Ground floor" (placements #40,
// #42, #44; context #24, origin placement #23, Z direction #21); the caller adds the products,
// their IFCRELAGGREGATES and containment, and "ENDSEC;\nEND-ISO-10303-21;\n".
inline std::string ifcHallPreamble(const std::string& schema, const std::string& view_definition,
                                   const std::string& file_name, const std::string& date) {
  return "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('ViewDefinition [" + view_definition +
         "]'),'2;1');\nFILE_NAME('" + file_name + "','" + date +
         "T00:00:00',('GreenTwin'),('GreenTwin'),'','GreenTwin test','');\nFILE_SCHEMA(('" +
         schema + "'));\nENDSEC;\nDATA;\n" + R"(#1=IFCPERSON($,'Test',$,$,$,$,$,$);
#2=IFCORGANIZATION($,'GreenTwin',$,$,$);
#3=IFCPERSONANDORGANIZATION(#1,#2,$);
#4=IFCAPPLICATION(#2,'1','GreenTwin test','GT');
#5=IFCOWNERHISTORY(#3,#4,$,.ADDED.,$,$,$,1704067200);
#10=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
#11=IFCUNITASSIGNMENT((#10));
#20=IFCCARTESIANPOINT((0.,0.,0.));
#21=IFCDIRECTION((0.,0.,1.));
#22=IFCDIRECTION((1.,0.,0.));
#23=IFCAXIS2PLACEMENT3D(#20,#21,#22);
#24=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#23,$);
#30=IFCPROJECT('0YvctVUKr0kugbFTf53O9L',#5,'Plant',$,$,$,$,(#24),#11);
#40=IFCLOCALPLACEMENT($,#23);
#41=IFCSITE('1YvctVUKr0kugbFTf53O9L',#5,'Site',$,$,#40,$,$,.ELEMENT.,$,$,$,$,$);
#42=IFCLOCALPLACEMENT(#40,#23);
#43=IFCBUILDING('2YvctVUKr0kugbFTf53O9L',#5,'Hall',$,$,#42,$,$,.ELEMENT.,$,$,$);
#44=IFCLOCALPLACEMENT(#42,#23);
#45=IFCBUILDINGSTOREY('3YvctVUKr0kugbFTf53O9L',#5,'Ground floor',$,$,#44,$,$,.ELEMENT.,0.);
)";
}

}  // namespace gt::engine::testing
