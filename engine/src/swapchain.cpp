// Swapchain creation: format, present mode, image count, and the per-image semaphores.
#include "swapchain.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

VkSurfaceFormatKHR chooseFormat(const VkContext& ctx) {
  uint32_t count = 0;
  VK_CHECK(
      vkGetPhysicalDeviceSurfaceFormatsKHR(ctx.physicalDevice(), ctx.surface(), &count, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(count);
  VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(ctx.physicalDevice(), ctx.surface(), &count,
                                                formats.data()));
  if (formats.empty()) throw std::runtime_error("The window surface offers no pixel format");
  for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM})
    for (const auto& f : formats)
      if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
  return formats[0];  // an _SRGB format would encode twice: slightly too bright, still usable
}

VkPresentModeKHR choosePresentMode(const VkContext& ctx, bool vsync) {
  if (vsync) return VK_PRESENT_MODE_FIFO_KHR;  // always available
  uint32_t count = 0;
  VK_CHECK(vkGetPhysicalDeviceSurfacePresentModesKHR(ctx.physicalDevice(), ctx.surface(), &count,
                                                     nullptr));
  std::vector<VkPresentModeKHR> modes(count);
  VK_CHECK(vkGetPhysicalDeviceSurfacePresentModesKHR(ctx.physicalDevice(), ctx.surface(), &count,
                                                     modes.data()));
  for (VkPresentModeKHR wanted : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
    if (std::find(modes.begin(), modes.end(), wanted) != modes.end()) return wanted;
  return VK_PRESENT_MODE_FIFO_KHR;
}

}  // namespace

Swapchain createSwapchain(const VkContext& ctx, VkExtent2D wanted, bool vsync,
                          VkSwapchainKHR old_swapchain) {
  VkSurfaceCapabilitiesKHR caps;
  VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(ctx.physicalDevice(), ctx.surface(), &caps));
  if (!(caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT))
    throw std::runtime_error("The window surface cannot receive copied images");

  Swapchain out;
  const VkSurfaceFormatKHR format = chooseFormat(ctx);
  out.format = format.format;
  if (caps.currentExtent.width != UINT32_MAX) {
    out.extent = caps.currentExtent;
  } else {
    out.extent.width =
        std::clamp(wanted.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    out.extent.height =
        std::clamp(wanted.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  uint32_t image_count = caps.minImageCount + 1;
  if (caps.maxImageCount > 0) image_count = std::min(image_count, caps.maxImageCount);

  VkSwapchainCreateInfoKHR info{};
  info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
  info.surface = ctx.surface();
  info.minImageCount = image_count;
  info.imageFormat = format.format;
  info.imageColorSpace = format.colorSpace;
  info.imageExtent = out.extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = (caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)
                            ? VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR
                            : VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR;
  info.presentMode = choosePresentMode(ctx, vsync);
  info.clipped = VK_TRUE;
  info.oldSwapchain = old_swapchain;
  VkSwapchainKHR swapchain;
  VK_CHECK(vkCreateSwapchainKHR(ctx.device(), &info, nullptr, &swapchain));
  out.swapchain = SwapchainOwner(ctx.device(), swapchain);
  ctx.setName(swapchain, VK_OBJECT_TYPE_SWAPCHAIN_KHR, "window swapchain");

  uint32_t count = 0;
  VK_CHECK(vkGetSwapchainImagesKHR(ctx.device(), swapchain, &count, nullptr));
  out.images.resize(count);
  VK_CHECK(vkGetSwapchainImagesKHR(ctx.device(), swapchain, &count, out.images.data()));
  for (uint32_t i = 0; i < count; ++i) {
    ctx.setName(out.images[i], VK_OBJECT_TYPE_IMAGE, "swapchain image " + std::to_string(i));
    VkSemaphoreCreateInfo sem_info{};
    sem_info.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
    VkSemaphore sem;
    VK_CHECK(vkCreateSemaphore(ctx.device(), &sem_info, nullptr, &sem));
    out.rendered.emplace_back(ctx.device(), sem);
    ctx.setName(sem, VK_OBJECT_TYPE_SEMAPHORE, "rendered " + std::to_string(i));
  }
  return out;
}

}  // namespace gt::engine
