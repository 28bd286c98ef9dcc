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
#include "gpu_types.h"
#include "model_load_job.h"
#include "pipelines.h"
#include "ray_picker.h"
#include "render_targets.h"
#include "ribbon_pass.h"
#include "scene_gpu.h"
#include "selection_mask.h"
#include "shadow_map.h"
#include "swapchain.h"
#include "ui_layer.h"
#include "vk_context.h"
#include "walk_motion.h"

namespace gt::engine {

class VulkanRenderer final : public Renderer {
 public:
  explicit VulkanRenderer(const RendererOptions& options) : options_(options) {}
  ~VulkanRenderer() override;
  // Fallible setup, called once by Renderer::create.
  void init();

  ModelInfo loadModel(const std::filesystem::path& file) override;
  void beginLoadModel(const std::filesystem::path& file) override;
  ModelInfo loadModels(const std::vector<ModelPlacement>& models) override;
  void beginLoadModels(std::vector<ModelPlacement> models) override;
  LoadStatus loadStatus() const override;
  std::optional<ModelInfo> takeLoadedModel() override;
  NodeHandle findNode(std::string_view name) const override;
  Bounds nodeBounds(NodeHandle node) const override;
  void setTint(NodeHandle node, const glm::vec3& rgb, float amount) override;
  void clearTints() override;
  void setVisible(NodeHandle node, bool visible) override;
  // Drawing capabilities: vulkan_renderer_drawing.cpp.
  void setOutline(NodeHandle node, const glm::vec3& rgb) override;
  void clearOutline(NodeHandle node) override;
  void clearOutlines() override;
  void setXray(NodeHandle node, float opacity) override;
  void clearXray() override;
  void setSectionPlanes(const std::vector<glm::vec4>& planes) override;
  void setSectionCapColour(const glm::vec3& rgb) override;
  void setGridVisible(bool visible) override;
  // Ribbons: vulkan_renderer_ribbons.cpp.
  void setRibbons(const std::vector<Ribbon>& ribbons) override;
  void setRibbonTime(double seconds) override;
  NodeHandle pick(glm::vec2 pixel) const override;
  std::optional<PickHit> pickHit(glm::vec2 pixel) const override;
  bool pickingReady() const override;
  OrbitCamera& camera() override { return camera_; }
  void flyTo(const Bounds& b, double seconds) override;
  void flyTo(const Viewpoint& viewpoint, double seconds) override;
  void setCameraMode(CameraMode mode) override;
  CameraMode cameraMode() const override { return camera_mode_; }
  void setUiCallback(std::function<void()> callback) override;
  void rebuildUiFonts() override;
  bool renderFrame() override;
  FrameTiming lastFrameTiming() const override { return timing_; }
  Image readback() override;
  glm::ivec2 viewportSize() const override;
  float contentScale() const override { return ui_->contentScale(); }
  std::string deviceName() const override;
  int msaaSamples() const override { return static_cast<int>(formats_.samples); }
  uint32_t validationErrors() const override { return ctx_->validationErrors(); }
  glm::vec3 sunDirection() const override;

 private:
  static constexpr uint32_t kFramesInFlight = 2;
  // Instance entries a frame slot starts with (80 bytes each); it grows with the model.
  static constexpr uint32_t kInitialInstances = 1024;

  // Everything one frame in flight writes, reused once its fence has signalled.
  struct FrameSlot {
    VkCommandBuffer cmd = VK_NULL_HANDLE;  // freed with the context's pool
    FenceOwner done;
    SemaphoreOwner image_acquired;
    GpuBuffer uniforms;
    VkDescriptorSet frame_set = VK_NULL_HANDLE;  // freed with frame_pool_
    GpuBuffer instances;                         // DrawInstance[], set 0 binding 4, host-visible
    InstanceSink sink;  // writes into `instances` while the slot's passes record
    DeletionQueue deletions;
  };

