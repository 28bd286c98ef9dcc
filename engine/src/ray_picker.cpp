// RayPicker: a binned-SAH bounding volume hierarchy over world-space triangles and its
// nearest-hit traversal (Möller-Trumbore, both faces), plus the helpers that feed it from a
// ModelData and an OrbitCamera. See ray_picker.h.
#include "ray_picker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace gt::engine {
namespace {

constexpr int kBins = 12;              // SAH candidates per axis; more buys little on CAD models
constexpr uint32_t kLeafSize = 4;      // a leaf this small is never split further
constexpr uint32_t kMaxLeafSize = 16;  // above this, split even when SAH says a leaf is cheaper
constexpr float kInf = std::numeric_limits<float>::infinity();

float halfArea(const Bounds& b) {
  if (b.empty()) return 0.f;
  const glm::vec3 e = b.max - b.min;
  return e.x * e.y + e.y * e.z + e.z * e.x;
}

Bounds triangleBounds(const PickTriangle& t) {
  Bounds b;
  b.extend(t.a);
  b.extend(t.b);
  b.extend(t.c);
  return b;
}

// Distance along the ray to the box's entry point, or infinity when the ray misses it or
// enters it beyond `limit` (the nearest hit so far).
float slabEntry(const glm::vec3& lo, const glm::vec3& hi, const glm::vec3& origin,
                const glm::vec3& inv_dir, float limit) {
  const glm::vec3 t0 = (lo - origin) * inv_dir;
  const glm::vec3 t1 = (hi - origin) * inv_dir;
  const glm::vec3 near = glm::min(t0, t1), far = glm::max(t0, t1);
  const float enter = std::max({near.x, near.y, near.z, 0.f});
  const float exit = std::min({far.x, far.y, far.z, limit});
  return enter <= exit ? enter : kInf;
}

// Möller-Trumbore without back-face rejection. Returns the ray parameter or infinity.
float intersect(const Ray& ray, const PickTriangle& t) {
  const glm::vec3 e1 = t.b - t.a, e2 = t.c - t.a;
  const glm::vec3 p = glm::cross(ray.direction, e2);
  const float det = glm::dot(e1, p);
  if (std::abs(det) < 1e-12f) return kInf;  // the ray runs along the triangle's plane
  const float inv_det = 1.f / det;
  const glm::vec3 s = ray.origin - t.a;
  const float u = glm::dot(s, p) * inv_det;
  if (u < 0.f || u > 1.f) return kInf;
  const glm::vec3 q = glm::cross(s, e1);
  const float v = glm::dot(ray.direction, q) * inv_det;
  if (v < 0.f || u + v > 1.f) return kInf;
  const float dist = glm::dot(e2, q) * inv_det;
  return dist >= 0.f ? dist : kInf;
}

}  // namespace

RayPicker::RayPicker(std::vector<PickTriangle> triangles) : triangles_(std::move(triangles)) {
  const uint32_t n = static_cast<uint32_t>(triangles_.size());
  if (n == 0) return;
  std::vector<glm::vec3> centroids(n);
  for (uint32_t i = 0; i < n; ++i)
    centroids[i] = (triangles_[i].a + triangles_[i].b + triangles_[i].c) / 3.f;
  // A binary tree with leaves of at least one triangle has fewer than 2n nodes; reserving
  // them keeps indices and addresses stable while children are appended.
  nodes_.reserve(2 * static_cast<size_t>(n));
  BvhNode root;
  root.first = 0;
  root.count = n;
  nodes_.push_back(root);
  subdivide(0, centroids);
}

