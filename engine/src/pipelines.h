// The scene's graphics pipelines (sky backdrop, opaque meshes, blended meshes, the sun's
// depth-only shadow caster) and their shared layout: set 0 holds the per-frame uniform buffer
// (binding 0) and the sun shadow map (binding 1); draws pass push constants.
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
  PipelineOwner shadow;   // depth only, into the shadow pass, slope-scaled depth bias
};

// Reads sky.vert.spv, sky.frag.spv, mesh.vert.spv, mesh.frag.spv and shadow.vert.spv from
// `shader_dir`. Throws std::runtime_error naming a missing or unreadable shader file.
ScenePipelines createScenePipelines(const VkContext& ctx, VkRenderPass pass,
                                    VkSampleCountFlagBits samples, VkRenderPass shadow_pass,
                                    const std::filesystem::path& shader_dir);

}  // namespace gt::engine
