// Cache lookup, the importer process on a miss, and the read of the entry it wrote.
#include "model_import.h"

#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "import_process.h"
#include "model_placement.h"
#include "scene_cache.h"

namespace gt::engine {
namespace {

// A temporary entry (cache off, or no usable cache folder) dies with the import.
struct RemoveOnExit {
  std::filesystem::path file;
  ~RemoveOnExit() {
    std::error_code ec;
    if (!file.empty()) std::filesystem::remove(file, ec);
  }
};

std::filesystem::path temporaryEntry() {
  static std::atomic<uint32_t> counter{0};
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  return dir / ("greentwin-import-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
                ".gtscene");
}

// The cache folder to use, or empty when caching is off or the folder cannot be made.
std::filesystem::path usableCacheDir(const ModelImportOptions& options) {
  if (!options.use_cache) return {};
  const std::filesystem::path dir =
      options.cache_dir.empty() ? defaultSceneCacheDir() : options.cache_dir;
  if (dir.empty()) return {};
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!ec) return dir;
  static std::once_flag warned;
  std::call_once(warned, [&] {
    std::fprintf(stderr,
                 "[model] %s: cannot create the model cache folder (%s); models are imported "
                 "every time\n",
                 dir.c_str(), ec.message().c_str());
  });
  return {};
}

}  // namespace

ImportedModel importModel(const std::filesystem::path& file, const ModelImportOptions& options,
                          const LoadProgress& progress, const std::atomic<bool>* cancel) {
  const auto report = [&](float fraction, std::string_view stage) {
    if (progress) progress(fraction, stage);
  };
  // Said here, not by the importer, whose cache key would only say it cannot open the file.
  std::error_code missing;
  if (!std::filesystem::exists(file, missing))
    throw std::runtime_error(file.string() + ": file not found");
  report(0.f, "checking the cache");
  const std::filesystem::path dir = usableCacheDir(options);
  std::optional<SceneCacheKey> key;
  if (!dir.empty()) {
    // A file that cannot even be hashed (missing, a folder) goes straight to the importer,
    // whose checks name the problem exactly as loadModelData does.
    try {
      key = sceneCacheKey(file);
    } catch (const std::runtime_error&) {
    }
  }

  ImportedModel out;
  std::filesystem::path entry;
  RemoveOnExit temporary;
  if (key) {
    entry = sceneCacheFile(dir, *key);
    SceneCacheResult cached = readSceneCache(entry, *key);
    if (cached.model) {
      out.data = std::move(*cached.model);
      out.from_cache = true;
      report(1.f, "read from the cache");
      return out;
    }
    if (cached.miss.reason == SceneCacheMiss::Damaged)
      std::fprintf(stderr, "[model] %s; importing again\n", cached.miss.text.c_str());
  } else {
    entry = temporary.file = temporaryEntry();
  }

  ImportRequest request{findImporter(options.importer), file, entry};
  out.notes = runImportProcess(
      request, [&](float fraction, std::string_view stage) { report(0.85f * fraction, stage); },
      cancel);
  for (const std::string& note : out.notes) std::fprintf(stderr, "%s\n", note.c_str());

  report(0.9f, "reading the imported scene");
  SceneCacheResult written = readSceneCache(entry);
  if (!written.model)
    throw std::runtime_error(file.string() + ": the importer's output cannot be read (" +
                             written.miss.text + ")");
  out.data = std::move(*written.model);
  report(1.f, "imported");
  return out;
}

ImportedModel importModels(const std::vector<ModelPlacement>& models,
                           const ModelImportOptions& options, const LoadProgress& progress,
                           const std::atomic<bool>* cancel) {
  ImportedModel out;
  out.from_cache = true;  // until one model is not
  std::vector<PlacedModel> placed;
  const float share = models.empty() ? 1.f : 1.f / static_cast<float>(models.size());
  for (size_t i = 0; i < models.size(); ++i) {
    const ModelPlacement& model = models[i];
    const float base = share * static_cast<float>(i);
    try {
      ImportedModel one = importModel(
          model.file, options,
          [&](float fraction, std::string_view stage) {
            if (progress) progress(base + share * fraction, stage);
          },
          cancel);
      out.from_cache = out.from_cache && one.from_cache;
      out.notes.insert(out.notes.end(), one.notes.begin(), one.notes.end());
      placed.push_back({model.id,
                        placementTransform(model.translate, model.rotate_deg, model.scale),
                        std::move(one.data)});
    } catch (const std::runtime_error& e) {
      // The others still make a scene: a missing terrain must not hide the machines.
      std::fprintf(stderr, "[model] %s; the other models are loaded without it\n", e.what());
      out.problems.emplace_back(e.what());
    }
  }
  if (placed.empty()) {
    std::string all;
    for (const std::string& problem : out.problems) all += (all.empty() ? "" : "\n") + problem;
    throw std::runtime_error(all.empty() ? "no model to load" : all);
  }
  out.data = mergePlacedModels(std::move(placed));
  return out;
}

}  // namespace gt::engine
