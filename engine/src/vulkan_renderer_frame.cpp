// The frame loop: input and camera flight, UI, uniforms, pass recording, submission, the blit
// to the window and presentation, and the readback of the frame image.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <thread>

#include "frustum.h"
#include "gpu_types.h"
#include "vk_check.h"
#include "vulkan_renderer.h"

namespace gt::engine {
namespace {

// The scene's light and backdrop, linear RGB. The sun is warm and high, from the side opposite
// the opening view's eye so that one visible face is lit and the other in shade. With the
// exposure, a mid-grey top face in the sun lands near sRGB 175 and a shaded one near 115.
const glm::vec3 kSunDirection = glm::normalize(glm::vec3(-0.45f, 0.75f, 0.5f));
const glm::vec3 kSunColour{2.9f, 2.65f, 2.3f};
const glm::vec3 kSkyAmbient{0.42f, 0.48f, 0.58f};
const glm::vec3 kGroundAmbient{0.26f, 0.24f, 0.21f};
const glm::vec3 kZenithColour{0.16f, 0.33f, 0.72f};
const glm::vec3 kHorizonColour{0.78f, 0.84f, 0.90f};
const glm::vec3 kHazeColour{0.45f, 0.58f, 0.78f};
constexpr float kExposure = 0.7f;

}  // namespace

bool VulkanRenderer::renderFrame() {
  const auto start = std::chrono::steady_clock::now();
  float dt = 1.f / 60.f;
  if (frame_counter_ > 0) dt = std::chrono::duration<float>(start - last_frame_start_).count();
  dt = std::clamp(dt, 1e-4f, 0.25f);  // a breakpoint or a hang must not teleport a flight
  last_frame_start_ = start;

  if (window_) {
    window_->pollEvents();
    if (window_->shouldClose()) return false;
    const VkExtent2D size = window_->framebufferSize();
    if (size.width == 0 || size.height == 0) {  // minimised: nothing to draw into
      std::this_thread::sleep_for(std::chrono::milliseconds(16));
      return true;
    }
    if (size.width != swapchain_.extent.width || size.height != swapchain_.extent.height)
      recreateWindowTargets();
  }
  advanceCamera(dt);

  FrameSlot& slot = frames_[frame_counter_ % kFramesInFlight];
  VkFence fence = slot.done.get();
  VK_CHECK(vkWaitForFences(ctx_->device(), 1, &fence, VK_TRUE, UINT64_MAX));
  slot.deletions.flush();

  std::optional<uint32_t> image;
  if (window_) {
    uint32_t index = 0;
    const VkResult acquired =
        vkAcquireNextImageKHR(ctx_->device(), swapchain_.swapchain.get(), UINT64_MAX,
                              slot.image_acquired.get(), VK_NULL_HANDLE, &index);
    if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
      recreateWindowTargets();
      return true;
    }
    if (acquired != VK_SUBOPTIMAL_KHR) VK_CHECK(acquired);
    image = index;
  }
  // Reset only now: an early return above must leave the fence signalled for the next wait.
  VK_CHECK(vkResetFences(ctx_->device(), 1, &fence));

  ui_->buildFrame(targets_.extent, dt);
  prepareShadowPass();
  prepareSelectionPasses(slot);
  prepareRibbonPasses(slot);
  reserveInstances(slot);
  writeFrameUniforms(slot);
  recordFrame(slot, image);
  shadow_dirty_ = false;

  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  const VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_TRANSFER_BIT;  // the blit
  VkSemaphore acquired_sem = slot.image_acquired.get();
  VkSemaphore rendered_sem = image ? swapchain_.rendered[*image].get() : VK_NULL_HANDLE;
  if (image) {
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &acquired_sem;
    submit.pWaitDstStageMask = &wait_stage;
    submit.signalSemaphoreCount = 1;
    submit.pSignalSemaphores = &rendered_sem;
  }
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &slot.cmd;
  VK_CHECK(vkQueueSubmit(ctx_->queue(), 1, &submit, fence));
  ++frame_counter_;
  frame_image_valid_ = true;

