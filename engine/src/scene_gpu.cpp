// GpuModel upload and draw recording: culling, level of detail, instanced batches.
#include "scene_gpu.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "frustum.h"
#include "vk_context.h"

namespace gt::engine {

GpuModel uploadModel(const VkContext& ctx, ModelData data, VkDescriptorSetLayout material_layout) {
  GpuModel out;
  out.textures = uploadMaterialTextures(ctx, data, material_layout);
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

namespace {

// A visible placement: its draw, the level it is drawn at, and its distance from the eye.
struct Visible {
  uint32_t draw;
  uint32_t level;
  float distance;
};

bool cutBySection(std::span<const glm::vec4> planes, const glm::vec3& centre, float radius) {
  for (const glm::vec4& plane : planes)
    if (std::abs(glm::dot(glm::vec3(plane), centre) + plane.w) < radius) return true;
  return false;
}

void bindGeometry(VkCommandBuffer cmd, const GpuModel& model) {
  const VkDeviceSize offset = 0;
  VkBuffer vertex_buffer = model.vertices.buffer.get();
  vkCmdBindVertexBuffers(cmd, 0, 1, &vertex_buffer, &offset);
  vkCmdBindIndexBuffer(cmd, model.indices.buffer.get(), 0, VK_INDEX_TYPE_UINT32);
}

void pushDraw(VkCommandBuffer cmd, VkPipelineLayout layout, const DrawPushConstants& push) {
  vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(push), &push);
}

// A material's push constants: the factors its textures are multiplied with.
DrawPushConstants materialPush(const Material& mat) {
  DrawPushConstants push;
  push.base_colour = mat.base_colour;
  push.material = {mat.metallic, mat.roughness, mat.occlusion_strength,
                   mat.mask ? mat.alpha_cutoff : 0.f};
  push.tint = glm::vec4(0.f);
  // Without a normal texture the scale is 0, so the flat default bends nothing.
  const float normal_scale = mat.texture(TextureSlot::Normal) >= 0 ? mat.normal_scale : 0.f;
  push.emissive = glm::vec4(mat.emissive, normal_scale);
  return push;
}

// Switches between the plain and the textured pipeline as the draws need, binding the
// textured draws' surface stream and material set; binds nothing the state already has.
class MaterialBinder {
 public:
  MaterialBinder(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                 const DrawPipelines& pipelines)
      : cmd_(cmd), model_(model), layout_(layout), pipelines_(pipelines) {}

  void bind(uint32_t material) {
    const VkDescriptorSet set = pipelines_.textured && model_.textures.surfaces.buffer &&
                                        material < model_.textures.sets.size()
                                    ? model_.textures.sets[material]
                                    : VK_NULL_HANDLE;
    const VkPipeline pipeline = set ? pipelines_.textured : pipelines_.plain;
    if (pipeline != bound_pipeline_) {
      vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
      bound_pipeline_ = pipeline;
    }
    if (!set) return;
    if (!surfaces_bound_) {
      const VkDeviceSize offset = 0;
      VkBuffer buffer = model_.textures.surfaces.buffer.get();
      vkCmdBindVertexBuffers(cmd_, 1, 1, &buffer, &offset);
      surfaces_bound_ = true;
    }
    if (set != bound_set_) {
      vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 1, 1, &set, 0,
                              nullptr);
      bound_set_ = set;
    }
  }

 private:
  VkCommandBuffer cmd_;
  const GpuModel& model_;
  VkPipelineLayout layout_;
  DrawPipelines pipelines_;
  VkPipeline bound_pipeline_ = pipelines_.plain;  // the caller's
  VkDescriptorSet bound_set_ = VK_NULL_HANDLE;
  bool surfaces_bound_ = false;
};

bool texturedDraw(const GpuModel& model, const DrawPipelines& pipelines, uint32_t material) {
  return pipelines.textured && model.textures.sets[material] != VK_NULL_HANDLE;
}

// Records one draw of `count` instances starting at the sink's next free entry, whose
// entries the caller has just written.
void drawInstances(VkCommandBuffer cmd, const MeshRange& mesh, uint32_t level, uint32_t first,
                   uint32_t count, InstanceSink& sink) {
  const IndexRange range = lodIndexRange(mesh, level);
  vkCmdDrawIndexed(cmd, range.index_count, count, range.first_index, mesh.vertex_offset, first);
  ++sink.draw_calls;
}

}  // namespace

uint32_t drawsInSubtree(const GpuModel& model, uint32_t first, uint32_t end) {
  uint32_t n = 0;
  for (const DrawRecord& draw : model.data.draws) n += draw.node >= first && draw.node < end;
  return n;
}

uint32_t instancesNeeded(const GpuModel& model, uint32_t shadow_layers, uint32_t outlined_draws) {
  const uint32_t draws = static_cast<uint32_t>(model.data.draws.size());
  return (1 + shadow_layers) * draws + 2 * outlined_draws;
}

