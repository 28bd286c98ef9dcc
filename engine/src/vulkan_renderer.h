// VulkanRenderer: the one implementation of engine::Renderer. Its parts are split by job:
// vulkan_renderer_init.cpp (creation, swapchain and target rebuilds), vulkan_renderer_frame.cpp
// (the frame loop, pass recording, readback) and vulkan_renderer_scene.cpp (model, nodes,
// picking, tints, camera). Members are declared in dependency order: the window outlives the Vulkan
// context, which outlives everything created from it.
#pragma once

#include <array>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <unordered_map>

#include "camera_flight.h"
#include "camera_input.h"
#include "deletion_queue.h"
#include "engine/renderer.h"
#include "frame_passes.h"
#include "glfw_window.h"
#include "gpu_memory.h"
#include "pipelines.h"
#include "ray_picker.h"
#include "render_targets.h"
#include "scene_gpu.h"
#include "shadow_map.h"
#include "swapchain.h"
#include "ui_layer.h"
#include "vk_context.h"

namespace gt::engine {

class VulkanRenderer final : public Renderer {
 public:
  explicit VulkanRenderer(const RendererOptions& options) : options_(options) {}
  ~VulkanRenderer() override;
  // Fallible setup, called once by Renderer::create.
  void init();

  ModelInfo loadModel(const std::filesystem::path& file) override;
  NodeHandle findNode(std::string_view name) const override;
  Bounds nodeBounds(NodeHandle node) const override;
  void setTint(NodeHandle node, const glm::vec3& rgb, float amount) override;
  void clearTints() override;
  void setVisible(NodeHandle node, bool visible) override;
  NodeHandle pick(glm::vec2 pixel) const override;
  std::optional<PickHit> pickHit(glm::vec2 pixel) const override;
  OrbitCamera& camera() override { return camera_; }
  void flyTo(const Bounds& b, double seconds) override;
  void setUiCallback(std::function<void()> callback) override;
  void rebuildUiFonts() override;
  bool renderFrame() override;
  FrameTiming lastFrameTiming() const override { return timing_; }
  Image readback() override;
  glm::ivec2 viewportSize() const override;
  std::string deviceName() const override;
  int msaaSamples() const override { return static_cast<int>(formats_.samples); }
  uint32_t validationErrors() const override { return ctx_->validationErrors(); }
  glm::vec3 sunDirection() const override;

 private:
  static constexpr uint32_t kFramesInFlight = 2;

  // Everything one frame in flight writes, reused once its fence has signalled.
  struct FrameSlot {
    VkCommandBuffer cmd = VK_NULL_HANDLE;  // freed with the context's pool
    FenceOwner done;
    SemaphoreOwner image_acquired;
    GpuBuffer uniforms;
    VkDescriptorSet frame_set = VK_NULL_HANDLE;  // freed with frame_pool_
    DeletionQueue deletions;
  };

  void createFrameSlots();
  void setUpPasses();
  // Rebuilds the swapchain and the targets for the window's current size; false if minimised.
  bool recreateWindowTargets();
  void writeFrameUniforms(FrameSlot& slot) const;
  // Refits the sun's projection and schedules the shadow pass when the casters have changed.
  void prepareShadowPass();
  void recordFrame(FrameSlot& slot, std::optional<uint32_t> swapchain_image);
  void recordBlitToSwapchain(VkCommandBuffer cmd, uint32_t image) const;
  bool validHandle(NodeHandle node) const;
  FrameSlot& lastSubmittedSlot() {
    return frames_[(frame_counter_ + kFramesInFlight - 1) % kFramesInFlight];
  }

  RendererOptions options_;
  std::unique_ptr<GlfwWindow> window_;
  std::unique_ptr<VkContext> ctx_;
  std::unique_ptr<CameraInput> input_;
  TargetFormats formats_;
  RenderPassOwner main_pass_;
  Swapchain swapchain_;
  RenderTargets targets_;
  ShadowMap shadow_map_;
  ScenePipelines pipelines_;
  DescriptorPoolOwner frame_pool_;
  std::array<FrameSlot, kFramesInFlight> frames_;
  std::unique_ptr<UiLayer> ui_;
  std::optional<GpuModel> model_;
  uint32_t model_generation_ = 0;
  std::unordered_map<std::string, uint32_t> node_by_name_;
  // The model's opaque triangles in world space, for pick(). Built on a worker thread so the
  // first frame does not wait for it; a click before it is ready waits for the rest.
  std::shared_future<RayPicker> picker_;

  OrbitCamera camera_;
  CameraFlight flight_;
  FramePasses passes_;
  FrameSlot* recording_ = nullptr;  // the slot whose passes are being recorded
  SunShadowFit shadow_fit_;
  bool shadow_dirty_ = true;  // the casters (model, hidden nodes) changed since the last redraw

  FrameTiming timing_;
  uint64_t frame_counter_ = 0;
  bool frame_image_valid_ = false;
  std::chrono::steady_clock::time_point last_frame_start_{};
};

}  // namespace gt::engine