void RayPicker::subdivide(uint32_t root_index, std::vector<glm::vec3>& centroids) {
  // Iterative, so a degenerate model (thousands of stacked copies) cannot overflow the stack.
  std::vector<uint32_t> pending{root_index};
  while (!pending.empty()) {
    const uint32_t index = pending.back();
    pending.pop_back();
    BvhNode& node = nodes_[index];
    Bounds box, centroid_box;
    for (uint32_t i = node.first; i < node.first + node.count; ++i) {
      box.extend(triangleBounds(triangles_[i]));
      centroid_box.extend(centroids[i]);
    }
    node.min = box.min;
    node.max = box.max;
    if (node.count <= kLeafSize) continue;

    // Binned SAH: bucket the centroids along each axis and pick the cheapest boundary.
    float best_cost = kInf;
    int best_axis = -1, best_bin = 0;
    const glm::vec3 extent = centroid_box.max - centroid_box.min;
    for (int axis = 0; axis < 3; ++axis) {
      if (extent[axis] <= 0.f) continue;  // all centroids on one plane: nothing to split
      const float scale = kBins / extent[axis];
      std::array<Bounds, kBins> bin_box{};
      std::array<uint32_t, kBins> bin_count{};
      for (uint32_t i = node.first; i < node.first + node.count; ++i) {
        const int b = std::min(
            kBins - 1, static_cast<int>((centroids[i][axis] - centroid_box.min[axis]) * scale));
        bin_box[b].extend(triangleBounds(triangles_[i]));
        ++bin_count[b];
      }
      // Sweep from the right to get each suffix's area and count, then from the left.
      std::array<float, kBins> right_cost{};
      Bounds right;
      uint32_t right_n = 0;
      for (int b = kBins - 1; b > 0; --b) {
        right.extend(bin_box[b]);
        right_n += bin_count[b];
        right_cost[b] = halfArea(right) * static_cast<float>(right_n);
      }
      Bounds left;
      uint32_t left_n = 0;
      for (int b = 1; b < kBins; ++b) {  // boundary before bin b
        left.extend(bin_box[b - 1]);
        left_n += bin_count[b - 1];
        if (left_n == 0 || left_n == node.count) continue;
        const float cost = halfArea(left) * static_cast<float>(left_n) + right_cost[b];
        if (cost < best_cost) {
          best_cost = cost;
          best_axis = axis;
          best_bin = b;
        }
      }
    }
    if (best_axis < 0) continue;  // coincident centroids: a leaf is all we can do
    const float leaf_cost = halfArea(box) * static_cast<float>(node.count);
    if (best_cost >= leaf_cost && node.count <= kMaxLeafSize) continue;

    // Partition triangles (and their centroids) so the left child's come first.
    const float scale = kBins / extent[best_axis];
    const float lo = centroid_box.min[best_axis];
    uint32_t i = node.first, j = node.first + node.count;
    while (i < j) {
      const int b = std::min(kBins - 1, static_cast<int>((centroids[i][best_axis] - lo) * scale));
      if (b < best_bin) {
        ++i;
      } else {
        --j;
        std::swap(triangles_[i], triangles_[j]);
        std::swap(centroids[i], centroids[j]);
      }
    }
    const uint32_t left_count = i - node.first;
    if (left_count == 0 || left_count == node.count) continue;  // cannot happen; stay safe

    const uint32_t left_index = static_cast<uint32_t>(nodes_.size());
    BvhNode left_child, right_child;
    left_child.first = node.first;
    left_child.count = left_count;
    right_child.first = i;
    right_child.count = node.count - left_count;
    node.first = left_index;
    node.count = 0;
    nodes_.push_back(left_child);  // within the reserve: `node` stays valid, though unused now
    nodes_.push_back(right_child);
    pending.push_back(left_index);
    pending.push_back(left_index + 1);
  }
}

