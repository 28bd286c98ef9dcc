// GpuModel upload and draw recording.
#include "scene_gpu.h"

#include <algorithm>

#include "frustum.h"
#include "gpu_types.h"
#include "vk_context.h"

namespace gt::engine {

GpuModel uploadModel(const VkContext& ctx, ModelData data) {
  GpuModel out;
  out.vertices = uploadBuffer(ctx, data.vertices.data(), data.vertices.size() * sizeof(Vertex),
                              VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "model vertices");
  out.indices = uploadBuffer(ctx, data.indices.data(), data.indices.size() * sizeof(uint32_t),
                             VK_BUFFER_USAGE_INDEX_BUFFER_BIT, "model indices");
  out.tints.assign(data.nodes.size(), glm::vec4(0.f));
  out.hidden.assign(data.nodes.size(), 0);
  out.data = std::move(data);
  return out;
}

DrawCounts recordModelDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, const glm::vec3& eye, DrawKind kind) {
  const ModelData& data = model.data;
  const bool want_blended = kind == DrawKind::Blended;
  DrawCounts counts;

  // Visible draws of this kind, with their distance for sorting.
  std::vector<std::pair<float, uint32_t>> visible;
  for (uint32_t i = 0; i < data.draws.size(); ++i) {
    const DrawRecord& draw = data.draws[i];
    if (data.materials[draw.material].blend != want_blended) continue;
    if (model.hidden[draw.node]) continue;
    if (!frustum.intersectsSphere(draw.world_bounds.center(), draw.world_bounds.radius())) {
      ++counts.culled;
      continue;
    }
    visible.emplace_back(glm::length(draw.world_bounds.center() - eye), i);
  }
  if (visible.empty()) return counts;
  // Blending is order-dependent: the farthest glass must be drawn first.
  if (want_blended)
    std::sort(visible.begin(), visible.end(), [](auto& a, auto& b) { return a.first > b.first; });

  const VkDeviceSize offset = 0;
  VkBuffer vertex_buffer = model.vertices.buffer.get();
  vkCmdBindVertexBuffers(cmd, 0, 1, &vertex_buffer, &offset);
  vkCmdBindIndexBuffer(cmd, model.indices.buffer.get(), 0, VK_INDEX_TYPE_UINT32);
  for (const auto& [distance, index] : visible) {
    const DrawRecord& draw = data.draws[index];
    const Material& mat = data.materials[draw.material];
    const MeshRange& mesh = data.meshes[draw.mesh];
    DrawPushConstants push;
    push.model = draw.world;
    push.base_colour = mat.base_colour;
    push.material = {mat.metallic, mat.roughness, 0.f, 0.f};
    push.tint = model.tints[draw.node];
    vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(push), &push);
    vkCmdDrawIndexed(cmd, mesh.index_count, 1, mesh.first_index, mesh.vertex_offset, 0);
    ++counts.drawn;
  }
  return counts;
}

}  // namespace gt::engine
