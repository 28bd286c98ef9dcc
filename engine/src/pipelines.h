// The scene's graphics pipelines (sky backdrop, opaque meshes, blended meshes, the sun's
// depth-only shadow caster, the ground grid, and the selection mask, outline and hidden-part
// fill) and their shared layout: set 0 holds the per-frame uniform buffer (binding 0), the sun
// shadow map (binding 1) and the selection mask's colour (2) and depth (3); set 1 holds a
// textured material's images (texture_gpu.h); draws pass push constants. Section planes have
// their own variants of the mesh and shadow pipelines, so a frame without them pays nothing for
// the discard; textured materials have their own variants of the mesh pipelines (UVs, tangents,
// five texture reads), so an untextured model pays nothing for textures. createPipeline builds
// any one of them from a PipelineDesc, and the pipelines of passes outside this set (ribbons).
#pragma once

#include <filesystem>

#include <vulkan/vulkan.h>

#include "vk_owners.h"

namespace gt::engine {

class VkContext;

struct ScenePipelines {
  DescriptorSetLayoutOwner frame_set_layout;
  DescriptorSetLayoutOwner material_set_layout;  // set 1
  PipelineLayoutOwner layout;
  PipelineOwner sky;
  PipelineOwner opaque;
  PipelineOwner opaque_sectioned;  // opaque, cut by the section planes, caps on cut solids
  PipelineOwner blended;  // depth test on, depth write off, alpha blending; cut by the planes
  PipelineOwner opaque_textured;            // as opaque, for textured materials
  PipelineOwner opaque_textured_sectioned;  // as opaque_sectioned, for textured materials
  PipelineOwner blended_textured;           // as blended, for textured materials
  PipelineOwner shadow;            // depth only, into the shadow pass, slope-scaled depth bias
  PipelineOwner shadow_sectioned;  // as shadow, cut by the section planes
  PipelineOwner grid;              // ground grid, blended, tested against the scene's depth
  PipelineOwner selection_mask;    // outlined nodes into the selection mask pass
  PipelineOwner selection_hidden;  // outlined nodes where they are behind other geometry
  PipelineOwner outline;           // fullscreen ring around the mask's silhouettes
};

// Reads one compiled shader (SPIR-V) into a module named after the file. Throws
// std::runtime_error naming a missing or unreadable file.
ShaderModuleOwner loadShader(const VkContext& ctx, const std::filesystem::path& file);

// What sets one graphics pipeline apart from the others; everything else (triangle lists, no
// culling, one sample pass of `samples`, dynamic viewport and scissor) is shared.
struct PipelineDesc {
  const char* name;
  VkShaderModule vert;
  VkShaderModule frag;  // VK_NULL_HANDLE: depth only
  // The scene's vertex layouts (gpu_types.h); PositionNormalSurface adds binding 1: UV
  // (location 2) and tangent (3).
  enum class Vertices { None, Position, PositionNormal, PositionNormalSurface } vertices;
  bool depth_test, depth_write;
  VkCompareOp depth_compare;
  bool blend;       // alpha blending that keeps the frame image opaque
  bool depth_bias;  // the sun shadow casters' slope-scaled bias; no colour attachment
};

// One graphics pipeline in subpass 0 of `pass`, named `desc.name`. A pass with its own vertex
// layout (ribbons) passes it as `vertex_input`, which then replaces `desc.vertices`.
PipelineOwner createPipeline(const VkContext& ctx, VkRenderPass pass, VkSampleCountFlagBits samples,
                             VkPipelineLayout layout, const PipelineDesc& desc,
                             const VkPipelineVertexInputStateCreateInfo* vertex_input = nullptr);

// Reads the compiled shaders (sky, mesh, shadow, grid, selection, outline *.spv) from
// `shader_dir`. Throws std::runtime_error naming a missing or unreadable shader file.
ScenePipelines createScenePipelines(const VkContext& ctx, VkRenderPass pass,
                                    VkSampleCountFlagBits samples, VkRenderPass shadow_pass,
                                    VkRenderPass selection_mask_pass,
                                    const std::filesystem::path& shader_dir);

}  // namespace gt::engine