DrawCounts recordModelDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, const LodProjection& lod,
                            std::span<const glm::vec4> section_planes, const glm::vec3& eye,
                            DrawKind kind, InstanceSink& sink, const DrawPipelines& pipelines) {
  const ModelData& data = model.data;
  const bool want_blended = kind == DrawKind::Blended;
  DrawCounts counts;

  std::vector<Visible> visible;
  for (uint32_t i = 0; i < data.draws.size(); ++i) {
    const DrawRecord& draw = data.draws[i];
    const bool xrayed = model.xray[draw.node] > 0.f;
    if ((data.materials[draw.material].blend || xrayed) != want_blended) continue;
    if (model.hidden[draw.node]) continue;
    const glm::vec3 centre = draw.world_bounds.center();
    const float radius = draw.world_bounds.radius();
    if (!frustum.intersectsSphere(centre, radius)) {
      ++counts.culled;
      continue;
    }
    const uint32_t level =
        cutBySection(section_planes, centre, radius)
            ? 0
            : selectLod(data.meshes[draw.mesh], projectedRadiusPx(lod, centre, radius),
                        lod.max_error_px);
    visible.push_back({i, level, want_blended ? glm::length(centre - eye) : 0.f});
  }
  if (visible.empty()) return counts;
  assert(sink.used + visible.size() <= sink.capacity && "instancesNeeded() undercounted");
  if (sink.used + visible.size() > sink.capacity) return counts;
  bindGeometry(cmd, model);
  MaterialBinder binder(cmd, model, layout, pipelines);

  if (want_blended) {
    // Blending is order-dependent: the farthest glass first, one placement per draw.
    std::sort(visible.begin(), visible.end(),
              [](const Visible& a, const Visible& b) { return a.distance > b.distance; });
    for (const Visible& v : visible) {
      const DrawRecord& draw = data.draws[v.draw];
      const Material& mat = data.materials[draw.material];
      binder.bind(draw.material);
      DrawPushConstants push = materialPush(mat);
      if (const float xray = model.xray[draw.node]; xray > 0.f)
        push.base_colour.a = std::min(push.base_colour.a, xray);
      pushDraw(cmd, layout, push);
      sink.data[sink.used] = {draw.world, model.tints[draw.node]};
      drawInstances(cmd, data.meshes[draw.mesh], v.level, sink.used, 1, sink);
      ++sink.used;
      ++counts.drawn;
      ++counts.calls;
    }
    return counts;
  }

  // Opaque: the depth test makes order free, so placements of one mesh with one material at
  // one level become one instanced draw, and textured draws come last (one pipeline switch).
  // File order breaks ties, keeping frames reproducible.
  std::sort(visible.begin(), visible.end(), [&](const Visible& a, const Visible& b) {
    const DrawRecord& da = data.draws[a.draw];
    const DrawRecord& db = data.draws[b.draw];
    const bool ta = texturedDraw(model, pipelines, da.material);
    const bool tb = texturedDraw(model, pipelines, db.material);
    if (ta != tb) return tb;
    if (da.mesh != db.mesh) return da.mesh < db.mesh;
    if (da.material != db.material) return da.material < db.material;
    if (a.level != b.level) return a.level < b.level;
    return a.draw < b.draw;
  });
  for (size_t begin = 0; begin < visible.size();) {
    const DrawRecord& head = data.draws[visible[begin].draw];
    size_t end = begin + 1;
    while (end < visible.size() && data.draws[visible[end].draw].mesh == head.mesh &&
           data.draws[visible[end].draw].material == head.material &&
           visible[end].level == visible[begin].level)
      ++end;
    binder.bind(head.material);
    pushDraw(cmd, layout, materialPush(data.materials[head.material]));
    const uint32_t first = sink.used;
    for (size_t i = begin; i < end; ++i) {
      const DrawRecord& draw = data.draws[visible[i].draw];
      sink.data[sink.used++] = {draw.world, model.tints[draw.node]};
    }
    const uint32_t count = static_cast<uint32_t>(end - begin);
    drawInstances(cmd, data.meshes[head.mesh], visible[begin].level, first, count, sink);
    counts.drawn += count;
    ++counts.calls;
    begin = end;
  }
  return counts;
}

uint32_t recordSubtreeDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, uint32_t first, uint32_t end,
                            const glm::vec4& colour, InstanceSink& sink) {
  const ModelData& data = model.data;
  bindGeometry(cmd, model);
  uint32_t drawn = 0;
  for (const DrawRecord& draw : data.draws) {
    if (draw.node < first || draw.node >= end || model.hidden[draw.node]) continue;
    if (!frustum.intersectsSphere(draw.world_bounds.center(), draw.world_bounds.radius())) continue;
    assert(sink.used < sink.capacity && "instancesNeeded() undercounted");
    if (sink.used >= sink.capacity) break;
    DrawPushConstants push;
    push.base_colour = data.materials[draw.material].base_colour;
    push.material = glm::vec4(0.f);
    push.tint = colour;
    push.emissive = glm::vec4(0.f);
    pushDraw(cmd, layout, push);
    sink.data[sink.used] = {draw.world, colour};
    drawInstances(cmd, data.meshes[draw.mesh], 0, sink.used, 1, sink);
    ++sink.used;
    ++drawn;
  }
  return drawn;
}

}  // namespace gt::engine
