// A loaded model on the GPU (merged vertex and index buffers) with its CPU description and the
// per-node tints, and the recording of its draws: opaque ones in file order, blended ones
// back to front, each culled against the view frustum by its bounding sphere.
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
};

// Uploads the geometry through a staging buffer and waits for the copy.
GpuModel uploadModel(const VkContext& ctx, ModelData data);

enum class DrawKind { Opaque, Blended };

struct DrawCounts {
  uint32_t drawn = 0, culled = 0;
};

// Records the draws of one kind; the pipeline for that kind must already be bound.
DrawCounts recordModelDraws(VkCommandBuffer cmd, const GpuModel& model, VkPipelineLayout layout,
                            const Frustum& frustum, const glm::vec3& eye, DrawKind kind);

}  // namespace gt::engine
