// A model's material textures on the GPU: one sampled image per TextureImage (all mips
// uploaded, nothing generated at run time), one sampler, the vertex surface stream (UVs and
// tangents, vertex binding 1), and one descriptor set per textured material (set 1, bindings
// 0-4 in TextureSlot order; shaders/material_textures.glsl). Slots a material leaves empty
// point at 1x1 defaults, so every binding of a bound set is valid (lavapipe reads them all).
//
// Why a set per material and not one big array indexed from the push constants: a fixed-size
// array of combined image samplers needs every element written (or the descriptor-indexing
// partially-bound feature) and caps textures per model at the array size, and dynamic
// indexing of sampler arrays is an optional feature. A set per material is Vulkan 1.0 core,
// needs no feature on lavapipe or any GPU, and the opaque draws are already sorted by
// material, so a frame binds each set once.
#pragma once

#include <cstdint>
#include <vector>

#include <vulkan/vulkan.h>

#include "gpu_memory.h"
#include "model_data.h"
#include "vk_owners.h"

namespace gt::engine {

class VkContext;

struct MaterialTextures {
  std::vector<GpuImage> images;  // ModelData::textures, then the defaults
  SamplerOwner sampler;
  DescriptorPoolOwner pool;
  std::vector<VkDescriptorSet> sets;  // per material; VK_NULL_HANDLE where untextured
  GpuBuffer surfaces;                 // ModelData::surfaces, vertex binding 1
  VkDeviceSize image_bytes = 0;       // device memory of the images, for reports and tests
};

// The layout of set 1: five combined image samplers for the fragment stage.
DescriptorSetLayoutOwner createMaterialSetLayout(const VkContext& ctx);

// Uploads what `model`'s textured materials need and waits for the copies. A model without a
// textured material gets an empty MaterialTextures (no image, no sampler, no set).
MaterialTextures uploadMaterialTextures(const VkContext& ctx, const ModelData& model,
                                        VkDescriptorSetLayout material_layout);

}  // namespace gt::engine
