// Solid primitives for MeshBuilder. Each solid is made in its own local space, then moved
// by its frame; triangle winding is fixed once, in add(), against the vertex normals, so
// the shape code only has to get positions and normals right.
#include "mesh_builder.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/mat3x3.hpp>
#include <glm/matrix.hpp>

namespace gt::factorygen {

struct MeshBuilder::Shape {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
  std::vector<uint32_t> indices;

  uint32_t vertex(glm::vec3 position, glm::vec3 normal) {
    positions.push_back(position);
    normals.push_back(normal);
    return static_cast<uint32_t>(positions.size() - 1);
  }
  // A convex planar polygon with one flat normal, fanned from its first corner.
  void flatPolygon(const std::vector<glm::vec3>& corners, glm::vec3 normal) {
    const uint32_t first = static_cast<uint32_t>(positions.size());
    for (const glm::vec3& corner : corners) vertex(corner, normal);
    for (uint32_t i = 1; i + 1 < corners.size(); ++i) {
      indices.insert(indices.end(), {first, first + i, first + i + 1});
    }
  }
};

namespace {

constexpr float kTau = 2.0f * std::numbers::pi_v<float>;

glm::vec3 axisVector(int axis, float length) {
  glm::vec3 v{0.0f};
  v[axis] = length;
  return v;
}

// A frame whose origin is `from` and whose local +Y runs towards `to`.
glm::mat4 frameAlong(glm::vec3 from, glm::vec3 to) {
  const glm::vec3 y = glm::normalize(to - from);
  const glm::vec3 helper = std::abs(y.y) < 0.99f ? glm::vec3{0, 1, 0} : glm::vec3{1, 0, 0};
  const glm::vec3 x = glm::normalize(glm::cross(helper, y));
  const glm::vec3 z = glm::cross(x, y);
  return glm::mat4{glm::vec4{x, 0}, glm::vec4{y, 0}, glm::vec4{z, 0}, glm::vec4{from, 1}};
}

}  // namespace

glm::mat4 placedAt(glm::vec3 position, float yaw) {
  return glm::rotate(glm::translate(glm::mat4{1.0f}, position), yaw, glm::vec3{0, 1, 0});
}

glm::mat4 pitchedAt(glm::vec3 position, float yaw, float pitch) {
  return glm::rotate(placedAt(position, yaw), pitch, glm::vec3{1, 0, 0});
}

glm::mat4 lyingAlongX(glm::vec3 position) {
  return glm::rotate(glm::translate(glm::mat4{1.0f}, position), -kTau / 4, glm::vec3{0, 0, 1});
}

glm::mat4 lyingAlongZ(glm::vec3 position) {
  return glm::rotate(glm::translate(glm::mat4{1.0f}, position), kTau / 4, glm::vec3{1, 0, 0});
}

void MeshBuilder::box(Paint paint, const glm::mat4& frame, glm::vec3 size) {
  const glm::vec3 half = size * 0.5f;
  Shape shape;
  for (int axis = 0; axis < 3; ++axis) {
    const int u = (axis + 1) % 3, v = (axis + 2) % 3;
    for (float sign : {-1.0f, 1.0f}) {
      const glm::vec3 centre = axisVector(axis, sign * half[axis]);
      const glm::vec3 du = axisVector(u, half[u]), dv = axisVector(v, half[v]);
      shape.flatPolygon({centre - du - dv, centre + du - dv, centre + du + dv, centre - du + dv},
                        axisVector(axis, sign));
    }
  }
  add(paint, frame, shape);
}

void MeshBuilder::block(Paint paint, glm::vec3 min_corner, glm::vec3 max_corner) {
  box(paint, placedAt((min_corner + max_corner) * 0.5f), max_corner - min_corner);
}

void MeshBuilder::bevelledBox(Paint paint, const glm::mat4& frame, glm::vec3 size, float bevel) {
  const glm::vec3 half = size * 0.5f;
  assert(bevel > 0 && bevel < std::min({half.x, half.y, half.z}));
  // Each corner of the box becomes three points, one on each face meeting there; `axis`
  // names the face (the coordinate kept at full extent).
  auto point = [&](glm::vec3 signs, int axis) {
    glm::vec3 p;
    for (int d = 0; d < 3; ++d) p[d] = signs[d] * (d == axis ? half[d] : half[d] - bevel);
    return p;
  };
  Shape shape;
  for (int axis = 0; axis < 3; ++axis) {
    const int u = (axis + 1) % 3, v = (axis + 2) % 3;
    for (float s : {-1.0f, 1.0f}) {
      std::vector<glm::vec3> face;
      for (auto [su, sv] : {std::pair{-1.f, -1.f}, {1.f, -1.f}, {1.f, 1.f}, {-1.f, 1.f}}) {
        glm::vec3 signs;
        signs[axis] = s, signs[u] = su, signs[v] = sv;
        face.push_back(point(signs, axis));
      }
      shape.flatPolygon(face, axisVector(axis, s));
    }
  }
  for (int k = 0; k < 3; ++k) {
    for (int l = k + 1; l < 3; ++l) {
      const int m = 3 - k - l;
      for (float sk : {-1.0f, 1.0f}) {
        for (float sl : {-1.0f, 1.0f}) {
          glm::vec3 lo, hi;
          lo[k] = hi[k] = sk, lo[l] = hi[l] = sl, lo[m] = -1, hi[m] = 1;
          shape.flatPolygon({point(lo, k), point(lo, l), point(hi, l), point(hi, k)},
                            glm::normalize(axisVector(k, sk) + axisVector(l, sl)));
        }
      }
    }
  }
  for (float sx : {-1.0f, 1.0f}) {
    for (float sy : {-1.0f, 1.0f}) {
      for (float sz : {-1.0f, 1.0f}) {
        const glm::vec3 signs{sx, sy, sz};
        shape.flatPolygon({point(signs, 0), point(signs, 1), point(signs, 2)},
                          glm::normalize(signs));
      }
    }
  }
  add(paint, frame, shape);
}

void MeshBuilder::cylinder(Paint paint, const glm::mat4& frame, float radius, float height,
                           int segments) {
  frustum(paint, frame, radius, radius, height, segments);
}

void MeshBuilder::frustum(Paint paint, const glm::mat4& frame, float bottom_radius,
                          float top_radius, float height, int segments) {
  assert(segments >= 3 && height > 0 && bottom_radius > 0 && top_radius >= 0);
  Shape shape;
  const auto n = static_cast<uint32_t>(segments);
  std::vector<glm::vec3> bottom_ring, top_ring;
  for (uint32_t i = 0; i < n; ++i) {
    const float angle = kTau * static_cast<float>(i) / static_cast<float>(n);
    const float c = std::cos(angle), s = std::sin(angle);
    bottom_ring.push_back({bottom_radius * c, 0.0f, bottom_radius * s});
    top_ring.push_back({top_radius * c, height, top_radius * s});
    // Outward normal of the slanted side: perpendicular to the generator line.
    const glm::vec3 normal =
        glm::normalize(glm::vec3{height * c, bottom_radius - top_radius, height * s});
    shape.vertex(bottom_ring.back(), normal);
    shape.vertex(top_ring.back(), normal);
  }
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t b0 = 2 * i, t0 = 2 * i + 1, b1 = 2 * ((i + 1) % n), t1 = b1 + 1;
    shape.indices.insert(shape.indices.end(), {b0, b1, t0});
    if (top_radius > 0) shape.indices.insert(shape.indices.end(), {b1, t1, t0});
  }
  shape.flatPolygon(bottom_ring, {0, -1, 0});
  if (top_radius > 0) shape.flatPolygon(top_ring, {0, 1, 0});
  add(paint, frame, shape);
}

