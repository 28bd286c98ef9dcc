// The Vulkan instance, the chosen physical device, the logical device and its graphics queue,
// plus the small services every other part needs: memory-type lookup, one-time command
// submission, debug names and labels (VK_EXT_debug_utils), and the validation message counter.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <vulkan/vulkan.h>

#include "vk_owners.h"

struct GLFWwindow;

namespace gt::engine {

struct ContextOptions {
  bool validation = false;
  GLFWwindow* window = nullptr;  // null: headless, no surface, no swapchain extension
};

class VkContext {
 public:
  // Throws std::runtime_error when no Vulkan driver or no suitable device exists.
  static std::unique_ptr<VkContext> create(const ContextOptions& options);
  ~VkContext();
  VkContext(const VkContext&) = delete;
  VkContext& operator=(const VkContext&) = delete;

  VkInstance instance() const { return instance_; }
  VkPhysicalDevice physicalDevice() const { return physical_device_; }
  VkDevice device() const { return device_; }
  VkQueue queue() const { return queue_; }
  uint32_t queueFamily() const { return queue_family_; }
  VkSurfaceKHR surface() const { return surface_; }
  VkCommandPool commandPool() const { return command_pool_.get(); }
  const VkPhysicalDeviceProperties& properties() const { return properties_; }
  // Enabled at device creation where supported (lavapipe has it; some mobile GPUs do not).
  bool samplerAnisotropy() const { return sampler_anisotropy_; }

  // A memory type allowed by `type_bits` with all of `wanted`; throws if none.
  uint32_t findMemoryType(uint32_t type_bits, VkMemoryPropertyFlags wanted) const;
  // Records `record` into a fresh command buffer, submits it and waits for completion.
  void submitAndWait(const std::function<void(VkCommandBuffer)>& record) const;

  // Debug names and labels; no-ops when VK_EXT_debug_utils is absent.
  void setName(VkObjectType type, uint64_t handle, const std::string& name) const;
  template <typename T>
  void setName(T handle, VkObjectType type, const std::string& name) const {
    setName(type, reinterpret_cast<uint64_t>(handle), name);
  }
  void beginLabel(VkCommandBuffer cmd, const char* name) const;
  void endLabel(VkCommandBuffer cmd) const;

  // Validation messages of error severity seen so far (0 when validation is off).
  uint32_t validationErrors() const { return validation_errors_.load(); }

 private:
  VkContext() = default;
  void createInstance(const ContextOptions& options);
  void pickPhysicalDevice();
  void createDevice();

  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_device_ = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties_{};
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  CommandPoolOwner command_pool_;
  bool debug_utils_ = false;
  bool sampler_anisotropy_ = false;
  bool windowed_ = false;
  std::atomic<uint32_t> validation_errors_{0};

  PFN_vkSetDebugUtilsObjectNameEXT set_name_ = nullptr;
  PFN_vkCmdBeginDebugUtilsLabelEXT begin_label_ = nullptr;
  PFN_vkCmdEndDebugUtilsLabelEXT end_label_ = nullptr;
};

}  // namespace gt::engine
