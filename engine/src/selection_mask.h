// The selection mask behind node outlines: a single-sample colour image (each outlined node's
// silhouette in its outline colour) and a depth image (the nearest outlined surface), drawn
// by the "selection mask" pass before the main pass and sampled by the outline and the faint
// fill of hidden parts. Its own small render pass, so it works the same windowed and headless
// whatever the main pass's MSAA.
#pragma once

#include <optional>

#include <vulkan/vulkan.h>
#include <glm/glm.hpp>

#include "engine/camera.h"
#include "gpu_memory.h"
#include "vk_owners.h"

namespace gt::engine {

class VkContext;

struct SelectionMask {
  RenderPassOwner pass;
  SamplerOwner sampler;  // nearest, clamped: the shaders read it with texelFetch
  VkFormat colour_format = VK_FORMAT_R8G8B8A8_UNORM;
  VkFormat depth_format = VK_FORMAT_UNDEFINED;
  // Sized to the frame; 1x1 until the first frame with an outline.
  GpuImage colour;
  GpuImage depth;
  FramebufferOwner framebuffer;
  VkExtent2D extent{};
};

// The render pass, sampler and 1x1 placeholder images (resizeSelectionMask sizes them). Throws
// std::runtime_error when the GPU cannot sample any depth format.
SelectionMask createSelectionMask(const VkContext& ctx);

// (Re)creates the images and framebuffer for `extent`. The caller parks the old ones until
// the GPU is done with them.
void resizeSelectionMask(const VkContext& ctx, SelectionMask& mask, VkExtent2D extent);

// Begins the mask's render pass over `area` (cleared to "nothing selected", far depth) and
// sets viewport (whole image) and scissor (`area`). It ends with both images in
// SHADER_READ_ONLY_OPTIMAL, ordered before the main pass's fragment shaders read them.
void beginSelectionMaskPass(VkCommandBuffer cmd, const SelectionMask& mask, VkRect2D area);

// The pixels `bounds` can cover seen through `view_projection` in a viewport of `extent`,
// grown by `margin` pixels and clipped to the viewport; the whole viewport when the box
// reaches behind the eye, nullopt when it is entirely off screen.
std::optional<VkRect2D> screenRect(const Bounds& bounds, const glm::mat4& view_projection,
                                   VkExtent2D extent, int margin);

}  // namespace gt::engine