void MeshBuilder::sphere(Paint paint, const glm::mat4& frame, float radius, int segments,
                         int rings) {
  assert(segments >= 3 && rings >= 2);
  Shape shape;
  const auto n = static_cast<uint32_t>(segments);
  const uint32_t north = shape.vertex({0, radius, 0}, {0, 1, 0});
  for (int ring = 1; ring < rings; ++ring) {
    const float polar = kTau * 0.5f * static_cast<float>(ring) / static_cast<float>(rings);
    for (uint32_t i = 0; i < n; ++i) {
      const float angle = kTau * static_cast<float>(i) / static_cast<float>(n);
      const glm::vec3 normal{std::sin(polar) * std::cos(angle), std::cos(polar),
                             std::sin(polar) * std::sin(angle)};
      shape.vertex(normal * radius, normal);
    }
  }
  const uint32_t south = shape.vertex({0, -radius, 0}, {0, -1, 0});
  const auto ring_start = [&](int ring) { return 1 + static_cast<uint32_t>(ring - 1) * n; };
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t j = (i + 1) % n;
    shape.indices.insert(shape.indices.end(), {north, ring_start(1) + i, ring_start(1) + j});
    for (int ring = 1; ring + 1 < rings; ++ring) {
      const uint32_t a = ring_start(ring), b = ring_start(ring + 1);
      shape.indices.insert(shape.indices.end(), {a + i, b + i, b + j, a + i, b + j, a + j});
    }
    const uint32_t last = ring_start(rings - 1);
    shape.indices.insert(shape.indices.end(), {south, last + j, last + i});
  }
  add(paint, frame, shape);
}

