// Loads a model file through Assimp into ModelData (CPU only).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model_data.h"

namespace gt::engine {

// Reads `file` after telling its real format from its first bytes (model_format.h): content
// that disagrees with the extension is read as what it is, and that is written to stderr and,
// when `notes` is given, appended to it.
// Throws std::runtime_error whose message starts with the file path and gives one reason: not
// found, a folder, empty, an unknown format, STEP/IGES (no importer yet), a glTF feature Assimp
// 5.2 cannot read (Draco, meshopt, a missing .bin or image, a truncated GLB), Assimp's own
// error, or no triangles.
ModelData loadModelData(const std::filesystem::path& file,
                        std::vector<std::string>* notes = nullptr);

}  // namespace gt::engine