  if (image) {
    VkPresentInfoKHR present{};
    present.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &rendered_sem;
    VkSwapchainKHR swapchain = swapchain_.swapchain.get();
    present.swapchainCount = 1;
    present.pSwapchains = &swapchain;
    present.pImageIndices = &*image;
    const VkResult presented = vkQueuePresentKHR(ctx_->queue(), &present);
    if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR)
      recreateWindowTargets();
    else
      VK_CHECK(presented);
  } else {
    // Headless: the frame's cost is the GPU's (on lavapipe, the CPU's) work, so wait here
    // and let cpu_ms measure the whole frame.
    VK_CHECK(vkWaitForFences(ctx_->device(), 1, &fence, VK_TRUE, UINT64_MAX));
  }

  timing_.cpu_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  timing_.frame_index = frame_counter_;
  timing_.draw_calls = slot.sink.draw_calls;
  timing_.instances = slot.sink.used;
  return true;
}

glm::vec3 VulkanRenderer::sunDirection() const {
  return kSunDirection;
}

void VulkanRenderer::prepareShadowPass() {
  shadow_redraw_.fill(false);
  if (model_) {
    const Bounds& casters = model_->data.bounds;
    if (shadow_dirty_) {
      shadow_layers_[kShadowSiteLayer] = fitSunShadow(casters, kSunDirection, shadow_map_.size);
      shadow_redraw_[kShadowSiteLayer] = true;
    }
    std::array<ShadowLayerFit, kShadowCascades> cascades{};  // unused unless fitted below
    if (options_.shadow_cascades == RendererOptions::ShadowCascades::On) {
      const glm::vec2 size = viewportSize();
      const CascadeCamera lens{camera_.eye(),   camera_.forward(),  camera_.fov_y,
                               size.x / size.y, camera_.near_plane, camera_.far_plane};
      cascades = fitShadowCascades(lens, casters, kSunDirection, shadow_map_.size);
    }
    for (uint32_t i = 0; i < kShadowCascades; ++i) {
      const ShadowLayerFit& fit = cascades[i];
      const bool moved = fit.view_projection != shadow_layers_[i].view_projection ||
                         fit.texel_metres != shadow_layers_[i].texel_metres;
      // A still camera redraws nothing; an unused cascade is not sampled, so not drawn.
      shadow_redraw_[i] = fit.texel_metres > 0.f && (moved || shadow_dirty_);
      shadow_layers_[i] = fit;
    }
  }
  const bool any =
      std::find(shadow_redraw_.begin(), shadow_redraw_.end(), true) != shadow_redraw_.end();
  passes_.setEnabled("shadow map", any);
}

void VulkanRenderer::recordShadowLayers(VkCommandBuffer cmd) {
  if (!model_) return;
  glm::uvec4 first_instance(0);
  for (uint32_t layer = 0; layer < kShadowLayers; ++layer) {
    first_instance[static_cast<int>(layer)] = recording_->sink.used;
    if (!shadow_redraw_[layer]) continue;
    const ShadowLayerFit& fit = shadow_layers_[layer];
    ctx_->beginLabel(cmd, layer == kShadowSiteLayer ? "whole-site layer"
                                                    : ("cascade " + std::to_string(layer)).c_str());
    beginShadowPass(cmd, shadow_map_, layer);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, shadowPipeline());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines_.layout.get(), 0, 1,
                            &recording_->frame_set, 0, nullptr);
    recordModelDraws(cmd, *model_, pipelines_.layout.get(), Frustum(fit.view_projection),
                     shadowMapLod(fit.texel_metres), section_planes_, model_->data.bounds.center(),
                     DrawKind::Opaque, recording_->sink);
    vkCmdEndRenderPass(cmd);
    ctx_->endLabel(cmd);
  }
  // shadow.vert tells the layers apart by instance index, which is known only now that the
  // draws are recorded. The slot's uniforms are host-coherent and the GPU reads them only
  // after this frame's submit.
  std::memcpy(static_cast<char*>(recording_->uniforms.mapped) +
                  offsetof(FrameUniforms, shadow_first_instance),
              &first_instance, sizeof(first_instance));
}

