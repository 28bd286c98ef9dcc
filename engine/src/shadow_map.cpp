// Sun shadow maps: the whole-site fit, the layered depth image, its render pass and sampler.
#include "shadow_map.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include <glm/gtc/matrix_transform.hpp>

#include "render_pass_util.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

RenderPassOwner createShadowRenderPass(const VkContext& ctx, VkFormat format) {
  VkAttachmentDescription depth{};
  depth.format = format;
  depth.samples = VK_SAMPLE_COUNT_1_BIT;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  depth.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  depth.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;  // every redraw starts from a clear
  depth.finalLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;

  VkAttachmentReference depth_ref{0, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.pDepthStencilAttachment = &depth_ref;

  // In: earlier frames may still be sampling the old map (write after read).
  // Out: the new depth must be written before the scene's fragment shaders sample it.
  std::array<VkSubpassDependency, 2> deps{};
  deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  deps[0].dstSubpass = 0;
  deps[0].srcStageMask = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  deps[0].srcAccessMask = 0;
  deps[0].dstStageMask =
      VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  deps[0].dstAccessMask =
      VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  deps[1].srcSubpass = 0;
  deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  deps[1].srcStageMask =
      VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  deps[1].srcAccessMask = VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  deps[1].dstStageMask = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  deps[1].dstAccessMask = VK_ACCESS_SHADER_READ_BIT;

  return createRenderPass(ctx, {&depth, 1}, subpass, deps, "sun shadow pass");
}

SamplerOwner createShadowSampler(const VkContext& ctx) {
  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  // Nearest: mesh.frag gathers 2x2 comparisons and weights them itself (see sunVisibility).
  info.magFilter = VK_FILTER_NEAREST;
  info.minFilter = VK_FILTER_NEAREST;
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  // Outside the fitted box nothing casts a shadow: the white border compares as lit.
  info.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
  info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
  info.borderColor = VK_BORDER_COLOR_FLOAT_OPAQUE_WHITE;
  info.compareEnable = VK_TRUE;
  info.compareOp = VK_COMPARE_OP_LESS_OR_EQUAL;  // lit where the receiver is not behind
  info.maxLod = 0.f;
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(ctx.device(), &info, nullptr, &sampler));
  ctx.setName(sampler, VK_OBJECT_TYPE_SAMPLER, "sun shadow sampler");
  return SamplerOwner(ctx.device(), sampler);
}

}  // namespace

SunShadowFit fitSunShadow(const Bounds& bounds, const glm::vec3& to_sun, uint32_t resolution) {
  SunShadowFit out;
  if (bounds.empty() || resolution == 0) return out;
  const glm::vec3 centre = bounds.center();
  const float radius = std::max(bounds.radius(), 1e-3f);
  const glm::vec3 eye = centre + to_sun * (2.f * radius);
  // Any vector not parallel to the sun axis seeds the roll; rotating it around the axis turns
  // the map, and a site's rectangle fits best when the map's edges follow the site's.
  const glm::vec3 seed = std::abs(to_sun.y) < 0.99f ? glm::vec3(0, 1, 0) : glm::vec3(0, 0, 1);
  const glm::vec3 side = glm::normalize(glm::cross(to_sun, seed));
  const glm::vec3 seed_up = glm::cross(side, to_sun);

  float best_extent = 1e30f;
  for (int step = 0; step < 36; ++step) {  // 5 degree steps over half a turn
    const float roll = static_cast<float>(step) * glm::radians(5.f);
    const glm::vec3 up = std::cos(roll) * seed_up + std::sin(roll) * side;
    const glm::mat4 view = glm::lookAtRH(eye, centre, up);
    Bounds box;  // the model's corners in light view space
    for (int corner = 0; corner < 8; ++corner) {
      const glm::vec3 p{corner & 1 ? bounds.max.x : bounds.min.x,
                        corner & 2 ? bounds.max.y : bounds.min.y,
                        corner & 4 ? bounds.max.z : bounds.min.z};
      box.extend(glm::vec3(view * glm::vec4(p, 1.f)));
    }
    const glm::vec2 size = glm::vec2(box.max - box.min);
    const float extent = std::max(size.x, size.y);
    if (extent >= best_extent) continue;
    best_extent = extent;
    // Two texels of margin keep the PCF kernel inside the map at the model's edge; the depth
    // margin keeps the outermost corners off the clip planes.
    const float margin = 2.f * extent / static_cast<float>(resolution);
    const float depth_margin = 0.01f * (box.max.z - box.min.z) + 0.1f;
    // View space looks down -z: the near plane is at -max.z.
    const glm::mat4 projection =
        glm::orthoRH_ZO(box.min.x - margin, box.max.x + margin, box.min.y - margin,
                        box.max.y + margin, -box.max.z - depth_margin, -box.min.z + depth_margin);
    out.view_projection = projection * view;
    out.texel_metres = (extent + 2.f * margin) / static_cast<float>(resolution);
  }
  return out;
}