void MeshBuilder::rod(Paint paint, glm::vec3 from, glm::vec3 to, float radius, int segments) {
  cylinder(paint, frameAlong(from, to), radius, glm::length(to - from), segments);
}

void MeshBuilder::bar(Paint paint, glm::vec3 from, glm::vec3 to, glm::vec2 section) {
  const float length = glm::length(to - from);
  const glm::mat4 frame = glm::translate(frameAlong(from, to), glm::vec3{0, length * 0.5f, 0});
  box(paint, frame, {section.x, length, section.y});
}

void MeshBuilder::append(const MeshBuilder& other, const glm::mat4& frame) {
  for (size_t p = 0; p < other.by_paint_.size(); ++p) {
    const Primitive& source = other.by_paint_[p];
    if (source.indices.empty()) continue;
    Shape shape{source.positions, source.normals, source.indices};
    add(static_cast<Paint>(p), frame, shape);
  }
}

void MeshBuilder::add(Paint paint, const glm::mat4& frame, const Shape& shape) {
  Primitive& target = by_paint_[static_cast<size_t>(paint)];
  const glm::mat3 linear{frame};
  const glm::mat3 normal_matrix = glm::transpose(glm::inverse(linear));
  const bool mirrored = glm::determinant(linear) < 0.0f;
  const auto base = static_cast<uint32_t>(target.positions.size());
  for (size_t i = 0; i < shape.positions.size(); ++i) {
    target.positions.push_back(glm::vec3{frame * glm::vec4{shape.positions[i], 1.0f}});
    target.normals.push_back(glm::normalize(normal_matrix * shape.normals[i]));
  }
  for (size_t t = 0; t + 2 < shape.indices.size(); t += 3) {
    uint32_t a = shape.indices[t], b = shape.indices[t + 1], c = shape.indices[t + 2];
    const glm::vec3& pa = shape.positions[a];
    const glm::vec3 face = glm::cross(shape.positions[b] - pa, shape.positions[c] - pa);
    const glm::vec3 outward = shape.normals[a] + shape.normals[b] + shape.normals[c];
    if ((glm::dot(face, outward) < 0.0f) != mirrored) std::swap(b, c);
    target.indices.insert(target.indices.end(), {base + a, base + b, base + c});
  }
}

size_t MeshBuilder::triangleCount() const {
  size_t triangles = 0;
  for (const Primitive& primitive : by_paint_) triangles += primitive.indices.size() / 3;
  return triangles;
}

Mesh MeshBuilder::build(std::string name) const {
  Mesh mesh{std::move(name), {}};
  for (size_t p = 0; p < by_paint_.size(); ++p) {
    if (by_paint_[p].indices.empty()) continue;
    mesh.primitives.push_back(by_paint_[p]);
    mesh.primitives.back().material = static_cast<uint32_t>(p);
  }
  assert(!mesh.primitives.empty());
  return mesh;
}

}  // namespace gt::factorygen
