// Shader loading and pipeline creation, for the scene's pipelines and the other passes' (ribbons).
// Viewport and scissor are dynamic so a window resize only rebuilds the targets, never the
// pipelines.
#include "pipelines.h"

#include <array>
#include <cstddef>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "gpu_types.h"
#include "model_data.h"
#include "texture_gpu.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {

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

PipelineOwner createPipeline(const VkContext& ctx, VkRenderPass pass, VkSampleCountFlagBits samples,
                             VkPipelineLayout layout, const PipelineDesc& desc,
                             const VkPipelineVertexInputStateCreateInfo* vertex_input_override) {
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = desc.vert;
  stages[0].pName = "main";
  stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = desc.frag;
  stages[1].pName = "main";
  // The plain shadow caster writes depth only: no fragment shader at all.
  const uint32_t stage_count = desc.frag == VK_NULL_HANDLE ? 1 : 2;

  const std::array<VkVertexInputBindingDescription, 2> bindings{{
      {0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX},
      {1, sizeof(VertexSurface), VK_VERTEX_INPUT_RATE_VERTEX},
  }};
  const std::array<VkVertexInputAttributeDescription, 4> attributes{{
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)},
      {2, 1, VK_FORMAT_R32G32_SFLOAT, offsetof(VertexSurface, uv)},
      {3, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(VertexSurface, tangent)},
  }};
  VkPipelineVertexInputStateCreateInfo vertex_input{};
  vertex_input.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  using V = PipelineDesc::Vertices;
  if (desc.vertices != V::None) {
    const bool surface = desc.vertices == V::PositionNormalSurface;
    vertex_input.vertexBindingDescriptionCount = surface ? 2 : 1;
    vertex_input.pVertexBindingDescriptions = bindings.data();
    vertex_input.vertexAttributeDescriptionCount = desc.vertices == V::Position ? 1
                                                   : surface                    ? 4
                                                                                : 2;
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
  if (desc.depth_bias) {
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
  depth.depthTestEnable = desc.depth_test;
  depth.depthWriteEnable = desc.depth_write;
  depth.depthCompareOp = desc.depth_compare;

  VkPipelineColorBlendAttachmentState blend{};
  blend.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                         VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (desc.blend) {
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
  // The shadow pass has no colour attachment, with or without a fragment shader.
  colour_blend.attachmentCount = desc.depth_bias ? 0 : 1;
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
  info.pVertexInputState = vertex_input_override ? vertex_input_override : &vertex_input;
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
  ctx.setName(pipeline, VK_OBJECT_TYPE_PIPELINE, desc.name);
  return PipelineOwner(ctx.device(), pipeline);
}

ScenePipelines createScenePipelines(const VkContext& ctx, VkRenderPass pass,
                                    VkSampleCountFlagBits samples, VkRenderPass shadow_pass,
                                    VkRenderPass selection_mask_pass,
                                    const std::filesystem::path& shader_dir) {
  VkDevice device = ctx.device();
  ScenePipelines out;

  std::array<VkDescriptorSetLayoutBinding, 5> frame_bindings{};
  frame_bindings[0].binding = 0;
  frame_bindings[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
  frame_bindings[0].descriptorCount = 1;
  frame_bindings[0].stageFlags = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
  frame_bindings[1].binding = 1;
  frame_bindings[1].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  frame_bindings[1].descriptorCount = 1;
  frame_bindings[1].stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  // The selection mask's colour and depth (selection_mask.h).
  frame_bindings[2] = frame_bindings[1];
  frame_bindings[2].binding = 2;
  frame_bindings[3] = frame_bindings[1];
  frame_bindings[3].binding = 3;
  // The instances (shaders/draw.glsl); the fragment stage sees the declaration too.
  frame_bindings[4].binding = 4;
  frame_bindings[4].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  frame_bindings[4].descriptorCount = 1;
  frame_bindings[4].stageFlags = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
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
  out.material_set_layout = createMaterialSetLayout(ctx);
  const std::array<VkDescriptorSetLayout, 2> set_layouts{set_layout, out.material_set_layout.get()};
  VkPipelineLayoutCreateInfo layout_info{};
  layout_info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  layout_info.setLayoutCount = static_cast<uint32_t>(set_layouts.size());
  layout_info.pSetLayouts = set_layouts.data();
  layout_info.pushConstantRangeCount = 1;
  layout_info.pPushConstantRanges = &push;
  VkPipelineLayout layout;
  VK_CHECK(vkCreatePipelineLayout(device, &layout_info, nullptr, &layout));
  out.layout = PipelineLayoutOwner(device, layout);
  ctx.setName(layout, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "scene layout");

  auto shader = [&](const char* file) { return loadShader(ctx, shader_dir / file); };
  const ShaderModuleOwner sky_vert = shader("sky.vert.spv");
  const ShaderModuleOwner sky_frag = shader("sky.frag.spv");
  const ShaderModuleOwner mesh_vert = shader("mesh.vert.spv");
  const ShaderModuleOwner mesh_frag = shader("mesh.frag.spv");
  const ShaderModuleOwner mesh_sectioned_frag = shader("mesh_sectioned.frag.spv");
  const ShaderModuleOwner textured_vert = shader("mesh_textured.vert.spv");
  const ShaderModuleOwner textured_frag = shader("mesh_textured.frag.spv");
  const ShaderModuleOwner textured_sectioned_frag = shader("mesh_textured_sectioned.frag.spv");
  const ShaderModuleOwner shadow_vert = shader("shadow.vert.spv");
  const ShaderModuleOwner shadow_sectioned_frag = shader("shadow_sectioned.frag.spv");
  const ShaderModuleOwner grid_vert = shader("grid.vert.spv");
  const ShaderModuleOwner grid_frag = shader("grid.frag.spv");
  const ShaderModuleOwner selection_vert = shader("selection.vert.spv");
  const ShaderModuleOwner fullscreen_vert = shader("fullscreen.vert.spv");
  const ShaderModuleOwner mask_frag = shader("selection_mask.frag.spv");
  const ShaderModuleOwner hidden_frag = shader("selection_hidden.frag.spv");
  const ShaderModuleOwner outline_frag = shader("outline.frag.spv");

  using V = PipelineDesc::Vertices;
  // Reversed depth (near is 1) in the scene: nearer passes GREATER. The shadow map's
  // orthographic depth is linear and keeps the usual direction.
  constexpr VkCompareOp kNearer = VK_COMPARE_OP_GREATER_OR_EQUAL;
  const auto scene = [&](const PipelineDesc& desc) {
    return createPipeline(ctx, pass, samples, layout, desc);
  };
  const auto shadow = [&](const PipelineDesc& desc) {
    return createPipeline(ctx, shadow_pass, VK_SAMPLE_COUNT_1_BIT, layout, desc);
  };
  // The sky is tested too: it sits on the far plane (depth 0) and is drawn after the opaque
  // geometry, so it is shaded only where nothing else is (a quarter of the frame time on a
  // CPU rasteriser at 4x MSAA).
  out.sky = scene({"sky pipeline", sky_vert.get(), sky_frag.get(), V::None, true, false, kNearer,
                   false, false});
  out.opaque = scene({"opaque mesh pipeline", mesh_vert.get(), mesh_frag.get(), V::PositionNormal,
                      true, true, kNearer, false, false});
  out.opaque_sectioned =
      scene({"sectioned opaque mesh pipeline", mesh_vert.get(), mesh_sectioned_frag.get(),
             V::PositionNormal, true, true, kNearer, false, false});
  out.blended = scene({"blended mesh pipeline", mesh_vert.get(), mesh_sectioned_frag.get(),
                       V::PositionNormal, true, false, kNearer, true, false});
  out.opaque_textured =
      scene({"textured opaque mesh pipeline", textured_vert.get(), textured_frag.get(),
             V::PositionNormalSurface, true, true, kNearer, false, false});
  out.opaque_textured_sectioned = scene(
      {"sectioned textured opaque mesh pipeline", textured_vert.get(),
       textured_sectioned_frag.get(), V::PositionNormalSurface, true, true, kNearer, false, false});
  out.blended_textured =
      scene({"textured blended mesh pipeline", textured_vert.get(), textured_sectioned_frag.get(),
             V::PositionNormalSurface, true, false, kNearer, true, false});
  out.shadow = shadow({"sun shadow caster pipeline", shadow_vert.get(), VK_NULL_HANDLE, V::Position,
                       true, true, VK_COMPARE_OP_LESS_OR_EQUAL, false, true});
  out.shadow_sectioned = shadow({"sectioned sun shadow caster pipeline", shadow_vert.get(),
                                 shadow_sectioned_frag.get(), V::Position, true, true,
                                 VK_COMPARE_OP_LESS_OR_EQUAL, false, true});
  out.grid = scene({"ground grid pipeline", grid_vert.get(), grid_frag.get(), V::None, true, false,
                    kNearer, true, false});
  out.selection_mask =
      createPipeline(ctx, selection_mask_pass, VK_SAMPLE_COUNT_1_BIT, layout,
                     {"selection mask pipeline", selection_vert.get(), mask_frag.get(), V::Position,
                      true, true, kNearer, false, false});
  // Strictly farther than what the scene has drawn there: only the hidden parts pass.
  out.selection_hidden =
      scene({"hidden selection pipeline", selection_vert.get(), hidden_frag.get(), V::Position,
             true, false, VK_COMPARE_OP_LESS, true, false});
  out.outline = scene({"selection outline pipeline", fullscreen_vert.get(), outline_frag.get(),
                       V::None, false, false, VK_COMPARE_OP_ALWAYS, true, false});
  return out;
}

}  // namespace gt::engine
