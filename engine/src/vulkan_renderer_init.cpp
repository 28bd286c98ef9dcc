// VulkanRenderer creation and teardown, frame slots, the pass list, and swapchain/target
// rebuilds after a window resize.
#include <stdexcept>

#include "engine/startup_timing.h"
#include "frustum.h"
#include "gpu_types.h"
#include "vk_check.h"
#include "vulkan_renderer.h"

#ifndef GREENTWIN_SHADER_DIR
#define GREENTWIN_SHADER_DIR ""
#endif

namespace gt::engine {

std::unique_ptr<Renderer> Renderer::create(const RendererOptions& options) {
  if (options.width <= 0 || options.height <= 0)
    throw std::runtime_error("The viewer size must be positive, not " +
                             std::to_string(options.width) + " x " +
                             std::to_string(options.height));
  auto renderer = std::make_unique<VulkanRenderer>(options);
  renderer->init();
  return renderer;
}

VulkanRenderer::~VulkanRenderer() {
  // Nothing may be destroyed while the GPU still uses it; members then die in reverse order.
  if (ctx_) vkDeviceWaitIdle(ctx_->device());
}

void VulkanRenderer::init() {
  // CPU work on a worker thread that needs no device: overlaps the device creation below.
  if (!options_.initial_models.empty())
    beginLoadModels(options_.initial_models);
  else if (!options_.initial_model.empty())
    beginLoadModel(options_.initial_model);
  markStartupPhase("renderer.load_started");
  if (!options_.headless) {
    window_ = GlfwWindow::create(options_.width, options_.height, options_.title);
    markStartupPhase("renderer.window");
  }
  ctx_ = VkContext::create({options_.validation, window_ ? window_->handle() : nullptr});
  markStartupPhase("vulkan.instance_and_device");

  formats_ = chooseTargetFormats(*ctx_, options_.msaa < 1 ? 1 : options_.msaa);
  main_pass_ = createMainRenderPass(*ctx_, formats_);
  const std::filesystem::path shader_dir = options_.shader_dir.empty()
                                               ? std::filesystem::path(GREENTWIN_SHADER_DIR)
                                               : options_.shader_dir;
  VkPhysicalDeviceProperties device_properties{};
  vkGetPhysicalDeviceProperties(ctx_->physicalDevice(), &device_properties);
  const bool cpu_device = device_properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  using Cascades = RendererOptions::ShadowCascades;
  if (options_.shadow_cascades == Cascades::Automatic)
    options_.shadow_cascades = cpu_device ? Cascades::Off : Cascades::On;
  const bool small_layers = cpu_device && options_.shadow_cascades == Cascades::On;
  shadow_map_ = createShadowMap(*ctx_, small_layers ? kShadowMapSizeOnCpu : kShadowMapSize);
  selection_mask_ = createSelectionMask(*ctx_);
  markStartupPhase("vulkan.passes_and_shadow_map");
  pipelines_ = createScenePipelines(*ctx_, main_pass_.get(), formats_.samples,
                                    shadow_map_.pass.get(), selection_mask_.pass.get(), shader_dir);
  ribbons_ = RibbonPass::create(*ctx_, main_pass_.get(), formats_.samples, pipelines_.layout.get(),
                                shader_dir);
  markStartupPhase("vulkan.pipelines");
  createFrameSlots();

  if (window_) {
    if (!recreateWindowTargets())
      throw std::runtime_error("The viewer window opened with no visible area");
    input_ = std::make_unique<CameraInput>(window_->handle());
  } else {
    targets_ = createRenderTargets(
        *ctx_, formats_, main_pass_.get(),
        {static_cast<uint32_t>(options_.width), static_cast<uint32_t>(options_.height)});
  }
  markStartupPhase("vulkan.frame_slots_and_targets");
  ui_ = UiLayer::create(*ctx_, main_pass_.get(), formats_.samples,
                        window_ ? window_->handle() : nullptr);
  setUpPasses();
  markStartupPhase("renderer.ready");
}

void VulkanRenderer::createFrameSlots() {
  VkDevice device = ctx_->device();
  const std::array<VkDescriptorPoolSize, 3> sizes{{
      {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, kFramesInFlight},
      {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kFramesInFlight},  // the instances
      // The sun shadow map and the selection mask's colour and depth.
      {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 3 * kFramesInFlight},
  }};
  VkDescriptorPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  pool_info.maxSets = kFramesInFlight;
  pool_info.poolSizeCount = static_cast<uint32_t>(sizes.size());
  pool_info.pPoolSizes = sizes.data();
  VkDescriptorPool pool;
  VK_CHECK(vkCreateDescriptorPool(device, &pool_info, nullptr, &pool));
  frame_pool_ = DescriptorPoolOwner(device, pool);
  ctx_->setName(pool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "frame descriptor pool");

  for (uint32_t i = 0; i < kFramesInFlight; ++i) {
    FrameSlot& slot = frames_[i];
    const std::string suffix = " (frame slot " + std::to_string(i) + ")";

    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = ctx_->commandPool();
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    VK_CHECK(vkAllocateCommandBuffers(device, &alloc, &slot.cmd));
    ctx_->setName(slot.cmd, VK_OBJECT_TYPE_COMMAND_BUFFER, "frame commands" + suffix);

    // Signalled at creation so the first wait on a never-used slot returns at once.
    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    fence_info.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence fence;
    VK_CHECK(vkCreateFence(device, &fence_info, nullptr, &fence));
    slot.done = FenceOwner(device, fence);
    ctx_->setName(fence, VK_OBJECT_TYPE_FENCE, "frame done" + suffix);

    VkSemaphoreCreateInfo sem_info{};
    sem_info.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
    VkSemaphore sem;
    VK_CHECK(vkCreateSemaphore(device, &sem_info, nullptr, &sem));
    slot.image_acquired = SemaphoreOwner(device, sem);
    ctx_->setName(sem, VK_OBJECT_TYPE_SEMAPHORE, "image acquired" + suffix);

    slot.uniforms =
        createBuffer(*ctx_, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                     "frame uniforms" + suffix);

    VkDescriptorSetLayout layout = pipelines_.frame_set_layout.get();
    VkDescriptorSetAllocateInfo set_alloc{};
    set_alloc.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    set_alloc.descriptorPool = pool;
    set_alloc.descriptorSetCount = 1;
    set_alloc.pSetLayouts = &layout;
    VK_CHECK(vkAllocateDescriptorSets(device, &set_alloc, &slot.frame_set));
    ctx_->setName(slot.frame_set, VK_OBJECT_TYPE_DESCRIPTOR_SET, "frame set" + suffix);
    const VkDescriptorBufferInfo buffer_info{slot.uniforms.buffer.get(), 0, sizeof(FrameUniforms)};
    // The shadow layers are one image for all slots: a layer is redrawn only when its
    // projection or the casters change, after the frames that sampled it (its render pass
    // waits for their fragment shaders).
    const VkDescriptorImageInfo shadow_info{shadow_map_.sampler.get(), shadow_map_.array_view.get(),
                                            VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    std::array<VkWriteDescriptorSet, 2> writes{};
    writes[0].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    writes[0].dstSet = slot.frame_set;
    writes[0].dstBinding = 0;
    writes[0].descriptorCount = 1;
    writes[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
    writes[0].pBufferInfo = &buffer_info;
    writes[1].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    writes[1].dstSet = slot.frame_set;
    writes[1].dstBinding = 1;
    writes[1].descriptorCount = 1;
    writes[1].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    writes[1].pImageInfo = &shadow_info;
    vkUpdateDescriptorSets(device, static_cast<uint32_t>(writes.size()), writes.data(), 0, nullptr);
    // Bound from the start: lavapipe reads every descriptor of a bound set.
    bindInstanceBuffer(slot, kInitialInstances);
  }
}

bool VulkanRenderer::recreateWindowTargets() {
  const VkExtent2D size = window_->framebufferSize();
  if (size.width == 0 || size.height == 0) return false;
  // A resize is rare; waiting for the GPU keeps the old swapchain's teardown simple.
  VK_CHECK(vkDeviceWaitIdle(ctx_->device()));
  swapchain_ = createSwapchain(*ctx_, size, options_.vsync, swapchain_.swapchain.get());
  if (swapchain_.extent.width != targets_.extent.width ||
      swapchain_.extent.height != targets_.extent.height) {
    targets_ = RenderTargets{};  // free the old images before allocating new ones
    targets_ = createRenderTargets(*ctx_, formats_, main_pass_.get(), swapchain_.extent);
    frame_image_valid_ = false;
  }
  return true;
}

void VulkanRenderer::setUpPasses() {
  // The sun's shadow layers, drawn before the main pass and only in frames where
  // prepareShadowPass() found a layer's projection or the casters changed: the cascades when
  // the camera moved, the whole-site layer when the casters did. Glass (blended draws) casts
  // no shadow.
  FramePass shadow{"shadow map", PassStage::Prepare,
                   [this](VkCommandBuffer cmd) { recordShadowLayers(cmd); }};
  shadow.writes = {"sun shadow map"};
  passes_.add(std::move(shadow));
  auto scene_pass = [this](DrawKind kind) {
    return [this, kind](VkCommandBuffer cmd) {
      if (!model_) return;
      const glm::vec2 size = viewportSize();
      const glm::mat4 projection = camera_.projection(size.x / size.y);
      const Frustum frustum(projection * camera_.view());
      vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, scenePipeline(kind));
      recordModelDraws(cmd, *model_, pipelines_.layout.get(), frustum,
                       perspectiveLod(camera_.eye(), projection[1][1], size.y), section_planes_,
                       camera_.eye(), kind, recording_->sink, scenePipelines(kind));
    };
  };
  FramePass opaque{"opaque", PassStage::Main, scene_pass(DrawKind::Opaque)};
  opaque.reads = {"sun shadow map"};
  passes_.add(std::move(opaque));
  // Sky after the opaque pass: see the depth test in pipelines.cpp.
  passes_.add({"sky", PassStage::Main, [this](VkCommandBuffer cmd) {
                 vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines_.sky.get());
                 vkCmdDraw(cmd, 3, 1, 0, 0);
               }});
  addGroundGridPass();  // over the sky, under the model: vulkan_renderer_drawing.cpp
  FramePass blended{"blended", PassStage::Main, scene_pass(DrawKind::Blended)};
  blended.reads = {"sun shadow map"};
  passes_.add(std::move(blended));
  addRibbonPasses();     // over the glass, under the selection: vulkan_renderer_ribbons.cpp
  addSelectionPasses();  // over the whole scene, under the UI
  passes_.add({"ui", PassStage::Main, [this](VkCommandBuffer cmd) { ui_->record(cmd); }});
}

}  // namespace gt::engine
