// glTF material textures through Assimp 5.2; see texture_import.h.
#include "texture_import.h"

#include <cstdio>
#include <fstream>

#include <assimp/GltfMaterial.h>
#include <assimp/material.h>
#include <assimp/scene.h>

#include "model_format.h"
#include "texture_decode.h"

namespace gt::engine {
namespace {

// Assimp 5.2's glTF 2 importer files each glTF slot under one texture type, some under two;
// the first type that names a texture wins. OBJ and FBX use the older types (diffuse,
// lightmap), which are listed last.
struct SlotSource {
  TextureSlot slot;
  bool srgb;
  aiTextureType types[2];
};
constexpr SlotSource kSlotSources[] = {
    {TextureSlot::BaseColour, true, {aiTextureType_BASE_COLOR, aiTextureType_DIFFUSE}},
    {TextureSlot::Normal, false, {aiTextureType_NORMALS, aiTextureType_NONE}},
    {TextureSlot::MetallicRoughness, false, {aiTextureType_UNKNOWN, aiTextureType_METALNESS}},
    {TextureSlot::Occlusion, false, {aiTextureType_LIGHTMAP, aiTextureType_AMBIENT_OCCLUSION}},
    {TextureSlot::Emissive, true, {aiTextureType_EMISSIVE, aiTextureType_NONE}},
};

std::vector<uint8_t> readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

MaterialTextureReader::MaterialTextureReader(const aiScene& scene, std::filesystem::path model_file,
                                             ModelData& out, std::vector<std::string>* notes)
    : scene_(scene), model_file_(std::move(model_file)), out_(out), notes_(notes) {}

void MaterialTextureReader::warn(const std::string& text) {
  std::fprintf(stderr, "[model] %s\n", text.c_str());
  if (notes_) notes_->push_back(text);
}

void MaterialTextureReader::read(const aiMaterial& src, Material& mat) {
  aiColor3D emissive;
  if (src.Get(AI_MATKEY_COLOR_EMISSIVE, emissive) == AI_SUCCESS)
    mat.emissive = glm::max(glm::vec3(emissive.r, emissive.g, emissive.b), glm::vec3(0.f));
  aiString alpha_mode;
  if (src.Get(AI_MATKEY_GLTF_ALPHAMODE, alpha_mode) == AI_SUCCESS &&
      std::string(alpha_mode.C_Str()) == "MASK") {
    mat.mask = true;
    mat.blend = false;
    float cutoff = 0.5f;
    if (src.Get(AI_MATKEY_GLTF_ALPHACUTOFF, cutoff) == AI_SUCCESS) mat.alpha_cutoff = cutoff;
  }
  float value = 1.f;
  if (src.Get(AI_MATKEY_GLTF_TEXTURE_SCALE(aiTextureType_NORMALS, 0), value) == AI_SUCCESS)
    mat.normal_scale = value;
  if (src.Get(AI_MATKEY_GLTF_TEXTURE_STRENGTH(aiTextureType_LIGHTMAP, 0), value) == AI_SUCCESS)
    mat.occlusion_strength = glm::clamp(value, 0.f, 1.f);

  for (const SlotSource& source : kSlotSources) {
    for (aiTextureType type : source.types) {
      if (type == aiTextureType_NONE || src.GetTextureCount(type) == 0) continue;
      aiString path;
      if (src.GetTexture(type, 0, &path) != AI_SUCCESS || path.length == 0) continue;
      mat.textures[static_cast<uint32_t>(source.slot)] =
          texture(path.C_Str(), source.srgb, mat.name);
      break;
    }
  }
}

int32_t MaterialTextureReader::texture(const std::string& reference, bool srgb,
                                       const std::string& material) {
  const auto key = std::make_pair(reference, srgb);
  if (const auto it = by_reference_.find(key); it != by_reference_.end()) return it->second;
  by_reference_[key] = -1;  // until it is known to work: warned about once

  const std::string model = model_file_.string();
  std::vector<uint8_t> bytes;
  std::string name;
  if (const aiTexture* embedded = scene_.GetEmbeddedTexture(reference.c_str())) {
    name = "embedded image " + reference;
    if (embedded->mHeight != 0) {
      // Already decoded (uncommon: Assimp's glTF importer keeps PNG/JPEG compressed).
      std::vector<uint8_t> rgba(size_t(embedded->mWidth) * embedded->mHeight * 4);
      for (size_t i = 0; i < size_t(embedded->mWidth) * embedded->mHeight; ++i) {
        const aiTexel& t = embedded->pcData[i];
        rgba[i * 4 + 0] = t.r;
        rgba[i * 4 + 1] = t.g;
        rgba[i * 4 + 2] = t.b;
        rgba[i * 4 + 3] = t.a;
      }
      TextureImage image =
          makeTexture(name, embedded->mWidth, embedded->mHeight, std::move(rgba), srgb);
      const uint64_t hash = textureHash(image);
      if (auto it = by_hash_.find(hash); it != by_hash_.end())
        return by_reference_[key] = it->second;
      out_.textures.push_back(std::move(image));
      return by_reference_[key] = by_hash_[hash] = int32_t(out_.textures.size() - 1);
    }
    const auto* data = reinterpret_cast<const uint8_t*>(embedded->pcData);
    bytes.assign(data, data + embedded->mWidth);
  } else if (reference.starts_with("*")) {
    warn(model + ": image " + reference + " is not in the file; material '" + material +
         "' uses its colour factors instead");
    return -1;
  } else {
    const std::filesystem::path file = model_file_.parent_path() / percentDecode(reference);
    name = file.filename().string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      warn(model + ": image '" + percentDecode(reference) + "' is missing; material '" + material +
           "' uses its colour factors instead");
      return -1;
    }
    bytes = readFile(file);
  }

  std::string error;
  std::optional<TextureImage> image = decodeTexture(bytes, name, srgb, &error);
  if (!image) {
    warn(model + ": image '" + name + "' cannot be decoded (" + error + "); material '" + material +
         "' uses its colour factors instead");
    return -1;
  }
  const uint64_t hash = textureHash(*image);
  if (auto it = by_hash_.find(hash); it != by_hash_.end()) return by_reference_[key] = it->second;
  out_.textures.push_back(std::move(*image));
  return by_reference_[key] = by_hash_[hash] = int32_t(out_.textures.size() - 1);
}

}  // namespace gt::engine