void VulkanRenderer::reserveInstances(FrameSlot& slot) {
  uint32_t needed = 0;
  if (model_) {
    uint32_t outlined = 0;
    for (const Outline& o : outlines_)
      outlined +=
          drawsInSubtree(*model_, o.node.index, model_->data.nodes[o.node.index].subtree_end);
    const auto redrawn =
        static_cast<uint32_t>(std::count(shadow_redraw_.begin(), shadow_redraw_.end(), true));
    needed = instancesNeeded(*model_, redrawn, outlined);
  }
  if (needed > slot.sink.capacity) {
    // This slot's last frame is done (its fence was waited for), so its set may be rewritten;
    // half again as much so a growing selection does not reallocate every frame.
    slot.deletions.defer(std::move(slot.instances));
    bindInstanceBuffer(slot, needed + needed / 2);
  }
  slot.sink.used = 0;
  slot.sink.draw_calls = 0;
}

void VulkanRenderer::bindInstanceBuffer(FrameSlot& slot, uint32_t capacity) {
  const VkDeviceSize bytes = VkDeviceSize(capacity) * sizeof(DrawInstance);
  slot.instances = createBuffer(
      *ctx_, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, "draw instances");
  slot.sink = InstanceSink{static_cast<DrawInstance*>(slot.instances.mapped), capacity};
  const VkDescriptorBufferInfo info{slot.instances.buffer.get(), 0, bytes};
  VkWriteDescriptorSet write{};
  write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
  write.dstSet = slot.frame_set;
  write.dstBinding = 4;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  write.pBufferInfo = &info;
  vkUpdateDescriptorSets(ctx_->device(), 1, &write, 0, nullptr);
}

void VulkanRenderer::writeFrameUniforms(FrameSlot& slot) const {
  const glm::vec2 size = viewportSize();
  const glm::mat4 view_projection = camera_.projection(size.x / size.y) * camera_.view();
  FrameUniforms u;
  u.view_projection = view_projection;
  u.inverse_view_projection = glm::inverse(view_projection);
  u.camera_position = glm::vec4(camera_.eye(), 1.f);
  u.sun_direction = glm::vec4(kSunDirection, 0.f);
  u.sun_colour = glm::vec4(kSunColour, 0.f);
  u.sky_ambient = glm::vec4(kSkyAmbient, 0.f);
  u.ground_ambient = glm::vec4(kGroundAmbient, 0.f);
  u.zenith_colour = glm::vec4(kZenithColour, 0.f);
  u.horizon_colour = glm::vec4(kHorizonColour, 0.f);
  u.haze_colour = glm::vec4(kHazeColour, 0.f);
  u.exposure = glm::vec4(kExposure, 0.f, 0.f, 0.f);
  for (uint32_t layer = 0; layer < kShadowLayers; ++layer) {
    u.sun_view_projection[layer] = shadow_layers_[layer].view_projection;
    u.shadow_texel_metres[static_cast<int>(layer)] = shadow_layers_[layer].texel_metres;
  }
  u.shadow_params = glm::vec4(0.f, static_cast<float>(shadow_map_.size), 0.f, 0.f);
  u.shadow_first_instance = glm::uvec4(0);  // recordShadowLayers() writes the real ones
  writeDrawingUniforms(u);
  std::memcpy(slot.uniforms.mapped, &u, sizeof(u));
}

