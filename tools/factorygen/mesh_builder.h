// Builds one glTF mesh out of simple solids (boxes, bevelled boxes, cylinders, cones,
// spheres, rods between two points), each placed by a frame and painted with a Paint.
// Boxes get flat normals, round solids smooth ones; the result has one primitive per paint.
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "palette.h"
#include "scene.h"

namespace gt::factorygen {

// Frames: where a solid's local origin goes and which way it faces. Yaw turns about +Y,
// counter-clockwise seen from above (glTF: +X east, +Y up, +Z south).
glm::mat4 placedAt(glm::vec3 position, float yaw = 0.0f);
// A frame at `position` whose local +Y axis is tilted about local +X by `pitch` radians.
glm::mat4 pitchedAt(glm::vec3 position, float yaw, float pitch);
// A frame at `position` whose local +Y axis points along +X (for horizontal tanks, rolls).
glm::mat4 lyingAlongX(glm::vec3 position);
// A frame at `position` whose local +Y axis points along +Z.
glm::mat4 lyingAlongZ(glm::vec3 position);

class MeshBuilder {
 public:
  // Box of `size` (metres) centred on the frame's origin.
  void box(Paint paint, const glm::mat4& frame, glm::vec3 size);
  // Axis-aligned box between two corners, in mesh coordinates.
  void block(Paint paint, glm::vec3 min_corner, glm::vec3 max_corner);
  // Box with its twelve edges chamfered by `bevel` metres (machine enclosures, car bodies).
  // bevel must be below half the smallest side.
  void bevelledBox(Paint paint, const glm::mat4& frame, glm::vec3 size, float bevel);
  // Capped cylinder standing on the frame's origin, from local y = 0 to y = height.
  void cylinder(Paint paint, const glm::mat4& frame, float radius, float height, int segments);
  // Capped truncated cone; a top radius of 0 gives a cone. Same placement as cylinder().
  void frustum(Paint paint, const glm::mat4& frame, float bottom_radius, float top_radius,
               float height, int segments);
  // UV sphere centred on the frame's origin; scale the frame to get an ellipsoid.
  void sphere(Paint paint, const glm::mat4& frame, float radius, int segments, int rings);
  // Capped cylinder from one point to another (pipes, truss members, legs).
  void rod(Paint paint, glm::vec3 from, glm::vec3 to, float radius, int segments);
  // Rectangular bar from one point to another; section is (width, depth) across the bar.
  void bar(Paint paint, glm::vec3 from, glm::vec3 to, glm::vec2 section);
  // Copies everything another builder holds, moved by `frame` (repeated sub-assemblies).
  void append(const MeshBuilder& other, const glm::mat4& frame);

  size_t triangleCount() const;
  // The mesh, one primitive per paint used, in Paint order. Must not be empty.
  Mesh build(std::string name) const;

 private:
  struct Shape;
  void add(Paint paint, const glm::mat4& frame, const Shape& shape);

  std::array<Primitive, static_cast<size_t>(Paint::Count)> by_paint_{};
};

}  // namespace gt::factorygen
