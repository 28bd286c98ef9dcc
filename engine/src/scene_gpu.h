// A loaded model on the GPU (merged vertex and index buffers) with its CPU description and the
// per-node tints, visibility and x-ray opacity, and the recording of its draws: opaque ones in
// file order, blended ones (glass and x-rayed nodes) back to front, each culled against the
// view frustum by its bounding sphere; and the draws of one subtree, for outlines.
#pragma once

#include <vector>

#include <vulkan/vulkan.h>
#include <glm/glm.hpp>

#include "gpu_memory.h"
#include "model_data.h"

namespace gt::engine {

class VkContext;
class Frustum;

struct GpuModel {
  ModelData data;
  GpuBuffer vertices;
  GpuBuffer indices;
  std::vector<glm::vec4> tints;  // per node: rgb, a = amount
  std::vector<uint8_t> hidden;   // per node: 1 = not drawn (cutaways, hidden equipment)
  std::vector<float> xray;       // per node: opacity when x-rayed, 0 = drawn as authored
};

// Per node: 1 where a click looks through (hidden or x-rayed), for RayPicker::cast.
std::vector<uint8_t> lookThroughMask(const GpuModel& model);

// Uploads the geometry through a staging buffer and waits for the copy.
GpuModel uploadModel(const VkContext& ctx, ModelData data);

// Opaque: opaque materials of nodes not x-rayed (also the sun's shadow casters). Blended:
// glass and x-rayed nodes, which neither hide what is behind them nor cast shadows.
enum class DrawKind { Opaque, Blended };

struct DrawCounts {
  uint32_t drawn = 0, culled = 0;
};

// Records the draws of one kind; the pipeline for that kind must already be bound.
DrawCounts recordModelDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, const glm::vec3& eye, DrawKind kind);

// Records every visible draw of the subtree [first, end) with `colour` in the push constants'
// tint (the selection pipelines read it); the pipeline must already be bound.
uint32_t recordSubtreeDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, uint32_t first, uint32_t end,
                            const glm::vec4& colour);

}  // namespace gt::engine
