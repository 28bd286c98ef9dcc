// Merging placed models into one ModelData: offsets for every index into the merged arrays and
// each model's transform applied to everything that is already in world space.
#include "model_placement.h"

#include <cassert>
#include <set>

#include <glm/gtc/matrix_transform.hpp>

namespace gt::engine {

glm::mat4 placementTransform(const glm::vec3& translate_m, const glm::vec3& rotate_deg,
                             float scale) {
  glm::mat4 m = glm::translate(glm::mat4(1.f), translate_m);
  m = glm::rotate(m, glm::radians(rotate_deg.z), {0.f, 0.f, 1.f});
  m = glm::rotate(m, glm::radians(rotate_deg.y), {0.f, 1.f, 0.f});
  m = glm::rotate(m, glm::radians(rotate_deg.x), {1.f, 0.f, 0.f});
  return glm::scale(m, glm::vec3(scale));
}

ModelData mergePlacedModels(std::vector<PlacedModel> models) {
  if (models.size() == 1 && models[0].id.empty()) return std::move(models[0].data);
  ModelData out;
  std::set<std::string> ids;
  for (PlacedModel& placed : models) {
    assert(ids.insert(placed.id).second && "model ids are unique");
    ModelData& in = placed.data;
    const glm::mat4& t = placed.transform;
    const auto vertex_base = static_cast<int32_t>(out.vertices.size());
    const auto index_base = static_cast<uint32_t>(out.indices.size());
    const auto material_base = static_cast<uint32_t>(out.materials.size());
    const auto mesh_base = static_cast<uint32_t>(out.meshes.size());
    const bool wrap = !placed.id.empty();
    const auto root = static_cast<uint32_t>(out.nodes.size());
    const uint32_t node_base = root + (wrap ? 1u : 0u);

    // Surfaces (UVs, tangents) stay parallel to the vertices once any model has them.
    if (!in.surfaces.empty() && out.surfaces.size() < out.vertices.size())
      out.surfaces.resize(out.vertices.size(), VertexSurface{});
    out.vertices.insert(out.vertices.end(), in.vertices.begin(), in.vertices.end());
    if (!in.surfaces.empty())
      out.surfaces.insert(out.surfaces.end(), in.surfaces.begin(), in.surfaces.end());
    else if (!out.surfaces.empty())
      out.surfaces.resize(out.vertices.size(), VertexSurface{});
    out.indices.insert(out.indices.end(), in.indices.begin(), in.indices.end());
    const auto texture_base = static_cast<int32_t>(out.textures.size());
    for (TextureImage& texture : in.textures) out.textures.push_back(std::move(texture));
    for (Material material : in.materials) {
      for (int32_t& texture : material.textures)
        if (texture >= 0) texture += texture_base;
      out.materials.push_back(std::move(material));
    }
    for (MeshRange mesh : in.meshes) {
      // Indices are relative to vertex_offset, so only the offsets move.
      mesh.first_index += index_base;
      mesh.vertex_offset += vertex_base;
      mesh.material += material_base;
      for (uint32_t l = 0; l < mesh.lod_count; ++l) mesh.lods[l].first_index += index_base;
      out.meshes.push_back(mesh);
    }

    if (wrap) {
      SceneNode node;
      node.name = placed.id;
      node.world = t;
      node.subtree_end = node_base + static_cast<uint32_t>(in.nodes.size());
      node.triangles = static_cast<uint32_t>(in.triangles);
      out.nodes.push_back(std::move(node));
    }
    for (SceneNode node : in.nodes) {
      if (wrap) node.name = placed.id + "/" + node.name;
      node.parent = node.parent < 0 ? (wrap ? static_cast<int32_t>(root) : -1)
                                    : node.parent + static_cast<int32_t>(node_base);
      node.subtree_end += node_base;
      node.world = t * node.world;
      out.nodes.push_back(std::move(node));
    }
    // Node boxes are rebuilt from their draws below: a turned box of a box would be loose.
    for (size_t n = root; n < out.nodes.size(); ++n) out.nodes[n].world_bounds = Bounds{};
    for (DrawRecord draw : in.draws) {
      draw.node += node_base;
      draw.mesh += mesh_base;
      draw.material += material_base;
      draw.world = t * draw.world;
      // From the mesh's own box: tighter than the transformed box of a box.
      draw.world_bounds = transformBounds(out.meshes[draw.mesh].local_bounds, draw.world);
      out.bounds.extend(draw.world_bounds);
      out.nodes[draw.node].world_bounds.extend(draw.world_bounds);
      out.draws.push_back(draw);
    }
    // Pre-order: every child comes after its parent, so a backward pass folds subtrees up.
    for (size_t n = out.nodes.size(); n-- > root + 1;) {
      const int32_t parent = out.nodes[n].parent;
      if (parent >= static_cast<int32_t>(root))
        out.nodes[static_cast<size_t>(parent)].world_bounds.extend(out.nodes[n].world_bounds);
    }
    out.triangles += in.triangles;
  }
  return out;
}

}  // namespace gt::engine
