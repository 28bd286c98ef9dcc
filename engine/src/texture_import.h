// The texture half of reading a glTF metallic-roughness material through Assimp: the five
// texture slots (glTF 2.0 §3.9), their factors, and the images they name, embedded in a GLB
// (or a data: URI) or in files next to the model. Images are decoded here, in the importer
// process, deduplicated by their pixels, and stored in ModelData::textures.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model_data.h"

struct aiScene;
struct aiMaterial;

namespace gt::engine {

class MaterialTextureReader {
 public:
  // `out` receives the decoded textures; `notes` (optional) one line per image that could not
  // be used, as stderr does.
  MaterialTextureReader(const aiScene& scene, std::filesystem::path model_file, ModelData& out,
                        std::vector<std::string>* notes);

  // Fills `mat`'s texture slots, emissive factor, normal scale, occlusion strength and alpha
  // mask from `src`. A missing or undecodable image leaves its slot empty (the factor alone)
  // after one warning naming the model and the image; it never throws for a bad image.
  void read(const aiMaterial& src, Material& mat);

 private:
  int32_t texture(const std::string& reference, bool srgb, const std::string& material);
  void warn(const std::string& text);

  const aiScene& scene_;
  std::filesystem::path model_file_;
  ModelData& out_;
  std::vector<std::string>* notes_;
  std::map<std::pair<std::string, bool>, int32_t> by_reference_;  // -1: unusable, warned once
  std::unordered_map<uint64_t, int32_t> by_hash_;
};

}  // namespace gt::engine