void VulkanRenderer::recordFrame(FrameSlot& slot, std::optional<uint32_t> swapchain_image) {
  VkCommandBuffer cmd = slot.cmd;
  VK_CHECK(vkResetCommandBuffer(cmd, 0));
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  recording_ = &slot;

  PassHooks hooks;
  hooks.begin_label = [this](VkCommandBuffer c, const char* name) { ctx_->beginLabel(c, name); };
  hooks.end_label = [this](VkCommandBuffer c) { ctx_->endLabel(c); };
  hooks.begin_main = [this, &slot](VkCommandBuffer c) {
    std::array<VkClearValue, 3> clears{};
    clears[0].color = {{0.f, 0.f, 0.f, 1.f}};
    clears[1].depthStencil = {0.f, 0};  // reversed depth: 0 is the far plane
    VkRenderPassBeginInfo info{};
    info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
    info.renderPass = main_pass_.get();
    info.framebuffer = targets_.framebuffer.get();
    info.renderArea = {{0, 0}, targets_.extent};
    info.clearValueCount = static_cast<uint32_t>(clears.size());
    info.pClearValues = clears.data();
    ctx_->beginLabel(c, "main colour pass");
    vkCmdBeginRenderPass(c, &info, VK_SUBPASS_CONTENTS_INLINE);
    const VkViewport viewport{0.f,
                              0.f,
                              static_cast<float>(targets_.extent.width),
                              static_cast<float>(targets_.extent.height),
                              0.f,
                              1.f};
    const VkRect2D scissor{{0, 0}, targets_.extent};
    vkCmdSetViewport(c, 0, 1, &viewport);
    vkCmdSetScissor(c, 0, 1, &scissor);
    vkCmdBindDescriptorSets(c, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines_.layout.get(), 0, 1,
                            &slot.frame_set, 0, nullptr);
  };
  hooks.end_main = [this](VkCommandBuffer c) {
    vkCmdEndRenderPass(c);
    ctx_->endLabel(c);
  };
  passes_.record(cmd, hooks);
  recording_ = nullptr;

  if (swapchain_image) recordBlitToSwapchain(cmd, *swapchain_image);
  VK_CHECK(vkEndCommandBuffer(cmd));
}

void VulkanRenderer::recordBlitToSwapchain(VkCommandBuffer cmd, uint32_t image) const {
  ctx_->beginLabel(cmd, "present blit");
  VkImageMemoryBarrier to_dst{};
  to_dst.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  to_dst.srcAccessMask = 0;
  to_dst.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  to_dst.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;  // the previous contents are not needed
  to_dst.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  to_dst.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_dst.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_dst.image = swapchain_.images[image];
  to_dst.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                       nullptr, 0, nullptr, 1, &to_dst);

  // A blit rather than a copy: it swizzles RGBA to the swapchain's BGRA and scales if the
  // window changed size since the targets were built.
  VkImageBlit region{};
  region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.srcOffsets[1] = {static_cast<int32_t>(targets_.extent.width),
                          static_cast<int32_t>(targets_.extent.height), 1};
  region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.dstOffsets[1] = {static_cast<int32_t>(swapchain_.extent.width),
                          static_cast<int32_t>(swapchain_.extent.height), 1};
  vkCmdBlitImage(cmd, targets_.frame.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                 swapchain_.images[image], VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region,
                 VK_FILTER_LINEAR);

  VkImageMemoryBarrier to_present = to_dst;
  to_present.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  to_present.dstAccessMask = 0;
  to_present.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  to_present.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0,
                       0, nullptr, 0, nullptr, 1, &to_present);
  ctx_->endLabel(cmd);
}

Image VulkanRenderer::readback() {
  VK_CHECK(vkDeviceWaitIdle(ctx_->device()));
  Image out;
  out.width = static_cast<int>(targets_.extent.width);
  out.height = static_cast<int>(targets_.extent.height);
  const size_t bytes = static_cast<size_t>(out.width) * out.height * 4;
  if (!frame_image_valid_) {  // nothing drawn yet: opaque black, not undefined memory
    out.rgba.assign(bytes, 0);
    for (size_t i = 3; i < bytes; i += 4) out.rgba[i] = 255;
    return out;
  }
  GpuBuffer host = createBuffer(
      *ctx_, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, "readback");
  ctx_->submitAndWait([&](VkCommandBuffer cmd) {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {targets_.extent.width, targets_.extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, targets_.frame.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                           host.buffer.get(), 1, &region);
    VkBufferMemoryBarrier to_host{};
    to_host.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
    to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    to_host.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_host.buffer = host.buffer.get();
    to_host.size = VK_WHOLE_SIZE;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                         nullptr, 1, &to_host, 0, nullptr);
  });
  // The frame image is R8G8B8A8 with row 0 at the top: the layout Image promises.
  const auto* src = static_cast<const uint8_t*>(host.mapped);
  out.rgba.assign(src, src + bytes);
  return out;
}

glm::ivec2 VulkanRenderer::viewportSize() const {
  return {static_cast<int>(targets_.extent.width), static_cast<int>(targets_.extent.height)};
}

std::string VulkanRenderer::deviceName() const {
  return ctx_->properties().deviceName;
}

}  // namespace gt::engine
