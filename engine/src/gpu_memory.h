// Buffers and images with their memory, as owners. One allocation per resource is enough here:
// a factory model needs a handful of buffers, and lavapipe has no allocation limit worth a
// sub-allocator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <vulkan/vulkan.h>

#include "vk_owners.h"

namespace gt::engine {

class VkContext;

// Members are declared memory first so the buffer/image dies before its memory is freed.
struct GpuBuffer {
  MemoryOwner memory;
  BufferOwner buffer;
  void* mapped = nullptr;  // persistently mapped when host-visible
  VkDeviceSize size = 0;
};

struct GpuImage {
  MemoryOwner memory;
  ImageOwner image;
  ImageViewOwner view;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
};

// Host-visible buffers are mapped for their whole life.
GpuBuffer createBuffer(const VkContext& ctx, VkDeviceSize size, VkBufferUsageFlags usage,
                       VkMemoryPropertyFlags memory, const std::string& name);
// A device-local buffer filled from `data` through a staging buffer; waits for the copy.
GpuBuffer uploadBuffer(const VkContext& ctx, const void* data, size_t size,
                       VkBufferUsageFlags usage, const std::string& name);
// A device-local 2D image of `levels` mip levels and `layers` array layers, bound to its own
// memory, without a view: for images whose views are not the usual one (mip chains, one view per
// layer). Fills memory, image, format and extent.
GpuImage allocateImage(const VkContext& ctx, VkExtent2D extent, VkFormat format,
                       VkImageUsageFlags usage, VkSampleCountFlagBits samples, uint32_t levels,
                       uint32_t layers, const std::string& name);
// A view of `range` of `image`, named `name`.
ImageViewOwner createImageView(const VkContext& ctx, VkImage image, VkImageViewType type,
                               VkFormat format, const VkImageSubresourceRange& range,
                               const std::string& name);
// A 2D image with one mip level and a view of `aspect`.
GpuImage createImage(const VkContext& ctx, VkExtent2D extent, VkFormat format,
                     VkImageUsageFlags usage, VkSampleCountFlagBits samples,
                     VkImageAspectFlags aspect, const std::string& name);

}  // namespace gt::engine