std::optional<RayHit> RayPicker::cast(const Ray& ray, const std::vector<uint8_t>& hidden,
                                      const std::vector<glm::vec4>& section_planes) const {
  const auto cut_away = [&](float distance) {
    const glm::vec3 p = ray.origin + ray.direction * distance;
    for (const glm::vec4& plane : section_planes)
      if (glm::dot(glm::vec3(plane), p) + plane.w < 0.f) return true;
    return false;
  };
  if (nodes_.empty()) return std::nullopt;
  // Division by a zero component gives +-inf, which the slab test handles correctly.
  const glm::vec3 inv_dir = 1.f / ray.direction;
  float nearest = kInf;
  uint32_t nearest_triangle = 0;

  // A vector rather than a fixed array: SAH trees are shallow, but a degenerate model can
  // make a deep one, and a dropped subtree would be a silently wrong pick.
  std::vector<uint32_t> stack;
  stack.reserve(64);
  if (slabEntry(nodes_[0].min, nodes_[0].max, ray.origin, inv_dir, nearest) < kInf)
    stack.push_back(0);
  while (!stack.empty()) {
    const BvhNode& node = nodes_[stack.back()];
    stack.pop_back();
    if (node.count > 0) {
      for (uint32_t i = node.first; i < node.first + node.count; ++i) {
        const PickTriangle& t = triangles_[i];
        if (t.node < hidden.size() && hidden[t.node]) continue;
        const float d = intersect(ray, t);
        if (d < nearest && !cut_away(d)) {
          nearest = d;
          nearest_triangle = i;
        }
      }
      continue;
    }
    // Visit the nearer child first (pushed last) so that `nearest` shrinks early and prunes
    // the farther one.
    const BvhNode& a = nodes_[node.first];
    const BvhNode& b = nodes_[node.first + 1];
    float da = slabEntry(a.min, a.max, ray.origin, inv_dir, nearest);
    float db = slabEntry(b.min, b.max, ray.origin, inv_dir, nearest);
    uint32_t ia = node.first, ib = node.first + 1;
    if (da < db) {
      std::swap(da, db);
      std::swap(ia, ib);
    }
    // Now db <= da: push the farther (a) first.
    if (da < kInf) stack.push_back(ia);
    if (db < kInf) stack.push_back(ib);
  }
  if (nearest == kInf) return std::nullopt;
  RayHit hit;
  hit.triangle = nearest_triangle;
  hit.node = triangles_[nearest_triangle].node;
  hit.distance = nearest;
  hit.point = ray.origin + ray.direction * nearest;
  return hit;
}

std::vector<PickTriangle> pickableTriangles(const ModelData& model) {
  std::vector<PickTriangle> out;
  out.reserve(model.triangles);
  for (const DrawRecord& draw : model.draws) {
    if (draw.material < model.materials.size() && model.materials[draw.material].blend) continue;
    const MeshRange& mesh = model.meshes[draw.mesh];
    const auto world = [&](uint32_t k) {
      const uint32_t v =
          static_cast<uint32_t>(mesh.vertex_offset) + model.indices[mesh.first_index + k];
      return glm::vec3(draw.world * glm::vec4(model.vertices[v].position, 1.f));
    };
    for (uint32_t k = 0; k + 2 < mesh.index_count; k += 3)
      out.push_back({world(k), world(k + 1), world(k + 2), draw.node});
  }
  return out;
}

Ray rayThroughPixel(const OrbitCamera& camera, glm::vec2 pixel, glm::vec2 size) {
  // Double precision: the far plane of a large site sits thousands of metres away, and a
  // float inverse would smear the ray by more than a pixel.
  const glm::dmat4 view_projection =
      glm::dmat4(camera.projection(size.x / size.y)) * glm::dmat4(camera.view());
  const glm::dmat4 inverse = glm::inverse(view_projection);
  const glm::dvec2 centre = glm::floor(glm::dvec2(pixel)) + 0.5;
  const glm::dvec2 ndc = centre / glm::dvec2(size) * 2.0 - 1.0;
  // Reversed depth: z = 1 is the near plane, z = 0 the far plane.
  const glm::dvec4 near_h = inverse * glm::dvec4(ndc, 1.0, 1.0);
  const glm::dvec4 far_h = inverse * glm::dvec4(ndc, 0.0, 1.0);
  const glm::dvec3 near_p = glm::dvec3(near_h) / near_h.w;
  const glm::dvec3 far_p = glm::dvec3(far_h) / far_h.w;
  return {glm::vec3(near_p), glm::vec3(glm::normalize(far_p - near_p))};
}

std::optional<uint32_t> namedAncestor(const std::vector<SceneNode>& nodes, uint32_t node) {
  for (int32_t i = static_cast<int32_t>(node); i >= 0 && i < static_cast<int32_t>(nodes.size());
       i = nodes[i].parent) {
    if (!nodes[i].name.empty()) return static_cast<uint32_t>(i);
  }
  return std::nullopt;
}

}  // namespace gt::engine
