// SelectionMask: the render pass, images and sampler of the outline mask, and the screen
// rectangle the outline passes are limited to.
#include "selection_mask.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "render_pass_util.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

RenderPassOwner createMaskRenderPass(const VkContext& ctx, VkFormat colour_format,
                                     VkFormat depth_format) {
  std::array<VkAttachmentDescription, 2> attachments{};
  VkAttachmentDescription& colour = attachments[0];
  colour.format = colour_format;
  colour.samples = VK_SAMPLE_COUNT_1_BIT;
  colour.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  colour.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  colour.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;  // every frame starts from a clear
  colour.finalLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
  VkAttachmentDescription& depth = attachments[1];
  depth = colour;
  depth.format = depth_format;

  VkAttachmentReference colour_ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkAttachmentReference depth_ref{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colour_ref;
  subpass.pDepthStencilAttachment = &depth_ref;

  // In: the previous frame's outline may still be reading the mask (write after read).
  // Out: the mask must be written before the main pass's fragment shaders read it.
  std::array<VkSubpassDependency, 2> deps{};
  deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  deps[0].dstSubpass = 0;
  deps[0].srcStageMask = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  deps[0].srcAccessMask = 0;
  deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                         VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                         VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT |
                          VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                          VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  deps[1].srcSubpass = 0;
  deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                         VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                         VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  deps[1].srcAccessMask =
      VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  deps[1].dstStageMask = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  deps[1].dstAccessMask = VK_ACCESS_SHADER_READ_BIT;

  return createRenderPass(ctx, attachments, subpass, deps, "selection mask pass");
}

}  // namespace

SelectionMask createSelectionMask(const VkContext& ctx) {
  SelectionMask out;
  out.depth_format = firstSampledDepthFormat(
      ctx.physicalDevice(),
      {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D16_UNORM});
  if (out.depth_format == VK_FORMAT_UNDEFINED)
    throw std::runtime_error("The GPU cannot sample a depth image, which outlines need");
  out.pass = createMaskRenderPass(ctx, out.colour_format, out.depth_format);

  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  info.magFilter = VK_FILTER_NEAREST;
  info.minFilter = VK_FILTER_NEAREST;
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  info.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.maxLod = 0.f;
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(ctx.device(), &info, nullptr, &sampler));
  ctx.setName(sampler, VK_OBJECT_TYPE_SAMPLER, "selection mask sampler");
  out.sampler = SamplerOwner(ctx.device(), sampler);
  // A 1x1 placeholder until the first outline: the frame's descriptor set must always name
  // valid images, also in frames that never read them.
  resizeSelectionMask(ctx, out, {1, 1});
  return out;
}

void resizeSelectionMask(const VkContext& ctx, SelectionMask& mask, VkExtent2D extent) {
  mask.framebuffer = FramebufferOwner{};
  mask.colour = createImage(ctx, extent, mask.colour_format,
                            VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
                            VK_SAMPLE_COUNT_1_BIT, VK_IMAGE_ASPECT_COLOR_BIT, "selection mask");
  mask.depth =
      createImage(ctx, extent, mask.depth_format,
                  VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
                  VK_SAMPLE_COUNT_1_BIT, VK_IMAGE_ASPECT_DEPTH_BIT, "selection mask depth");
  const std::array<VkImageView, 2> views{mask.colour.view.get(), mask.depth.view.get()};
  VkFramebufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
  info.renderPass = mask.pass.get();
  info.attachmentCount = static_cast<uint32_t>(views.size());
  info.pAttachments = views.data();
  info.width = extent.width;
  info.height = extent.height;
  info.layers = 1;
  VkFramebuffer framebuffer;
  VK_CHECK(vkCreateFramebuffer(ctx.device(), &info, nullptr, &framebuffer));
  mask.framebuffer = FramebufferOwner(ctx.device(), framebuffer);
  ctx.setName(framebuffer, VK_OBJECT_TYPE_FRAMEBUFFER, "selection mask framebuffer");
  mask.extent = extent;
}

void beginSelectionMaskPass(VkCommandBuffer cmd, const SelectionMask& mask, VkRect2D area) {
  std::array<VkClearValue, 2> clears{};
  clears[0].color = {{0.f, 0.f, 0.f, 0.f}};  // alpha 0: no outlined node here
  clears[1].depthStencil = {0.f, 0};         // reversed depth, as in the main pass
  VkRenderPassBeginInfo info{};
  info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  info.renderPass = mask.pass.get();
  info.framebuffer = mask.framebuffer.get();
  info.renderArea = area;
  info.clearValueCount = static_cast<uint32_t>(clears.size());
  info.pClearValues = clears.data();
  vkCmdBeginRenderPass(cmd, &info, VK_SUBPASS_CONTENTS_INLINE);
  const VkViewport viewport{
      0.f, 0.f, static_cast<float>(mask.extent.width), static_cast<float>(mask.extent.height),
      0.f, 1.f};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &area);
}

std::optional<VkRect2D> screenRect(const Bounds& bounds, const glm::mat4& view_projection,
                                   VkExtent2D extent, int margin) {
  const VkRect2D whole{{0, 0}, extent};
  if (bounds.empty()) return std::nullopt;
  glm::vec2 lo(1e30f), hi(-1e30f);
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p{corner & 1 ? bounds.max.x : bounds.min.x,
                      corner & 2 ? bounds.max.y : bounds.min.y,
                      corner & 4 ? bounds.max.z : bounds.min.z};
    const glm::vec4 clip = view_projection * glm::vec4(p, 1.f);
    // A corner at or behind the eye projects nowhere useful: assume the whole view.
    if (clip.w <= 1e-4f) return whole;
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    lo = glm::min(lo, ndc);
    hi = glm::max(hi, ndc);
  }
  const glm::vec2 size(static_cast<float>(extent.width), static_cast<float>(extent.height));
  // NDC to pixels: Vulkan's y points down the screen, as the frame image's rows do.
  const glm::vec2 p0 = glm::floor((lo * 0.5f + 0.5f) * size) - static_cast<float>(margin);
  const glm::vec2 p1 = glm::ceil((hi * 0.5f + 0.5f) * size) + static_cast<float>(margin);
  const glm::vec2 a = glm::clamp(p0, glm::vec2(0.f), size);
  const glm::vec2 b = glm::clamp(p1, glm::vec2(0.f), size);
  if (b.x <= a.x || b.y <= a.y) return std::nullopt;
  return VkRect2D{{static_cast<int32_t>(a.x), static_cast<int32_t>(a.y)},
                  {static_cast<uint32_t>(b.x - a.x), static_cast<uint32_t>(b.y - a.y)}};
}

}  // namespace gt::engine
