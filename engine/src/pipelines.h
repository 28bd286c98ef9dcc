// The scene's graphics pipelines (sky backdrop, opaque meshes, blended meshes) and their shared
// layout: one per-frame uniform buffer (set 0) and per-draw push constants.
#pragma once

#include <filesystem>

#include <vulkan/vulkan.h>

#include "vk_owners.h"

namespace gt::engine {

class VkContext;

struct ScenePipelines {
  DescriptorSetLayoutOwner frame_set_layout;
  PipelineLayoutOwner layout;
  PipelineOwner sky;
  PipelineOwner opaque;
  PipelineOwner blended;  // depth test on, depth write off, alpha blending
};

// Reads sky.vert.spv, sky.frag.spv, mesh.vert.spv and mesh.frag.spv from `shader_dir`.
// Throws std::runtime_error naming a missing or unreadable shader file.
ScenePipelines createScenePipelines(const VkContext& ctx, VkRenderPass pass,
                                    VkSampleCountFlagBits samples,
                                    const std::filesystem::path& shader_dir);

}  // namespace gt::engine
