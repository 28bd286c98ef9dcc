// createRenderPass and firstSampledDepthFormat (render_pass_util.h).
#include "render_pass_util.h"

#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {

RenderPassOwner createRenderPass(const VkContext& ctx,
                                 std::span<const VkAttachmentDescription> attachments,
                                 const VkSubpassDescription& subpass,
                                 std::span<const VkSubpassDependency> dependencies,
                                 const char* name) {
  VkRenderPassCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
  info.attachmentCount = static_cast<uint32_t>(attachments.size());
  info.pAttachments = attachments.data();
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = static_cast<uint32_t>(dependencies.size());
  info.pDependencies = dependencies.data();
  VkRenderPass pass;
  VK_CHECK(vkCreateRenderPass(ctx.device(), &info, nullptr, &pass));
  ctx.setName(pass, VK_OBJECT_TYPE_RENDER_PASS, name);
  return RenderPassOwner(ctx.device(), pass);
}

VkFormat firstSampledDepthFormat(VkPhysicalDevice gpu, std::initializer_list<VkFormat> candidates) {
  const VkFormatFeatureFlags needed =
      VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT;
  for (VkFormat format : candidates) {
    VkFormatProperties props;
    vkGetPhysicalDeviceFormatProperties(gpu, format, &props);
    if ((props.optimalTilingFeatures & needed) == needed) return format;
  }
  return VK_FORMAT_UNDEFINED;
}

}  // namespace gt::engine
