// Assimp import: merges every mesh into one vertex and one index buffer, reads glTF-style
// metallic/roughness materials, and walks the node tree so that node names and hierarchy
// survive (no PreTransformVertices: the twin tints and frames nodes by name).
#include "model_loader.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>

#include <assimp/DefaultIOSystem.h>
#include <assimp/GltfMaterial.h>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <assimp/Importer.hpp>
#include <assimp/ProgressHandler.hpp>

#include "mesh_lods.h"
#include "model_format.h"
#include "texture_import.h"

namespace gt::engine {
namespace {

// The default file system, except that one made-up path opens another, real file: how a file
// whose content disagrees with its extension reaches the right Assimp importer.
class AliasIOSystem : public Assimp::DefaultIOSystem {
 public:
  AliasIOSystem(std::string alias, std::string real)
      : alias_(std::move(alias)), real_(std::move(real)) {}
  bool Exists(const char* file) const override {
    return DefaultIOSystem::Exists(alias_ == file ? real_.c_str() : file);
  }
  Assimp::IOStream* Open(const char* file, const char* mode) override {
    return DefaultIOSystem::Open(alias_ == file ? real_.c_str() : file, mode);
  }

 private:
  std::string alias_, real_;
};

// Assimp's progress, 0..1 (file read, then post-processing), passed on as the middle of the
// whole import. Owned by the Importer once set.
class ImportProgress : public Assimp::ProgressHandler {
 public:
  explicit ImportProgress(const LoadProgress& progress) : progress_(progress) {}
  bool Update(float fraction) override {
    if (fraction < 0.f) return true;  // "no estimate": nothing to report
    progress_(0.05f + 0.8f * std::min(fraction, 1.f),
              fraction < 0.5f ? "reading the file" : "preparing the meshes");
    return true;
  }

 private:
  const LoadProgress& progress_;
};

struct FileBytes {
  std::vector<uint8_t> head;  // what detection and the glTF check need (see readForChecks)
  uint64_t size = 0;
};

std::vector<uint8_t> readRange(std::ifstream& in, uint64_t offset, uint64_t count) {
  std::vector<uint8_t> out(count);
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(count));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

// The first kModelSniffBytes; all of a glTF JSON file (its buffers and images are checked); a
// GLB's header and JSON chunk. Throws for the cases that are no model at all.
FileBytes readForChecks(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) throw std::runtime_error(name + ": file not found");
  if (std::filesystem::is_directory(status))
    throw std::runtime_error(name + ": is a folder, not a model file");
  if (!std::filesystem::is_regular_file(status))
    throw std::runtime_error(name + ": is not a regular file");
  FileBytes out;
  out.size = std::filesystem::file_size(file, ec);
  if (ec) throw std::runtime_error(name + ": cannot read its size (" + ec.message() + ")");
  if (out.size == 0) throw std::runtime_error(name + ": file is empty (0 bytes)");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(name + ": cannot be opened for reading");

