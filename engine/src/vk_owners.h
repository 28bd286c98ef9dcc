// Move-only RAII owners for Vulkan device children (cppzmq style). This header and
// vk_context.cpp are the only places that call vkDestroy*/vkFree*: every object the engine
// creates is held by one of these owners or by the context itself, so it dies exactly once.
#pragma once

#include <utility>

#include <vulkan/vulkan.h>

namespace gt::engine {

template <typename T, void (*Destroy)(VkDevice, T, const VkAllocationCallbacks*)>
class DeviceChild {
 public:
  DeviceChild() = default;
  DeviceChild(VkDevice device, T handle) : device_(device), handle_(handle) {}
  ~DeviceChild() { reset(); }

  DeviceChild(const DeviceChild&) = delete;
  DeviceChild& operator=(const DeviceChild&) = delete;
  DeviceChild(DeviceChild&& other) noexcept
      : device_(other.device_), handle_(std::exchange(other.handle_, VK_NULL_HANDLE)) {}
  DeviceChild& operator=(DeviceChild&& other) noexcept {
    if (this != &other) {
      reset();
      device_ = other.device_;
      handle_ = std::exchange(other.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }

  void reset() noexcept {
    if (handle_ != VK_NULL_HANDLE) Destroy(device_, handle_, nullptr);
    handle_ = VK_NULL_HANDLE;
  }
  T get() const { return handle_; }
  explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  T handle_ = VK_NULL_HANDLE;
};

using BufferOwner = DeviceChild<VkBuffer, vkDestroyBuffer>;
using ImageOwner = DeviceChild<VkImage, vkDestroyImage>;
using ImageViewOwner = DeviceChild<VkImageView, vkDestroyImageView>;
using MemoryOwner = DeviceChild<VkDeviceMemory, vkFreeMemory>;
using SamplerOwner = DeviceChild<VkSampler, vkDestroySampler>;
using ShaderModuleOwner = DeviceChild<VkShaderModule, vkDestroyShaderModule>;
using PipelineOwner = DeviceChild<VkPipeline, vkDestroyPipeline>;
using PipelineLayoutOwner = DeviceChild<VkPipelineLayout, vkDestroyPipelineLayout>;
using DescriptorSetLayoutOwner = DeviceChild<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using DescriptorPoolOwner = DeviceChild<VkDescriptorPool, vkDestroyDescriptorPool>;
using RenderPassOwner = DeviceChild<VkRenderPass, vkDestroyRenderPass>;
using FramebufferOwner = DeviceChild<VkFramebuffer, vkDestroyFramebuffer>;
using SemaphoreOwner = DeviceChild<VkSemaphore, vkDestroySemaphore>;
using FenceOwner = DeviceChild<VkFence, vkDestroyFence>;
using CommandPoolOwner = DeviceChild<VkCommandPool, vkDestroyCommandPool>;
using SwapchainOwner = DeviceChild<VkSwapchainKHR, vkDestroySwapchainKHR>;

}  // namespace gt::engine
