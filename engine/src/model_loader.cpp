// Assimp import: merges every mesh into one vertex and one index buffer, reads glTF-style
// metallic/roughness materials, and walks the node tree so that node names and hierarchy
// survive (no PreTransformVertices: the twin tints and frames nodes by name).
#include "model_loader.h"

#include <stdexcept>

#include <assimp/GltfMaterial.h>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <assimp/Importer.hpp>

namespace gt::engine {
namespace {

glm::mat4 toGlm(const aiMatrix4x4& m) {
  // Assimp is row-major, glm column-major.
  return glm::mat4(m.a1, m.b1, m.c1, m.d1, m.a2, m.b2, m.c2, m.d2, m.a3, m.b3, m.c3, m.d3, m.a4,
                   m.b4, m.c4, m.d4);
}

Material readMaterial(const aiMaterial& src) {
  Material mat;
  mat.name = src.GetName().C_Str();
  aiColor4D colour;
  bool has_base = src.Get(AI_MATKEY_BASE_COLOR, colour) == AI_SUCCESS;
  if (!has_base) {
    aiColor3D diffuse;
    if (src.Get(AI_MATKEY_COLOR_DIFFUSE, diffuse) == AI_SUCCESS)
      colour = aiColor4D(diffuse.r, diffuse.g, diffuse.b, 1.f);
    else
      colour = aiColor4D(0.8f, 0.8f, 0.8f, 1.f);
  }
  mat.base_colour = {colour.r, colour.g, colour.b, colour.a};
  // glTF carries opacity in the base colour's alpha; OBJ/FBX carry it separately.
  float opacity = 1.f;
  if (!has_base && src.Get(AI_MATKEY_OPACITY, opacity) == AI_SUCCESS) mat.base_colour.a = opacity;

  float value = 0.f;
  if (src.Get(AI_MATKEY_METALLIC_FACTOR, value) == AI_SUCCESS) mat.metallic = value;
  if (src.Get(AI_MATKEY_ROUGHNESS_FACTOR, value) == AI_SUCCESS) mat.roughness = value;
  mat.metallic = glm::clamp(mat.metallic, 0.f, 1.f);
  // Below ~0.04 the GGX lobe is narrower than a pixel and only aliases.
  mat.roughness = glm::clamp(mat.roughness, 0.04f, 1.f);

  aiString alpha_mode;
  if (src.Get(AI_MATKEY_GLTF_ALPHAMODE, alpha_mode) == AI_SUCCESS)
    mat.blend = std::string(alpha_mode.C_Str()) == "BLEND";
  else
    mat.blend = mat.base_colour.a < 0.999f;
  return mat;
}

void appendMesh(const aiMesh& mesh, ModelData& out) {
  MeshRange range;
  range.first_index = static_cast<uint32_t>(out.indices.size());
  range.vertex_offset = static_cast<int32_t>(out.vertices.size());
  range.material = mesh.mMaterialIndex;
  if (mesh.mPrimitiveTypes & aiPrimitiveType_TRIANGLE) {
    for (unsigned v = 0; v < mesh.mNumVertices; ++v) {
      const aiVector3D& p = mesh.mVertices[v];
      const aiVector3D n = mesh.mNormals ? mesh.mNormals[v] : aiVector3D(0, 1, 0);
      out.vertices.push_back({{p.x, p.y, p.z}, {n.x, n.y, n.z}});
      range.local_bounds.extend(glm::vec3(p.x, p.y, p.z));
    }
    for (unsigned f = 0; f < mesh.mNumFaces; ++f) {
      const aiFace& face = mesh.mFaces[f];
      if (face.mNumIndices != 3) continue;  // points and lines are sorted out, not drawn
      for (int i = 0; i < 3; ++i) out.indices.push_back(face.mIndices[i]);
    }
  }
  range.index_count = static_cast<uint32_t>(out.indices.size()) - range.first_index;
  out.meshes.push_back(range);
}

void walkNodes(const aiNode& node, int32_t parent, const glm::mat4& parent_world, ModelData& out) {
  const uint32_t index = static_cast<uint32_t>(out.nodes.size());
  SceneNode scene_node;
  scene_node.name = node.mName.C_Str();
  scene_node.parent = parent;
  scene_node.world = parent_world * toGlm(node.mTransformation);
  out.nodes.push_back(scene_node);

  for (unsigned m = 0; m < node.mNumMeshes; ++m) {
    const MeshRange& mesh = out.meshes[node.mMeshes[m]];
    if (mesh.index_count == 0) continue;
    DrawRecord draw;
    draw.node = index;
    draw.mesh = node.mMeshes[m];
    draw.material = mesh.material;
    draw.world = out.nodes[index].world;
    draw.world_bounds = transformBounds(mesh.local_bounds, draw.world);
    out.draws.push_back(draw);
    out.nodes[index].world_bounds.extend(draw.world_bounds);
    out.nodes[index].triangles += mesh.index_count / 3;
  }
  const glm::mat4 world = out.nodes[index].world;
  for (unsigned c = 0; c < node.mNumChildren; ++c) {
    const uint32_t child = static_cast<uint32_t>(out.nodes.size());
    walkNodes(*node.mChildren[c], static_cast<int32_t>(index), world, out);
    out.nodes[index].world_bounds.extend(out.nodes[child].world_bounds);
    out.nodes[index].triangles += out.nodes[child].triangles;
  }
  out.nodes[index].subtree_end = static_cast<uint32_t>(out.nodes.size());
}

}  // namespace

Bounds transformBounds(const Bounds& b, const glm::mat4& m) {
  Bounds out;
  if (b.empty()) return out;
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p{corner & 1 ? b.max.x : b.min.x, corner & 2 ? b.max.y : b.min.y,
                      corner & 4 ? b.max.z : b.min.z};
    out.extend(glm::vec3(m * glm::vec4(p, 1.f)));
  }
  return out;
}

ModelData loadModelData(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file))
    throw std::runtime_error("Model file not found: " + file.string());

  Assimp::Importer importer;
  // Points and lines are split off (SortByPType) and then ignored: the viewer draws surfaces.
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE,
                              aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  const aiScene* scene =
      importer.ReadFile(file.string(), aiProcess_Triangulate | aiProcess_GenSmoothNormals |
                                           aiProcess_JoinIdenticalVertices |
                                           aiProcess_ImproveCacheLocality | aiProcess_SortByPType);
  if (!scene || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode)
    throw std::runtime_error("Cannot read model " + file.string() + ": " +
                             importer.GetErrorString());

  ModelData out;
  for (unsigned m = 0; m < scene->mNumMaterials; ++m)
    out.materials.push_back(readMaterial(*scene->mMaterials[m]));
  if (out.materials.empty()) out.materials.push_back(Material{});
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) appendMesh(*scene->mMeshes[m], out);
  walkNodes(*scene->mRootNode, -1, glm::mat4(1.f), out);

  for (const DrawRecord& draw : out.draws) {
    out.bounds.extend(draw.world_bounds);
    out.triangles += out.meshes[draw.mesh].index_count / 3;
  }
  if (out.draws.empty())
    throw std::runtime_error("Model " + file.string() + " contains no triangles to draw");
  return out;
}

}  // namespace gt::engine
