// Material texture upload and descriptor sets; see texture_gpu.h.
#include "texture_gpu.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

#include "texture_decode.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

// Defaults of the empty slots (glTF 2.0 §3.9: a missing texture is the factor alone): white
// for base colour, metallic-roughness, occlusion and emissive (times their factors), and the
// flat tangent-space normal (its scale is pushed as 0 anyway, so the exact value is moot).
constexpr uint8_t kWhite[4] = {255, 255, 255, 255};
constexpr uint8_t kFlatNormal[4] = {128, 128, 255, 255};

GpuImage createSampledImage(const VkContext& ctx, const TextureImage& texture,
                            const std::string& name) {
  const VkFormat format = texture.srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
  GpuImage out = allocateImage(ctx, {texture.width, texture.height}, format,
                               VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                               VK_SAMPLE_COUNT_1_BIT, texture.levels, 1, name);
  out.view = createImageView(ctx, out.image.get(), VK_IMAGE_VIEW_TYPE_2D, format,
                             {VK_IMAGE_ASPECT_COLOR_BIT, 0, texture.levels, 0, 1}, name + " view");
  return out;
}

SamplerOwner createMaterialSampler(const VkContext& ctx, float max_lod) {
  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  info.magFilter = VK_FILTER_LINEAR;
  info.minFilter = VK_FILTER_LINEAR;
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
  // glTF's default wrap (§5.26: REPEAT); per-texture sampler settings are not read.
  info.addressModeU = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.addressModeV = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  if (ctx.samplerAnisotropy()) {
    info.anisotropyEnable = VK_TRUE;
    info.maxAnisotropy = std::min(8.f, ctx.properties().limits.maxSamplerAnisotropy);
  }
  info.maxLod = max_lod;
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(ctx.device(), &info, nullptr, &sampler));
  ctx.setName(sampler, VK_OBJECT_TYPE_SAMPLER, "material sampler");
  return SamplerOwner(ctx.device(), sampler);
}

// Copies every level of every texture out of one staging buffer, then makes them readable.
void uploadImages(const VkContext& ctx, const std::vector<const TextureImage*>& textures,
                  const std::vector<GpuImage>& images) {
  VkDeviceSize total = 0;
  for (const TextureImage* t : textures) total += t->rgba.size();
  GpuBuffer staging =
      createBuffer(ctx, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                   VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                   "material textures staging");
  VkDeviceSize at = 0;
  for (const TextureImage* t : textures) {
    std::memcpy(static_cast<uint8_t*>(staging.mapped) + at, t->rgba.data(), t->rgba.size());
    at += t->rgba.size();
  }
  ctx.submitAndWait([&](VkCommandBuffer cmd) {
    VkDeviceSize offset = 0;
    for (size_t i = 0; i < textures.size(); ++i) {
      const TextureImage& t = *textures[i];
      const VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, t.levels, 0, 1};
      VkImageMemoryBarrier barrier{};
      barrier.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
      barrier.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      barrier.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
      barrier.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      barrier.image = images[i].image.get();
      barrier.subresourceRange = all;
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                           0, 0, nullptr, 0, nullptr, 1, &barrier);
      std::vector<VkBufferImageCopy> regions;
      uint32_t w = t.width, h = t.height;
      for (uint32_t level = 0; level < t.levels; ++level) {
        VkBufferImageCopy region{};
        region.bufferOffset = offset;
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
        region.imageExtent = {w, h, 1};
        regions.push_back(region);
        offset += VkDeviceSize(w) * h * 4;
        w = std::max(1u, w / 2);
        h = std::max(1u, h / 2);
      }
      vkCmdCopyBufferToImage(cmd, staging.buffer.get(), images[i].image.get(),
                             VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                             static_cast<uint32_t>(regions.size()), regions.data());
      barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
      barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      barrier.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                           VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 0, nullptr, 0, nullptr, 1,
                           &barrier);
    }
  });
}

}  // namespace

