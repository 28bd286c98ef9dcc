// The parts every one of the engine's render passes shares: creating one from its attachments,
// single subpass and dependencies (named for validation messages and debuggers), and finding a
// depth format the device can both render to and sample (shadow map, selection mask).
#pragma once

#include <initializer_list>
#include <span>

#include "vk_owners.h"

namespace gt::engine {

class VkContext;

RenderPassOwner createRenderPass(const VkContext& ctx,
                                 std::span<const VkAttachmentDescription> attachments,
                                 const VkSubpassDescription& subpass,
                                 std::span<const VkSubpassDependency> dependencies,
                                 const char* name);

// The first of `candidates` usable as a depth attachment and as a sampled image with optimal
// tiling, or VK_FORMAT_UNDEFINED. No FILTER_LINEAR requirement: lavapipe does not offer it for
// depth, and the shaders filter by themselves.
VkFormat firstSampledDepthFormat(VkPhysicalDevice gpu, std::initializer_list<VkFormat> candidates);

}  // namespace gt::engine
