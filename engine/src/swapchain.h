// The window's swapchain: images the frame image is blitted into, and one "rendered"
// semaphore per image (a semaphore per frame-in-flight could be re-signalled while the
// presentation engine still waits on it).
#pragma once

#include <vector>

#include <vulkan/vulkan.h>

#include "vk_owners.h"

namespace gt::engine {

class VkContext;

struct Swapchain {
  SwapchainOwner swapchain;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  std::vector<VkImage> images;  // owned by the swapchain
  std::vector<SemaphoreOwner> rendered;
};

// `wanted` is the framebuffer size; the surface's current extent wins when it has one.
// Prefers a UNORM format: the frame image already holds sRGB-encoded values.
Swapchain createSwapchain(const VkContext& ctx, VkExtent2D wanted, bool vsync,
                          VkSwapchainKHR old_swapchain);

}  // namespace gt::engine