DescriptorSetLayoutOwner createMaterialSetLayout(const VkContext& ctx) {
  std::array<VkDescriptorSetLayoutBinding, kTextureSlots> bindings{};
  for (uint32_t i = 0; i < kTextureSlots; ++i) {
    bindings[i].binding = i;
    bindings[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    bindings[i].descriptorCount = 1;
    bindings[i].stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  }
  VkDescriptorSetLayoutCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  info.bindingCount = static_cast<uint32_t>(bindings.size());
  info.pBindings = bindings.data();
  VkDescriptorSetLayout layout;
  VK_CHECK(vkCreateDescriptorSetLayout(ctx.device(), &info, nullptr, &layout));
  ctx.setName(layout, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "material textures layout");
  return DescriptorSetLayoutOwner(ctx.device(), layout);
}

MaterialTextures uploadMaterialTextures(const VkContext& ctx, const ModelData& model,
                                        VkDescriptorSetLayout material_layout) {
  MaterialTextures out;
  const auto textured =
      static_cast<uint32_t>(std::count_if(model.materials.begin(), model.materials.end(),
                                          [](const Material& m) { return m.textured(); }));
  out.sets.assign(model.materials.size(), VK_NULL_HANDLE);
  if (textured == 0) return out;

  if (!model.surfaces.empty())
    out.surfaces =
        uploadBuffer(ctx, model.surfaces.data(), model.surfaces.size() * sizeof(VertexSurface),
                     VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "model vertex surfaces");

  const TextureImage white = makeTexture("white", 1, 1, {kWhite, kWhite + 4}, false);
  const TextureImage flat = makeTexture("flat normal", 1, 1, {kFlatNormal, kFlatNormal + 4}, false);
  std::vector<const TextureImage*> sources;
  for (const TextureImage& t : model.textures) sources.push_back(&t);
  sources.push_back(&white);
  sources.push_back(&flat);
  uint32_t max_levels = 1;
  for (const TextureImage* t : sources) {
    const std::string name = "texture " + t->name;
    out.images.push_back(createSampledImage(ctx, *t, name));
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(ctx.device(), out.images.back().image.get(), &req);
    out.image_bytes += req.size;
    max_levels = std::max(max_levels, t->levels);
  }
  uploadImages(ctx, sources, out.images);
  out.sampler = createMaterialSampler(ctx, static_cast<float>(max_levels));

  const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                  textured * kTextureSlots};
  VkDescriptorPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  pool_info.maxSets = textured;
  pool_info.poolSizeCount = 1;
  pool_info.pPoolSizes = &size;
  VkDescriptorPool pool;
  VK_CHECK(vkCreateDescriptorPool(ctx.device(), &pool_info, nullptr, &pool));
  out.pool = DescriptorPoolOwner(ctx.device(), pool);
  ctx.setName(pool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "material textures pool");

  const size_t white_index = model.textures.size(), flat_index = white_index + 1;
  for (size_t m = 0; m < model.materials.size(); ++m) {
    const Material& material = model.materials[m];
    if (!material.textured()) continue;
    VkDescriptorSetAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    alloc.descriptorPool = pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &material_layout;
    VK_CHECK(vkAllocateDescriptorSets(ctx.device(), &alloc, &out.sets[m]));
    ctx.setName(out.sets[m], VK_OBJECT_TYPE_DESCRIPTOR_SET, "material " + material.name);
    std::array<VkDescriptorImageInfo, kTextureSlots> images{};
    std::array<VkWriteDescriptorSet, kTextureSlots> writes{};
    for (uint32_t slot = 0; slot < kTextureSlots; ++slot) {
      const int32_t t = material.textures[slot];
      const size_t fallback =
          slot == static_cast<uint32_t>(TextureSlot::Normal) ? flat_index : white_index;
      const size_t index = t >= 0 ? size_t(t) : fallback;
      images[slot] = {out.sampler.get(), out.images[index].view.get(),
                      VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
      writes[slot].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[slot].dstSet = out.sets[m];
      writes[slot].dstBinding = slot;
      writes[slot].descriptorCount = 1;
      writes[slot].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      writes[slot].pImageInfo = &images[slot];
    }
    vkUpdateDescriptorSets(ctx.device(), kTextureSlots, writes.data(), 0, nullptr);
  }
  // One line per textured model: what its textures cost, for sizing a site's GPU.
  std::fprintf(stderr, "[model] %zu textures, %u textured materials: %.1f MiB of GPU memory\n",
               model.textures.size(), textured,
               static_cast<double>(out.image_bytes + out.surfaces.size) / (1024.0 * 1024.0));
  return out;
}

}  // namespace gt::engine
