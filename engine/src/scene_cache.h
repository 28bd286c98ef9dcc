// The binary scene cache: one file per imported model holding its ModelData as raw arrays, so a
// second open skips Assimp and reads a few large blocks instead. Entries are keyed by the
// source's content (plus the files a glTF or OBJ refers to) and stamped with the importer's
// version, so an edited model or a newer importer is a miss, never a wrong scene.
// CPU only; no Vulkan or Assimp types.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "model_data.h"

namespace gt::engine {

// Bump whenever loadModelData's output changes for the same input (a new post-process step, a
// material rule): old cache entries then read as stale and the model is imported again.
// 2: meshoptimizer order and levels of detail; FBX converted to metres, Y up.
// 3: UVs, tangents and glTF material textures (decoded, with mips).
inline constexpr int kModelLoaderVersion = 3;

// The on-disk layout's own version (the header and block order). Bump on any layout change.
// 2: MeshRange carries its LOD ranges. 3: vertex surfaces, textures, material texture slots.
inline constexpr uint32_t kSceneCacheFormatVersion = 3;

// XXH3-128 over the source bytes and, for glTF and OBJ, the size and modification time of the
// buffers, images and material libraries they name.
struct SceneCacheKey {
  std::array<uint8_t, 16> bytes{};
  bool operator==(const SceneCacheKey&) const = default;
  std::string hex() const;  // 32 lowercase hex digits, the entry's file name stem
};

// The key of `source`. Throws std::runtime_error naming the file when it cannot be read.
SceneCacheKey sceneCacheKey(const std::filesystem::path& source);

// "assimp 5.2.5 rev 123 / loader 1": what produced an entry; any difference makes it stale.
std::string importerVersion();

// The folder for cache entries when RendererOptions::cache_dir is empty: $GREENTWIN_CACHE_DIR,
// else $XDG_CACHE_HOME/greentwin/models, else $HOME/.cache/greentwin/models; empty when none of
// these variables is set.
std::filesystem::path defaultSceneCacheDir();

// `dir`/<key>.gtscene.
std::filesystem::path sceneCacheFile(const std::filesystem::path& dir, const SceneCacheKey& key);

// Writes `model` under `file` through a temporary file in the same folder and a rename, so a
// killed writer never leaves half an entry under the final name. Creates the folder.
// Throws std::runtime_error naming the file on any I/O failure.
void writeSceneCache(const std::filesystem::path& file, const ModelData& model,
                     const SceneCacheKey& key);

// Why an entry could not be used: missing, stale (another key or importer version), or damaged.
// `text` is one sentence for the console.
struct SceneCacheMiss {
  enum Reason { Missing, Stale, Damaged } reason = Missing;
  std::string text;
};

// Reads an entry written by writeSceneCache. Every count and size is checked against the file
// size before anything is allocated, and every index against the array it points into, so a
// truncated, corrupt or foreign file gives a miss, never a crash or a huge allocation.
// `expected` (when given) must match the stored key. Never throws for bad content; throws
// std::bad_alloc only if memory runs out for a well-formed entry.
struct SceneCacheResult {
  std::optional<ModelData> model;
  SceneCacheMiss miss;  // meaningful when model is empty
};
SceneCacheResult readSceneCache(const std::filesystem::path& file,
                                const std::optional<SceneCacheKey>& expected = std::nullopt);

}  // namespace gt::engine
