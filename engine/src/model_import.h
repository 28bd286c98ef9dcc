// How a model file becomes ModelData in the viewer: a scene cache hit is read directly; a miss
// runs the importer process, which writes the entry, and then reads that. Assimp itself never
// runs inside the viewer process.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/renderer.h"
#include "model_data.h"
#include "model_loader.h"

namespace gt::engine {

struct ModelImportOptions {
  std::filesystem::path cache_dir;  // empty: defaultSceneCacheDir()
  bool use_cache = true;            // false: import every time, keep nothing
  std::filesystem::path importer;   // empty: findImporter's default
};

struct ImportedModel {
  ModelData data;
  bool from_cache = false;
  std::vector<std::string> notes;     // the importer's notes (content disagrees with extension)
  std::vector<std::string> problems;  // importModels: the models left out, one message each
};

// Loads `file`, through the cache when allowed. `progress` hears the stages (0..1, on this
// thread); `cancel` aborts a running import (ImportCancelled). A cache folder that cannot be
// created is warned about once on stderr and the import goes through a temporary file.
// Throws std::runtime_error with loadModelData's messages, or runImportProcess's when the
// importer crashes or cannot be started.
ImportedModel importModel(const std::filesystem::path& file, const ModelImportOptions& options,
                          const LoadProgress& progress = {},
                          const std::atomic<bool>* cancel = nullptr);

// Loads every model of `models` as importModel does and merges them, each placed by its
// transform under its id (model_placement.h). A model that fails is left out and its message
// goes to `problems` and stderr; when every model fails, throws std::runtime_error with all
// the messages, one per line. `progress` hears the whole load, model after model.
// ImportCancelled as importModel.
ImportedModel importModels(const std::vector<ModelPlacement>& models,
                           const ModelImportOptions& options, const LoadProgress& progress = {},
                           const std::atomic<bool>* cancel = nullptr);

}  // namespace gt::engine
