// A loaded model on the GPU (merged vertex and index buffers) with its CPU description and the
// per-node tints, visibility and x-ray opacity, and the recording of its draws: each culled
// against the view frustum by its bounding sphere and drawn at the level of detail its
// projected size allows (lod_select.h); opaque ones batched, every placement of a mesh with one
// material at one level in a single instanced draw; blended ones (glass and x-rayed nodes) one
// by one, back to front; and the draws of one subtree at full detail, for outlines.
#pragma once

#include <span>
#include <vector>

#include <vulkan/vulkan.h>
#include <glm/glm.hpp>

#include "gpu_memory.h"
#include "gpu_types.h"
#include "lod_select.h"
#include "model_data.h"
#include "texture_gpu.h"

namespace gt::engine {

class VkContext;
class Frustum;

struct GpuModel {
  ModelData data;
  GpuBuffer vertices;
  GpuBuffer indices;
  MaterialTextures textures;     // empty for models without a textured material
  std::vector<glm::vec4> tints;  // per node: rgb, a = amount
  std::vector<uint8_t> hidden;   // per node: 1 = not drawn (cutaways, hidden equipment)
  std::vector<float> xray;       // per node: opacity when x-rayed, 0 = drawn as authored
};

// Per node: 1 where a click looks through (hidden or x-rayed), for RayPicker::cast.
std::vector<uint8_t> lookThroughMask(const GpuModel& model);

// Uploads the geometry and the material textures (their sets of `material_layout`) through
// staging buffers and waits for the copies.
GpuModel uploadModel(const VkContext& ctx, ModelData data, VkDescriptorSetLayout material_layout);

// The pipelines of one kind of scene draw: `plain` for untextured materials, `textured` (set 1
// and vertex binding 1) for textured ones. A null `textured` draws every material with `plain`
// (the shadow casters, which need positions only).
struct DrawPipelines {
  VkPipeline plain = VK_NULL_HANDLE;
  VkPipeline textured = VK_NULL_HANDLE;
};

// Opaque: opaque materials of nodes not x-rayed (also the sun's shadow casters). Blended:
// glass and x-rayed nodes, which neither hide what is behind them nor cast shadows.
enum class DrawKind { Opaque, Blended };

// Where a frame's passes write their instances: the mapped instance buffer of the frame slot
// being recorded (set 0, binding 4). `used` entries are taken; the counts are for the
// benchmark (viewer.draw_calls).
struct InstanceSink {
  DrawInstance* data = nullptr;
  uint32_t capacity = 0;
  uint32_t used = 0;
  uint32_t draw_calls = 0;  // vkCmdDrawIndexed recorded
};

struct DrawCounts {
  uint32_t drawn = 0, culled = 0;  // placements
  uint32_t calls = 0;              // vkCmdDrawIndexed recorded for them
};

// Instances one frame can write at most: each draw once in each of the `shadow_layers` shadow
// layers redrawn and once in the main passes, and each outlined draw twice (selection mask and
// hidden fill).
uint32_t instancesNeeded(const GpuModel& model, uint32_t shadow_layers, uint32_t outlined_draws);
// The draws of the subtree [first, end).
uint32_t drawsInSubtree(const GpuModel& model, uint32_t first, uint32_t end);

// Records the draws of one kind; `pipelines.plain` and the frame set (with the instance
// buffer) must already be bound. Textured draws switch to `pipelines.textured` with their
// material's set; what follows them switches back. Without `pipelines` every draw uses the
// bound pipeline (the shadow casters). `eye` orders blended draws back to front.
// Draws whose sphere a section plane (normal.xyz, d) cuts stay at full detail: the cap is
// the inside of the solid, and a simplified one need not be closed.
DrawCounts recordModelDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, const LodProjection& lod,
                            std::span<const glm::vec4> section_planes, const glm::vec3& eye,
                            DrawKind kind, InstanceSink& sink, const DrawPipelines& pipelines = {});

// Records every visible draw of the subtree [first, end) at full detail (an outline must match
// what a click hits) with `colour` in the push constants' tint (the selection pipelines read
// it); the pipeline must already be bound.
uint32_t recordSubtreeDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, uint32_t first, uint32_t end,
                            const glm::vec4& colour, InstanceSink& sink);

}  // namespace gt::engine
