// Shared by the engine model tests (engine_model_*_test.cpp): a folder for the model files a
// test writes, and the check that a box of bounds lies where the test computed by hand.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/camera.h"

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

}  // namespace gt::engine::testing
