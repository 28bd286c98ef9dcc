// The offscreen targets every frame is drawn into, windowed or headless: MSAA colour and depth,
// resolved into a single-sample RGBA8 "frame image" that is then blitted to the swapchain or
// read back to host memory. Also the one render pass that draws into them.
#pragma once

#include <vulkan/vulkan.h>

#include "gpu_memory.h"
#include "vk_owners.h"

namespace gt::engine {

class VkContext;

struct TargetFormats {
  VkFormat colour = VK_FORMAT_R8G8B8A8_UNORM;
  VkFormat depth = VK_FORMAT_D32_SFLOAT;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
};

// Depth format and the sample count: min(requested, what colour and depth both support).
TargetFormats chooseTargetFormats(const VkContext& ctx, int requested_samples);

// Main colour pass: clears colour and depth, resolves (when multisampled) into the frame image
// and leaves it in TRANSFER_SRC_OPTIMAL for the blit or the readback.
RenderPassOwner createMainRenderPass(const VkContext& ctx, const TargetFormats& formats);

struct RenderTargets {
  GpuImage colour;  // multisampled; unused when samples == 1
  GpuImage depth;
  GpuImage frame;  // single-sample result
  FramebufferOwner framebuffer;
  VkExtent2D extent{};
};

RenderTargets createRenderTargets(const VkContext& ctx, const TargetFormats& formats,
                                  VkRenderPass pass, VkExtent2D extent);

}  // namespace gt::engine
