// The scene the generator builds and the GLB writer serialises: materials, meshes (one
// primitive per material) and a node tree. glTF refers to everything by index, so the
// append functions return indices and nothing is ever removed or reordered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace gt::factorygen {

struct Material {
  std::string name;
  glm::vec4 base_color{1.0f};  // linear RGB and alpha, as glTF baseColorFactor
  float metallic = 0.0f;
  float roughness = 1.0f;
  bool blend = false;  // alphaMode BLEND (glass); OPAQUE otherwise
};

struct Primitive {
  uint32_t material = 0;
  std::vector<glm::vec3> positions;  // metres
  std::vector<glm::vec3> normals;    // unit length, one per position
  std::vector<uint32_t> indices;     // triangle list, counter-clockwise seen from outside
};

struct Mesh {
  std::string name;
  std::vector<Primitive> primitives;  // never empty: glTF requires at least one
  size_t triangleCount() const;
};

struct Node {
  std::string name;
  std::optional<uint32_t> mesh;
  glm::vec3 translation{0.0f};  // metres, relative to the parent
  float yaw = 0.0f;             // radians about +Y; the only rotation the layout needs
  float scale = 1.0f;           // uniform; lets one tree mesh serve trees of many sizes
  std::vector<uint32_t> children;
};

// A named node, with a mesh or without (a group), placed relative to its parent.
Node makeNode(std::string name, std::optional<uint32_t> mesh = std::nullopt,
              glm::vec3 translation = glm::vec3{0.0f}, float yaw = 0.0f, float scale = 1.0f);

class Scene {
 public:
  uint32_t addMaterial(Material material);
  // The mesh must have at least one primitive with at least one triangle.
  uint32_t addMesh(Mesh mesh);
  // Adds a node under `parent`, or as a scene root when there is none; returns its index.
  uint32_t addNode(Node node, std::optional<uint32_t> parent = std::nullopt);

  const std::vector<Material>& materials() const { return materials_; }
  const std::vector<Mesh>& meshes() const { return meshes_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<uint32_t>& roots() const { return roots_; }

  // Triangles a renderer draws: every node counts its mesh, so instances count each time.
  size_t drawnTriangleCount() const;
  // Triangles stored in the file: each mesh counted once however many nodes use it.
  size_t storedTriangleCount() const;

 private:
  std::vector<Material> materials_;
  std::vector<Mesh> meshes_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> roots_;
};

}  // namespace gt::factorygen
