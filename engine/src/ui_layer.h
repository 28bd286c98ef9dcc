// The engine's Dear ImGui layer: owns the ImGui context and its GLFW and Vulkan backends, runs
// the twin's UI callback once per frame and records the draw data into the main colour pass.
// Headless, there is no GLFW at all: display size and delta time are set here.
#pragma once

#include <functional>
#include <memory>

#include <vulkan/vulkan.h>

#include "vk_owners.h"

struct GLFWwindow;

namespace gt::engine {

class VkContext;

class UiLayer {
 public:
  // `window` null means headless. Call after the GLFW input callbacks are installed, so the
  // ImGui GLFW backend chains to them.
  static std::unique_ptr<UiLayer> create(const VkContext& ctx, VkRenderPass pass,
                                         VkSampleCountFlagBits samples, GLFWwindow* window);
  ~UiLayer();
  UiLayer(const UiLayer&) = delete;
  UiLayer& operator=(const UiLayer&) = delete;

  void setCallback(std::function<void()> callback) { callback_ = std::move(callback); }
  // The atlas changed (fonts added): upload it before the next frame.
  void requestFontUpload() { fonts_dirty_ = true; }

  // Uploads the font atlas if needed (waits for the GPU), starts an ImGui frame, runs the
  // callback and finalises the draw data. `size` is in pixels, `dt` in seconds (> 0).
  void buildFrame(VkExtent2D size, float dt);
  // Records the draw data of the last buildFrame() into the current render pass.
  void record(VkCommandBuffer cmd) const;

  // glfwGetWindowContentScale's vertical scale; 1 headless.
  float contentScale() const;

  bool wantsMouse() const;
  bool wantsKeyboard() const;

 private:
  UiLayer(const VkContext& ctx) : ctx_(ctx) {}
  void initVulkanBackend();
  void uploadFonts();

  const VkContext& ctx_;
  VkRenderPass pass_ = VK_NULL_HANDLE;
  VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
  GLFWwindow* window_ = nullptr;
  DescriptorPoolOwner pool_;
  bool vulkan_backend_ = false, glfw_backend_ = false;
  bool fonts_dirty_ = true;
  bool fonts_uploaded_ = false;
  std::function<void()> callback_;
};

}  // namespace gt::engine
