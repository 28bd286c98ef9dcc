// Shader loading and pipeline creation. Viewport and scissor are dynamic so a window resize
// only rebuilds the targets, never the pipelines.
#include "pipelines.h"

#include <array>
#include <cstddef>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "gpu_types.h"
#include "model_data.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

ShaderModuleOwner loadShader(const VkContext& ctx, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in)
    throw std::runtime_error("Cannot open shader " + file.string() +
                             " (build the greentwin_shaders target, or set the shader folder)");
  const std::streamsize size = in.tellg();
  if (size <= 0 || size % 4 != 0)
    throw std::runtime_error("Shader " + file.string() + " is not valid SPIR-V");
  std::vector<uint32_t> code(static_cast<size_t>(size) / 4);
  in.seekg(0);
  in.read(reinterpret_cast<char*>(code.data()), size);

  VkShaderModuleCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  info.codeSize = static_cast<size_t>(size);
  info.pCode = code.data();
  VkShaderModule module;
  VK_CHECK(vkCreateShaderModule(ctx.device(), &info, nullptr, &module));
  ctx.setName(module, VK_OBJECT_TYPE_SHADER_MODULE, file.filename().string());
  return ShaderModuleOwner(ctx.device(), module);
}

enum class PipelineKind { Sky, Opaque, Blended, Shadow };