  void createFrameSlots();
  void setUpPasses();
  // Rebuilds the swapchain and the targets for the window's current size; false if minimised.
  bool recreateWindowTargets();
  void writeFrameUniforms(FrameSlot& slot) const;
  // Refits the cascades to the camera (and the whole-site layer when the casters changed) and
  // schedules the layers whose projection changed for redrawing.
  void prepareShadowPass();
  // The shadow pass: the scheduled layers, each culled and its LODs chosen by its own box.
  void recordShadowLayers(VkCommandBuffer cmd);
  void recordFrame(FrameSlot& slot, std::optional<uint32_t> swapchain_image);
  void recordBlitToSwapchain(VkCommandBuffer cmd, uint32_t image) const;
  // Drawing capabilities (vulkan_renderer_drawing.cpp): the ground grid and selection passes,
  // the per-frame mask sizing, scissor and descriptors, and their uniforms.
  void addGroundGridPass();
  void addSelectionPasses();
  void prepareSelectionPasses(FrameSlot& slot);
  // Grows the slot's instance buffer to what this frame's passes may write (instancesNeeded)
  // and empties its sink; after the passes are enabled, before recording.
  void reserveInstances(FrameSlot& slot);
  void bindInstanceBuffer(FrameSlot& slot, uint32_t capacity);
  void writeDrawingUniforms(FrameUniforms& u) const;
  // The "ribbons" and "ribbons behind" passes, and each frame's upload and enabling.
  void addRibbonPasses();
  void prepareRibbonPasses(FrameSlot& slot);
  RibbonPushConstants ribbonPushConstants() const;
  // The mesh and shadow pipelines for the current section planes (cut variants when set).
  VkPipeline scenePipeline(DrawKind kind) const;
  DrawPipelines scenePipelines(DrawKind kind) const;  // scenePipeline and its textured variant
  VkPipeline shadowPipeline() const;
  bool validHandle(NodeHandle node) const;
  // Uploads an imported model and makes it the current one (vulkan_renderer_scene.cpp).
  ModelInfo adoptModel(const std::filesystem::path& file, ModelData imported);
  ModelImportOptions importOptions() const;
  // Window input, flights and walk-mode gravity for this frame (vulkan_renderer_camera.cpp).
  void advanceCamera(float dt);
  // Height of the highest visible surface below `from` (straight down), if any.
  std::optional<float> floorBelow(const glm::vec3& from) const;
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
  RibbonPass ribbons_;
  float ribbon_time_ = 0.f;  // seconds, modulo an hour
  DescriptorPoolOwner frame_pool_;
  std::array<FrameSlot, kFramesInFlight> frames_;
  std::unique_ptr<UiLayer> ui_;
  std::optional<GpuModel> model_;
  uint32_t model_generation_ = 0;
  std::unordered_map<std::string, uint32_t> node_by_name_;
  std::unique_ptr<ModelLoadJob> load_job_;  // the beginLoadModel in progress or just ended
  // The model's opaque triangles in world space, for pick(). Built on a worker thread so the
  // first frame does not wait for it; a click before it is ready waits for the rest.
  std::shared_future<RayPicker> picker_;

  OrbitCamera camera_;
  CameraFlight flight_;
  CameraMode camera_mode_ = CameraMode::Orbit;
  WalkMotion walk_;
  FramePasses passes_;
  FrameSlot* recording_ = nullptr;  // the slot whose passes are being recorded
  // Each shadow layer's projection as last drawn (what the scene samples with), and the layers
  // this frame's shadow pass redraws.
  std::array<ShadowLayerFit, kShadowLayers> shadow_layers_{};
  std::array<bool, kShadowLayers> shadow_redraw_{};
  // Drawing capabilities.
  struct Outline {
    NodeHandle node;
    glm::vec3 rgb;
  };
  std::vector<Outline> outlines_;
  std::vector<glm::vec4> section_planes_;
  glm::vec3 section_cap_colour_{0.74f, 0.77f, 0.80f};
  bool grid_visible_ = false;
  SelectionMask selection_mask_;
  // This frame's screen rectangles around the outlined nodes: the outline's scissor, and the
  // mask's render area one search radius larger, so the outline reads only cleared pixels.
  VkRect2D outline_area_{}, mask_area_{};
  bool shadow_dirty_ = true;  // the casters (model, hidden nodes) changed since the last redraw

  FrameTiming timing_;
  uint64_t frame_counter_ = 0;
  bool frame_image_valid_ = false;
  std::chrono::steady_clock::time_point last_frame_start_{};
};

}  // namespace gt::engine
