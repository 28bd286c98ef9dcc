// Index bookkeeping for the scene graph, and the triangle totals the summary line reports.
#include "scene.h"

#include <cassert>
#include <utility>

namespace gt::factorygen {

size_t Mesh::triangleCount() const {
  size_t triangles = 0;
  for (const Primitive& primitive : primitives) triangles += primitive.indices.size() / 3;
  return triangles;
}

Node makeNode(std::string name, std::optional<uint32_t> mesh, glm::vec3 translation, float yaw,
              float scale) {
  Node node;
  node.name = std::move(name);
  node.mesh = mesh;
  node.translation = translation;
  node.yaw = yaw;
  node.scale = scale;
  return node;
}

uint32_t Scene::addMaterial(Material material) {
  materials_.push_back(std::move(material));
  return static_cast<uint32_t>(materials_.size() - 1);
}

uint32_t Scene::addMesh(Mesh mesh) {
  assert(!mesh.primitives.empty() && mesh.triangleCount() > 0);
  meshes_.push_back(std::move(mesh));
  return static_cast<uint32_t>(meshes_.size() - 1);
}

uint32_t Scene::addNode(Node node, std::optional<uint32_t> parent) {
  assert(!node.mesh || *node.mesh < meshes_.size());
  nodes_.push_back(std::move(node));
  const auto index = static_cast<uint32_t>(nodes_.size() - 1);
  if (parent) {
    assert(*parent < index);
    nodes_[*parent].children.push_back(index);
  } else {
    roots_.push_back(index);
  }
  return index;
}

size_t Scene::drawnTriangleCount() const {
  size_t triangles = 0;
  for (const Node& node : nodes_) {
    if (node.mesh) triangles += meshes_[*node.mesh].triangleCount();
  }
  return triangles;
}

size_t Scene::storedTriangleCount() const {
  size_t triangles = 0;
  for (const Mesh& mesh : meshes_) triangles += mesh.triangleCount();
  return triangles;
}

}  // namespace gt::factorygen
