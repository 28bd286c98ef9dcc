// Loads a model file through Assimp into ModelData (CPU only).
#pragma once

#include <filesystem>

#include "model_data.h"

namespace gt::engine {

// Throws std::runtime_error naming the file and Assimp's reason when the file cannot be read
// or contains no triangles.
ModelData loadModelData(const std::filesystem::path& file);

}  // namespace gt::engine