namespace {

// The depth image array and its views: all layers for sampling, one per layer for rendering.
void createLayeredDepth(const VkContext& ctx, VkFormat format, ShadowMap& out) {
  GpuImage depth =
      allocateImage(ctx, {out.size, out.size}, format,
                    VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
                    VK_SAMPLE_COUNT_1_BIT, 1, kShadowLayers, "sun shadow maps");
  out.memory = std::move(depth.memory);
  out.image = std::move(depth.image);

  const auto view = [&](VkImageViewType type, uint32_t first, uint32_t count,
                        const std::string& name) {
    return createImageView(ctx, out.image.get(), type, format,
                           {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, first, count}, name);
  };
  out.array_view = view(VK_IMAGE_VIEW_TYPE_2D_ARRAY, 0, kShadowLayers, "sun shadow maps (all)");
  for (uint32_t layer = 0; layer < kShadowLayers; ++layer)
    out.layer_views[layer] =
        view(VK_IMAGE_VIEW_TYPE_2D, layer, 1, "sun shadow map layer " + std::to_string(layer));
}

}  // namespace

ShadowMap createShadowMap(const VkContext& ctx, uint32_t size) {
  const VkFormat format =
      firstSampledDepthFormat(ctx.physicalDevice(), {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D16_UNORM});
  if (format == VK_FORMAT_UNDEFINED)
    throw std::runtime_error("The GPU cannot sample a depth image, which sun shadows need");

  ShadowMap out;
  out.size = size;
  createLayeredDepth(ctx, format, out);
  out.pass = createShadowRenderPass(ctx, format);
  out.sampler = createShadowSampler(ctx);

  for (uint32_t layer = 0; layer < kShadowLayers; ++layer) {
    VkImageView view = out.layer_views[layer].get();
    VkFramebufferCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
    info.renderPass = out.pass.get();
    info.attachmentCount = 1;
    info.pAttachments = &view;
    info.width = size;
    info.height = size;
    info.layers = 1;
    VkFramebuffer framebuffer;
    VK_CHECK(vkCreateFramebuffer(ctx.device(), &info, nullptr, &framebuffer));
    out.framebuffers[layer] = FramebufferOwner(ctx.device(), framebuffer);
    ctx.setName(framebuffer, VK_OBJECT_TYPE_FRAMEBUFFER,
                "sun shadow framebuffer " + std::to_string(layer));
  }

  // Only the layout the scene samples the layers in, no clear: a layer is sampled only after
  // a shadow pass drew it (an unused one has texel_metres 0 and is skipped), and clearing
  // 4 x 4 M texels cost ~0.2 s of the first frame on a CPU rasteriser.
  ctx.submitAndWait([&](VkCommandBuffer cmd) {
    VkImageMemoryBarrier to_sampled{};
    to_sampled.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
    to_sampled.srcAccessMask = 0;
    to_sampled.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
    to_sampled.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    to_sampled.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    to_sampled.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_sampled.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_sampled.image = out.image.get();
    to_sampled.subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, kShadowLayers};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
                         VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 0, nullptr, 0, nullptr, 1,
                         &to_sampled);
  });
  return out;
}

void beginShadowPass(VkCommandBuffer cmd, const ShadowMap& map, uint32_t layer) {
  VkClearValue clear{};
  clear.depthStencil = {1.f, 0};  // standard depth in the map: 1 is the far plane
  VkRenderPassBeginInfo info{};
  info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  info.renderPass = map.pass.get();
  info.framebuffer = map.framebuffers[layer].get();
  info.renderArea = {{0, 0}, {map.size, map.size}};
  info.clearValueCount = 1;
  info.pClearValues = &clear;
  vkCmdBeginRenderPass(cmd, &info, VK_SUBPASS_CONTENTS_INLINE);
  const float side = static_cast<float>(map.size);
  const VkViewport viewport{0.f, 0.f, side, side, 0.f, 1.f};
  const VkRect2D scissor{{0, 0}, {map.size, map.size}};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
}

}  // namespace gt::engine