PipelineOwner createPipeline(const VkContext& ctx, VkRenderPass pass, VkSampleCountFlagBits samples,
                             VkPipelineLayout layout, VkShaderModule vert, VkShaderModule frag,
                             PipelineKind kind, const char* name) {
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vert;
  stages[0].pName = "main";
  stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = frag;
  stages[1].pName = "main";
  // The shadow caster writes depth only: no fragment shader at all.
  const uint32_t stage_count = kind == PipelineKind::Shadow ? 1 : 2;

  const VkVertexInputBindingDescription binding{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX};
  const std::array<VkVertexInputAttributeDescription, 2> attributes{{
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)},
  }};
  VkPipelineVertexInputStateCreateInfo vertex_input{};
  vertex_input.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  if (kind != PipelineKind::Sky) {
    vertex_input.vertexBindingDescriptionCount = 1;
    vertex_input.pVertexBindingDescriptions = &binding;
    // Shadow casters need the position only.
    vertex_input.vertexAttributeDescriptionCount =
        kind == PipelineKind::Shadow ? 1 : static_cast<uint32_t>(attributes.size());
    vertex_input.pVertexAttributeDescriptions = attributes.data();
  }

  VkPipelineInputAssemblyStateCreateInfo assembly{};
  assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;

  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  VkPipelineRasterizationStateCreateInfo raster{};
  raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  // No culling: generated and converted factory models are not reliably closed or wound
  // consistently; the fragment shader lights whichever side faces the camera.
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.f;
  if (kind == PipelineKind::Shadow) {
    // Pushes casters away from the sun in proportion to their slope in the map, so a roof
    // does not shadow itself in stripes (acne); mesh.frag adds a normal offset of about a
    // texel, and together they stay well under the ~10 cm that would let a machine float.
    raster.depthBiasEnable = VK_TRUE;
    raster.depthBiasConstantFactor = 2.f;
    raster.depthBiasSlopeFactor = 1.5f;
  }

  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = samples;

  VkPipelineDepthStencilStateCreateInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  // The sky is tested too: it sits on the far plane (depth 0) and is drawn after the opaque
  // geometry, so it is shaded only where nothing else is (a quarter of the frame time on a
  // CPU rasteriser at 4x MSAA).
  depth.depthTestEnable = VK_TRUE;
  depth.depthWriteEnable = kind == PipelineKind::Opaque || kind == PipelineKind::Shadow;
  // Reversed depth (near is 1) in the scene; the shadow map's orthographic depth is linear and
  // keeps the usual direction.
  depth.depthCompareOp =
      kind == PipelineKind::Shadow ? VK_COMPARE_OP_LESS_OR_EQUAL : VK_COMPARE_OP_GREATER_OR_EQUAL;

  VkPipelineColorBlendAttachmentState blend{};
  blend.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                         VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (kind == PipelineKind::Blended) {
    blend.blendEnable = VK_TRUE;
    blend.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blend.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend.colorBlendOp = VK_BLEND_OP_ADD;
    // Keep the frame image opaque so a PNG of it is not see-through where glass is.
    blend.srcAlphaBlendFactor = VK_BLEND_FACTOR_ZERO;
    blend.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blend.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  VkPipelineColorBlendStateCreateInfo colour_blend{};
  colour_blend.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  colour_blend.attachmentCount = kind == PipelineKind::Shadow ? 0 : 1;
  colour_blend.pAttachments = &blend;

  const std::array<VkDynamicState, 2> dynamic_states{VK_DYNAMIC_STATE_VIEWPORT,
                                                     VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{};
  dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic.dynamicStateCount = static_cast<uint32_t>(dynamic_states.size());
  dynamic.pDynamicStates = dynamic_states.data();

  VkGraphicsPipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.stageCount = stage_count;
  info.pStages = stages.data();
  info.pVertexInputState = &vertex_input;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &colour_blend;
  info.pDynamicState = &dynamic;
  info.layout = layout;
  info.renderPass = pass;
  info.subpass = 0;
  VkPipeline pipeline;
  VK_CHECK(vkCreateGraphicsPipelines(ctx.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
  ctx.setName(pipeline, VK_OBJECT_TYPE_PIPELINE, name);
  return PipelineOwner(ctx.device(), pipeline);
}

}  // namespace

ScenePipelines createScenePipelines(const VkContext& ctx, VkRenderPass pass,
                                    VkSampleCountFlagBits samples, VkRenderPass shadow_pass,
                                    const std::filesystem::path& shader_dir) {
  VkDevice device = ctx.device();
  ScenePipelines out;

  std::array<VkDescriptorSetLayoutBinding, 2> frame_bindings{};
  frame_bindings[0].binding = 0;
  frame_bindings[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
  frame_bindings[0].descriptorCount = 1;
  frame_bindings[0].stageFlags = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
  frame_bindings[1].binding = 1;
  frame_bindings[1].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  frame_bindings[1].descriptorCount = 1;
  frame_bindings[1].stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  VkDescriptorSetLayoutCreateInfo set_info{};
  set_info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  set_info.bindingCount = static_cast<uint32_t>(frame_bindings.size());
  set_info.pBindings = frame_bindings.data();
  VkDescriptorSetLayout set_layout;
  VK_CHECK(vkCreateDescriptorSetLayout(device, &set_info, nullptr, &set_layout));
  out.frame_set_layout = DescriptorSetLayoutOwner(device, set_layout);
  ctx.setName(set_layout, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "frame uniforms layout");

  VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           sizeof(DrawPushConstants)};
  VkPipelineLayoutCreateInfo layout_info{};
  layout_info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  layout_info.setLayoutCount = 1;
  layout_info.pSetLayouts = &set_layout;
  layout_info.pushConstantRangeCount = 1;
  layout_info.pPushConstantRanges = &push;
  VkPipelineLayout layout;
  VK_CHECK(vkCreatePipelineLayout(device, &layout_info, nullptr, &layout));
  out.layout = PipelineLayoutOwner(device, layout);
  ctx.setName(layout, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "scene layout");

  const ShaderModuleOwner sky_vert = loadShader(ctx, shader_dir / "sky.vert.spv");
  const ShaderModuleOwner sky_frag = loadShader(ctx, shader_dir / "sky.frag.spv");
  const ShaderModuleOwner mesh_vert = loadShader(ctx, shader_dir / "mesh.vert.spv");
  const ShaderModuleOwner mesh_frag = loadShader(ctx, shader_dir / "mesh.frag.spv");
  const ShaderModuleOwner shadow_vert = loadShader(ctx, shader_dir / "shadow.vert.spv");
  out.sky = createPipeline(ctx, pass, samples, layout, sky_vert.get(), sky_frag.get(),
                           PipelineKind::Sky, "sky pipeline");
  out.opaque = createPipeline(ctx, pass, samples, layout, mesh_vert.get(), mesh_frag.get(),
                              PipelineKind::Opaque, "opaque mesh pipeline");
  out.blended = createPipeline(ctx, pass, samples, layout, mesh_vert.get(), mesh_frag.get(),
                               PipelineKind::Blended, "blended mesh pipeline");
  out.shadow = createPipeline(ctx, shadow_pass, VK_SAMPLE_COUNT_1_BIT, layout, shadow_vert.get(),
                              VK_NULL_HANDLE, PipelineKind::Shadow, "sun shadow caster pipeline");
  return out;
}

}  // namespace gt::engine
