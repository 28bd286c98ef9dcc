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
  out.xray.assign(data.nodes.size(), 0.f);
  out.data = std::move(data);
  return out;
}

std::vector<uint8_t> lookThroughMask(const GpuModel& model) {
  std::vector<uint8_t> out(model.hidden);
  for (size_t i = 0; i < out.size() && i < model.xray.size(); ++i)
    if (model.xray[i] > 0.f) out[i] = 1;
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
    const bool xrayed = model.xray[draw.node] > 0.f;
    if ((data.materials[draw.material].blend || xrayed) != want_blended) continue;
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
    if (const float xray = model.xray[draw.node]; xray > 0.f)
      push.base_colour.a = std::min(push.base_colour.a, xray);
    push.material = {mat.metallic, mat.roughness, 0.f, 0.f};
    push.tint = model.tints[draw.node];
    vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(push), &push);
    vkCmdDrawIndexed(cmd, mesh.index_count, 1, mesh.first_index, mesh.vertex_offset, 0);
    ++counts.drawn;
  }
  return counts;
}

uint32_t recordSubtreeDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, uint32_t first, uint32_t end,
                            const glm::vec4& colour) {
  const ModelData& data = model.data;
  const VkDeviceSize offset = 0;
  VkBuffer vertex_buffer = model.vertices.buffer.get();
  vkCmdBindVertexBuffers(cmd, 0, 1, &vertex_buffer, &offset);
  vkCmdBindIndexBuffer(cmd, model.indices.buffer.get(), 0, VK_INDEX_TYPE_UINT32);
  uint32_t drawn = 0;
  for (const DrawRecord& draw : data.draws) {
    if (draw.node < first || draw.node >= end || model.hidden[draw.node]) continue;
    if (!frustum.intersectsSphere(draw.world_bounds.center(), draw.world_bounds.radius())) continue;
    const MeshRange& mesh = data.meshes[draw.mesh];
    DrawPushConstants push;
    push.model = draw.world;
    push.base_colour = data.materials[draw.material].base_colour;
    push.material = glm::vec4(0.f);
    push.tint = colour;
    vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(push), &push);
    vkCmdDrawIndexed(cmd, mesh.index_count, 1, mesh.first_index, mesh.vertex_offset, 0);
    ++drawn;
  }
  return drawn;
}

}  // namespace gt::engine