  out.head = readRange(in, 0, std::min<uint64_t>(out.size, kModelSniffBytes));
  const ModelFormat format = detectModelFormat(out.head, out.size);
  if (format == ModelFormat::Gltf && out.size > out.head.size()) {
    in.clear();
    out.head = readRange(in, 0, out.size);
  } else if (format == ModelFormat::Glb && out.head.size() >= 20) {
    // The JSON chunk may be larger than the sniffed bytes; never read past the file's end.
    const uint64_t json_end = 20ull + (uint64_t(out.head[12]) | uint64_t(out.head[13]) << 8 |
                                       uint64_t(out.head[14]) << 16 | uint64_t(out.head[15]) << 24);
    if (json_end > out.head.size()) {
      in.clear();
      out.head = readRange(in, 0, std::min(json_end, out.size));
    }
  }
  return out;
}

std::string hexPrefix(const std::vector<uint8_t>& bytes) {
  std::string out;
  char buf[4];
  for (size_t i = 0; i < bytes.size() && i < 8; ++i) {
    std::snprintf(buf, sizeof buf, "%s%02X", i ? " " : "", bytes[i]);
    out += buf;
  }
  return out;
}

// A number from Assimp's scene metadata, whatever type the importer stored it as.
std::optional<double> metadataNumber(const aiScene& scene, const char* key) {
  if (!scene.mMetaData) return std::nullopt;
  // Get checks the stored type, so only the matching one answers.
  if (int32_t i; scene.mMetaData->Get(std::string(key), i)) return i;
  if (double d; scene.mMetaData->Get(std::string(key), d)) return d;
  if (float f; scene.mMetaData->Get(std::string(key), f)) return f;
  return std::nullopt;
}

// FBX leaves its unit and axes to the reader (Assimp 5.2 puts them in the scene's metadata and
// ignores AI_CONFIG_FBX_CONVERT_TO_M): the matrix that takes the file's frame to the scene's
// metres, Y up, like the COLLADA and IFC importers and cad_import do themselves.
// FBX SDK: UnitScaleFactor is centimetres per file unit; UpAxis/FrontAxis/CoordAxis are 0 X,
// 1 Y, 2 Z with a sign each, and the scene's axes are X = coord, Y = up, Z = front.
glm::mat4 fbxToScene(const aiScene& scene) {
  const double cm = metadataNumber(scene, "UnitScaleFactor").value_or(1.0);
  const float metres = static_cast<float>((cm > 0.0 ? cm : 1.0) * 0.01);
  auto axis = [&](const char* name, const char* sign, int fallback) {
    int a = static_cast<int>(metadataNumber(scene, name).value_or(fallback));
    if (a < 0 || a > 2) a = fallback;
    glm::vec3 v(0.f);
    v[a] = metadataNumber(scene, sign).value_or(1.0) < 0 ? -1.f : 1.f;
    return v;
  };
  const glm::vec3 x = axis("CoordAxis", "CoordAxisSign", 0);
  const glm::vec3 y = axis("UpAxis", "UpAxisSign", 1);
  glm::vec3 z = axis("FrontAxis", "FrontAxisSign", 2);
  // Axes naming the same direction twice make no frame: keep the file's axes then.
  if (std::abs(glm::dot(x, y)) > 0.5f || std::abs(glm::dot(x, z)) > 0.5f ||
      std::abs(glm::dot(y, z)) > 0.5f)
    return glm::mat4(metres);
  // A left-handed declaration would mirror the model; turn it instead.
  if (glm::dot(glm::cross(x, y), z) < 0.f) z = -z;
  // Rows x, y, z: a file point p lands at (x.p, y.p, z.p).
  const glm::mat3 rotation = glm::transpose(glm::mat3(x, y, z));
  glm::mat4 out(rotation * metres);
  out[3][3] = 1.f;
  return out;
}

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

// Assimp keeps UVs with v up (OpenGL); images start at the top row, as glTF's UVs do, so v is
// flipped back. The tangents were computed on Assimp's UVs: their bitangent points up the
// image, the direction a normal map's green channel means.
VertexSurface surfaceOf(const aiMesh& mesh, unsigned v) {
  VertexSurface out{{0.f, 0.f}, {1.f, 0.f, 0.f, 1.f}};
  if (const aiVector3D* uv = mesh.mTextureCoords[0]) out.uv = {uv[v].x, 1.f - uv[v].y};
  if (mesh.mTangents && mesh.mBitangents && mesh.mNormals) {
    const aiVector3D& t = mesh.mTangents[v];
    const glm::vec3 tangent(t.x, t.y, t.z);
    const glm::vec3 normal(mesh.mNormals[v].x, mesh.mNormals[v].y, mesh.mNormals[v].z);
    const glm::vec3 bitangent(mesh.mBitangents[v].x, mesh.mBitangents[v].y, mesh.mBitangents[v].z);
    const float length = glm::length(tangent);
    if (length > 1e-12f) {
      const float w = glm::dot(glm::cross(normal, tangent), bitangent) < 0.f ? -1.f : 1.f;
      out.tangent = glm::vec4(tangent / length, w);
    }
  }
  return out;
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
      out.surfaces.push_back(surfaceOf(mesh, v));
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

ModelData loadModelData(const std::filesystem::path& file, std::vector<std::string>* notes,
                        const LoadProgress& progress, CadModelLoader cad, CadModelLoader ifc) {
  const std::string name = file.string();
  if (progress) progress(0.f, "checking the file");
  const FileBytes bytes = readForChecks(file);

  const ModelFormat format = detectModelFormat(bytes.head, bytes.size);
  if (format == ModelFormat::Unknown)
    throw std::runtime_error(name + ": not a model format this viewer knows (first bytes " +
                             hexPrefix(bytes.head) +
                             "); use glTF, GLB, FBX, OBJ, STL, PLY, "
                             "COLLADA or IFC");
  if (format == ModelFormat::Step || format == ModelFormat::Iges) {
    if (!cad)
      throw CadImporterNeeded(name + ": " + std::string(formatName(format)) +
                              " is read by the CAD importer (greentwin-import-cad)");
    ModelData cad_model = cad(file, format, progress);  // Open CASCADE, not Assimp
    if (progress) progress(0.9f, "optimising meshes");
    optimizeMeshes(cad_model);
    return cad_model;
  }
  if (auto problem = gltfProblem(file, bytes.head, bytes.size, format))
    throw std::runtime_error(name + ": " + *problem);
  if (readsWithIfcpp(bytes.head, format)) {
    if (!ifc)
      throw IfcImporterNeeded(name + ": IFC schema " + ifcSchema(bytes.head) +
                              " is read by the IFC importer (greentwin-import-ifc)");
    ModelData ifc_model = ifc(file, format, progress);  // IFC++, not Assimp
    if (progress) progress(0.9f, "optimising meshes");
    optimizeMeshes(ifc_model);
    return ifc_model;
  }
  if (auto problem = ifcProblem(bytes.head, format))
    throw std::runtime_error(name + ": " + *problem);

  // Assimp picks its importer by extension first, so content that disagrees with the extension
  // is read under an alias path that carries the right one (sibling files still resolve).
  std::string read_as = name;
  const ModelFormat by_extension = formatFromExtension(file);
  if (!sameImporter(format, by_extension)) {
    read_as = name + "." + assimpExtension(format);
    const std::string note = name + ": content is " + formatName(format) +
                             " although the extension says " +
                             (file.has_extension() ? file.extension().string() : "nothing") +
                             "; reading it as " + formatName(format);
    std::fprintf(stderr, "[model] %s\n", note.c_str());
    if (notes) notes->push_back(note);
  }

  Assimp::Importer importer;
  if (read_as != name) importer.SetIOHandler(new AliasIOSystem(read_as, name));
  if (progress) importer.SetProgressHandler(new ImportProgress(progress));
  // Points and lines are split off (SortByPType) and then ignored: the viewer draws surfaces.
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE,
                              aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  const aiScene* scene =
      importer.ReadFile(read_as, aiProcess_Triangulate | aiProcess_GenSmoothNormals |
                                     aiProcess_CalcTangentSpace | aiProcess_JoinIdenticalVertices |
                                     aiProcess_ImproveCacheLocality | aiProcess_SortByPType);
  if (!scene || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode)
    throw std::runtime_error(name + ": cannot be read as " + formatName(format) +
                             " (Assimp: " + importer.GetErrorString() + ")");

  if (progress) progress(0.85f, "building the node tree");
  ModelData out;
  MaterialTextureReader textures(*scene, file, out, notes);
  for (unsigned m = 0; m < scene->mNumMaterials; ++m) {
    out.materials.push_back(readMaterial(*scene->mMaterials[m]));
    textures.read(*scene->mMaterials[m], out.materials.back());
  }
  if (out.materials.empty()) out.materials.push_back(Material{});
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) appendMesh(*scene->mMeshes[m], out);
  // UVs and tangents only matter to textured materials; without one, the model stays as small
  // as it was before textures existed.
  if (std::none_of(out.materials.begin(), out.materials.end(),
                   [](const Material& m) { return m.textured(); }))
    out.surfaces.clear();
  // Every format ends in metres, Y up (docs/models.md): glTF is defined so, Assimp's COLLADA and
  // IFC importers convert on their own, FBX is converted here, and OBJ, STL and PLY carry no
  // unit or axis, so they are taken as metres, Y up (site.toml's transform fixes the rest).
  const bool fbx = format == ModelFormat::FbxBinary || format == ModelFormat::FbxAscii;
  walkNodes(*scene->mRootNode, -1, fbx ? fbxToScene(*scene) : glm::mat4(1.f), out);

  for (const DrawRecord& draw : out.draws) {
    out.bounds.extend(draw.world_bounds);
    out.triangles += out.meshes[draw.mesh].index_count / 3;
  }
  if (out.draws.empty()) throw std::runtime_error(name + ": contains no triangles to draw");
  if (progress) progress(0.9f, "optimising meshes");
  optimizeMeshes(out);
  return out;
}

}  // namespace gt::engine
