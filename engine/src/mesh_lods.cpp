// meshoptimizer passes over each mesh of a ModelData; see mesh_lods.h.
#include "mesh_lods.h"

#include <algorithm>
#include <numeric>

#include <meshoptimizer.h>

namespace gt::engine {
namespace {

// meshoptimizer's default: up to 5 % more vertex-cache misses for less overdraw.
constexpr float kOverdrawThreshold = 1.05f;
// A level with more than this share of the previous level's indices is not worth a range.
constexpr float kStallFraction = 0.9f;

struct MeshLevels {
  std::vector<uint32_t> full;
  std::vector<std::vector<uint32_t>> lods;
  std::vector<float> relative_errors;
};

// The vertex count a mesh's indices reach (indices are relative to its vertex_offset).
size_t referencedVertices(const ModelData& model, const MeshRange& mesh) {
  const auto first = model.indices.begin() + mesh.first_index;
  if (mesh.index_count == 0) return 0;
  return size_t(*std::max_element(first, first + mesh.index_count)) + 1;
}

MeshLevels buildLevels(const ModelData& model, const MeshRange& mesh, size_t vertex_count) {
  MeshLevels out;
  out.full.assign(model.indices.begin() + mesh.first_index,
                  model.indices.begin() + mesh.first_index + mesh.index_count);
  const float* positions = &model.vertices[size_t(mesh.vertex_offset)].position.x;
  const size_t n = out.full.size();
  meshopt_optimizeVertexCache(out.full.data(), out.full.data(), n, vertex_count);
  meshopt_optimizeOverdraw(out.full.data(), out.full.data(), n, positions, vertex_count,
                           sizeof(Vertex), kOverdrawThreshold);

  // meshopt_simplify's errors are relative to the mesh's extent; the levels store them
  // relative to the bounding sphere's radius, which is what the draw projects.
  const float extent = meshopt_simplifyScale(positions, vertex_count, sizeof(Vertex));
  const float radius = mesh.local_bounds.radius();
  if (!(radius > 0.f)) return out;
  size_t previous = n;
  for (const float fraction : kLodIndexFractions) {
    const size_t target = std::max<size_t>(3, size_t(float(n) * fraction) / 3 * 3);
    std::vector<uint32_t> lod(n);
    float error = 0.f;
    // Always simplified from the full mesh, so errors do not compound level to level.
    const size_t count = meshopt_simplify(lod.data(), out.full.data(), n, positions, vertex_count,
                                          sizeof(Vertex), target, kLodMaxRelativeError, 0, &error);
    if (count == 0 || float(count) > kStallFraction * float(previous)) break;
    lod.resize(count);
    meshopt_optimizeVertexCache(lod.data(), lod.data(), count, vertex_count);
    out.lods.push_back(std::move(lod));
    out.relative_errors.push_back(error * extent / radius);
    previous = count;
  }
  return out;
}

// Vertex order of first use in the full level. Every level uses a subset of those vertices
// (simplification only removes), so one remap serves them all; vertices no triangle uses go
// to the end of the mesh's range.
void optimizeFetch(ModelData& model, const MeshRange& mesh, size_t vertex_count,
                   MeshLevels& levels) {
  std::vector<uint32_t> remap(vertex_count);
  const size_t used = meshopt_optimizeVertexFetchRemap(remap.data(), levels.full.data(),
                                                       levels.full.size(), vertex_count);
  uint32_t next = static_cast<uint32_t>(used);
  for (uint32_t& r : remap)
    if (r == ~0u) r = next++;
  Vertex* vertices = &model.vertices[size_t(mesh.vertex_offset)];
  meshopt_remapVertexBuffer(vertices, vertices, vertex_count, sizeof(Vertex), remap.data());
  if (!model.surfaces.empty()) {
    VertexSurface* surfaces = &model.surfaces[size_t(mesh.vertex_offset)];
    meshopt_remapVertexBuffer(surfaces, surfaces, vertex_count, sizeof(VertexSurface),
                              remap.data());
  }
  meshopt_remapIndexBuffer(levels.full.data(), levels.full.data(), levels.full.size(),
                           remap.data());
  for (std::vector<uint32_t>& lod : levels.lods)
    meshopt_remapIndexBuffer(lod.data(), lod.data(), lod.size(), remap.data());
}

// Meshes whose vertex range [offset, offset + count) no other mesh's range overlaps.
std::vector<bool> ownVertexRange(const ModelData& model, const std::vector<size_t>& counts) {
  std::vector<uint32_t> order(model.meshes.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return model.meshes[a].vertex_offset < model.meshes[b].vertex_offset;
  });
  std::vector<bool> own(model.meshes.size(), true);
  int64_t reach = -1;  // end of the furthest range seen so far
  for (size_t i = 0; i < order.size(); ++i) {
    const int64_t begin = model.meshes[order[i]].vertex_offset;
    const int64_t end = begin + int64_t(counts[order[i]]);
    if (counts[order[i]] == 0) continue;
    if (begin < reach) {
      own[order[i]] = false;
      for (size_t j = i; j-- > 0;)  // every earlier range reaching into this one
        if (counts[order[j]] &&
            model.meshes[order[j]].vertex_offset + int64_t(counts[order[j]]) > begin)
          own[order[j]] = false;
    }
    reach = std::max(reach, end);
  }
  return own;
}

}  // namespace

void optimizeMeshes(ModelData& model) {
  std::vector<size_t> counts(model.meshes.size());
  for (size_t m = 0; m < model.meshes.size(); ++m)
    counts[m] = referencedVertices(model, model.meshes[m]);
  const std::vector<bool> own = ownVertexRange(model, counts);

  std::vector<uint32_t> indices;
  indices.reserve(model.indices.size() + model.indices.size() / 2);
  for (size_t m = 0; m < model.meshes.size(); ++m) {
    MeshRange& mesh = model.meshes[m];
    if (counts[m] == 0) {
      mesh.first_index = static_cast<uint32_t>(indices.size());
      mesh.lod_count = 0;
      continue;
    }
    MeshLevels levels = buildLevels(model, mesh, counts[m]);
    if (own[m]) optimizeFetch(model, mesh, counts[m], levels);
    mesh.first_index = static_cast<uint32_t>(indices.size());
    indices.insert(indices.end(), levels.full.begin(), levels.full.end());
    mesh.lod_count = static_cast<uint32_t>(levels.lods.size());
    for (size_t l = 0; l < levels.lods.size(); ++l) {
      mesh.lods[l] = {static_cast<uint32_t>(indices.size()),
                      static_cast<uint32_t>(levels.lods[l].size()), levels.relative_errors[l]};
      indices.insert(indices.end(), levels.lods[l].begin(), levels.lods[l].end());
    }
  }
  model.indices = std::move(indices);
}

}  // namespace gt::engine
