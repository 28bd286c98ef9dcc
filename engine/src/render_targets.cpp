// Offscreen target formats, the main render pass and its framebuffer.
#include "render_targets.h"

#include <array>
#include <stdexcept>
#include <vector>

#include "render_pass_util.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

bool supportsDepthAttachment(VkPhysicalDevice gpu, VkFormat format) {
  VkFormatProperties props;
  vkGetPhysicalDeviceFormatProperties(gpu, format, &props);
  return props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT;
}

}  // namespace

TargetFormats chooseTargetFormats(const VkContext& ctx, int requested_samples) {
  TargetFormats out;
  out.depth = VK_FORMAT_UNDEFINED;
  for (VkFormat f :
       {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D24_UNORM_S8_UINT}) {
    if (supportsDepthAttachment(ctx.physicalDevice(), f)) {
      out.depth = f;
      break;
    }
  }
  if (out.depth == VK_FORMAT_UNDEFINED)
    throw std::runtime_error("The GPU supports none of the depth formats the renderer needs");

  const VkPhysicalDeviceLimits& limits = ctx.properties().limits;
  const VkSampleCountFlags supported =
      limits.framebufferColorSampleCounts & limits.framebufferDepthSampleCounts;
  for (int s = 64; s >= 1; s /= 2) {
    if (s <= requested_samples && (supported & static_cast<VkSampleCountFlags>(s))) {
      out.samples = static_cast<VkSampleCountFlagBits>(s);
      break;
    }
  }
  return out;
}

RenderPassOwner createMainRenderPass(const VkContext& ctx, const TargetFormats& formats) {
  const bool msaa = formats.samples != VK_SAMPLE_COUNT_1_BIT;
  std::vector<VkAttachmentDescription> attachments;

  VkAttachmentDescription colour{};
  colour.format = formats.colour;
  colour.samples = formats.samples;
  colour.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  // Multisampled colour only lives until the resolve.
  colour.storeOp = msaa ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
  colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  colour.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  colour.finalLayout =
      msaa ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL : VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  attachments.push_back(colour);

  VkAttachmentDescription depth = colour;
  depth.format = formats.depth;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  attachments.push_back(depth);

  if (msaa) {
    VkAttachmentDescription resolve = colour;
    resolve.samples = VK_SAMPLE_COUNT_1_BIT;
    resolve.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    resolve.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    attachments.push_back(resolve);
  }

  VkAttachmentReference colour_ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkAttachmentReference depth_ref{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  VkAttachmentReference resolve_ref{2, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colour_ref;
  subpass.pDepthStencilAttachment = &depth_ref;
  subpass.pResolveAttachments = msaa ? &resolve_ref : nullptr;

  // In: the previous frame's blit/readback of the frame image, and its depth writes, must be
  // done before this frame writes the same images again (one set of targets for all frames).
  std::array<VkSubpassDependency, 2> deps{};
  deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  deps[0].dstSubpass = 0;
  deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                         VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  deps[0].srcAccessMask =
      VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                         VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                         VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  deps[0].dstAccessMask =
      VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT |
      VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  // Out: the resolved frame image is read by a transfer (blit to swapchain or readback).
  deps[1].srcSubpass = 0;
  deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
  deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;

  return createRenderPass(ctx, attachments, subpass, deps, "main colour pass");
}

RenderTargets createRenderTargets(const VkContext& ctx, const TargetFormats& formats,
                                  VkRenderPass pass, VkExtent2D extent) {
  const bool msaa = formats.samples != VK_SAMPLE_COUNT_1_BIT;
  RenderTargets out;
  out.extent = extent;
  out.frame = createImage(ctx, extent, formats.colour,
                          VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                          VK_SAMPLE_COUNT_1_BIT, VK_IMAGE_ASPECT_COLOR_BIT, "frame image");
  if (msaa)
    out.colour =
        createImage(ctx, extent, formats.colour,
                    VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                    formats.samples, VK_IMAGE_ASPECT_COLOR_BIT, "msaa colour");
  out.depth = createImage(
      ctx, extent, formats.depth,
      VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
      formats.samples, VK_IMAGE_ASPECT_DEPTH_BIT, "depth");

  std::vector<VkImageView> views;
  if (msaa)
    views = {out.colour.view.get(), out.depth.view.get(), out.frame.view.get()};
  else
    views = {out.frame.view.get(), out.depth.view.get()};
  VkFramebufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
  info.renderPass = pass;
  info.attachmentCount = static_cast<uint32_t>(views.size());
  info.pAttachments = views.data();
  info.width = extent.width;
  info.height = extent.height;
  info.layers = 1;
  VkFramebuffer framebuffer;
  VK_CHECK(vkCreateFramebuffer(ctx.device(), &info, nullptr, &framebuffer));
  out.framebuffer = FramebufferOwner(ctx.device(), framebuffer);
  ctx.setName(framebuffer, VK_OBJECT_TYPE_FRAMEBUFFER, "main colour framebuffer");
  return out;
}

}  // namespace gt::engine
