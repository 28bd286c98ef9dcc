// Creation of buffers and images with dedicated memory, and staged uploads.
#include "gpu_memory.h"

#include <cstring>

#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {

GpuBuffer createBuffer(const VkContext& ctx, VkDeviceSize size, VkBufferUsageFlags usage,
                       VkMemoryPropertyFlags memory, const std::string& name) {
  VkDevice device = ctx.device();
  GpuBuffer out;
  out.size = size;

  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer buffer;
  VK_CHECK(vkCreateBuffer(device, &info, nullptr, &buffer));
  out.buffer = BufferOwner(device, buffer);
  ctx.setName(buffer, VK_OBJECT_TYPE_BUFFER, name);

  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(device, buffer, &req);
  VkMemoryAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = ctx.findMemoryType(req.memoryTypeBits, memory);
  VkDeviceMemory mem;
  VK_CHECK(vkAllocateMemory(device, &alloc, nullptr, &mem));
  out.memory = MemoryOwner(device, mem);
  VK_CHECK(vkBindBufferMemory(device, buffer, mem, 0));
  if (memory & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT)
    VK_CHECK(vkMapMemory(device, mem, 0, VK_WHOLE_SIZE, 0, &out.mapped));
  return out;
}

GpuBuffer uploadBuffer(const VkContext& ctx, const void* data, size_t size,
                       VkBufferUsageFlags usage, const std::string& name) {
  GpuBuffer staging =
      createBuffer(ctx, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                   VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                   name + " staging");
  std::memcpy(staging.mapped, data, size);
  GpuBuffer target = createBuffer(ctx, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                  VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, name);
  ctx.submitAndWait([&](VkCommandBuffer cmd) {
    VkBufferCopy region{0, 0, size};
    vkCmdCopyBuffer(cmd, staging.buffer.get(), target.buffer.get(), 1, &region);
  });
  return target;
}

GpuImage allocateImage(const VkContext& ctx, VkExtent2D extent, VkFormat format,
                       VkImageUsageFlags usage, VkSampleCountFlagBits samples, uint32_t levels,
                       uint32_t layers, const std::string& name) {
  VkDevice device = ctx.device();
  GpuImage out;
  out.format = format;
  out.extent = extent;

  VkImageCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = format;
  info.extent = {extent.width, extent.height, 1};
  info.mipLevels = levels;
  info.arrayLayers = layers;
  info.samples = samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImage image;
  VK_CHECK(vkCreateImage(device, &info, nullptr, &image));
  out.image = ImageOwner(device, image);
  ctx.setName(image, VK_OBJECT_TYPE_IMAGE, name);

  VkMemoryRequirements req;
  vkGetImageMemoryRequirements(device, image, &req);
  VkMemoryAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex =
      ctx.findMemoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  VkDeviceMemory mem;
  VK_CHECK(vkAllocateMemory(device, &alloc, nullptr, &mem));
  out.memory = MemoryOwner(device, mem);
  VK_CHECK(vkBindImageMemory(device, image, mem, 0));
  return out;
}

ImageViewOwner createImageView(const VkContext& ctx, VkImage image, VkImageViewType type,
                               VkFormat format, const VkImageSubresourceRange& range,
                               const std::string& name) {
  VkImageViewCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
  info.image = image;
  info.viewType = type;
  info.format = format;
  info.subresourceRange = range;
  VkImageView view;
  VK_CHECK(vkCreateImageView(ctx.device(), &info, nullptr, &view));
  ctx.setName(view, VK_OBJECT_TYPE_IMAGE_VIEW, name);
  return ImageViewOwner(ctx.device(), view);
}

GpuImage createImage(const VkContext& ctx, VkExtent2D extent, VkFormat format,
                     VkImageUsageFlags usage, VkSampleCountFlagBits samples,
                     VkImageAspectFlags aspect, const std::string& name) {
  GpuImage out = allocateImage(ctx, extent, format, usage, samples, 1, 1, name);
  out.view = createImageView(ctx, out.image.get(), VK_IMAGE_VIEW_TYPE_2D, format,
                             {aspect, 0, 1, 0, 1}, name + " view");
  return out;
}

}  // namespace gt::engine
