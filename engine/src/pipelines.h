// The scene's graphics pipelines (sky backdrop, opaque meshes, blended meshes, the sun's
// depth-only shadow caster, the ground grid, and the selection mask, outline and hidden-part
// fill) and their shared layout: set 0 holds the per-frame uniform buffer (binding 0), the sun
// shadow map (binding 1) and the selection mask's colour (2) and depth (3); draws pass push
// constants. Section planes have their own variants of the mesh and shadow pipelines, so a
// frame without them pays nothing for the discard.
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
  PipelineOwner opaque_sectioned;  // opaque, cut by the section planes, caps on cut solids
  PipelineOwner blended;  // depth test on, depth write off, alpha blending; cut by the planes
  PipelineOwner shadow;   // depth only, into the shadow pass, slope-scaled depth bias
  PipelineOwner shadow_sectioned;  // as shadow, cut by the section planes
  PipelineOwner grid;              // ground grid, blended, tested against the scene's depth
  PipelineOwner selection_mask;    // outlined nodes into the selection mask pass
  PipelineOwner selection_hidden;  // outlined nodes where they are behind other geometry
  PipelineOwner outline;           // fullscreen ring around the mask's silhouettes
};

// Reads the compiled shaders (sky, mesh, shadow, grid, selection, outline *.spv) from
// `shader_dir`. Throws std::runtime_error naming a missing or unreadable shader file.
ScenePipelines createScenePipelines(const VkContext& ctx, VkRenderPass pass,
                                    VkSampleCountFlagBits samples, VkRenderPass shadow_pass,
                                    VkRenderPass selection_mask_pass,
                                    const std::filesystem::path& shader_dir);

}  // namespace gt::engine
