// Instance, device and queue creation, and the owner of the instance-level objects (instance,
// debug messenger, surface, device). Device choice: a discrete GPU when there is one, else
// whatever Vulkan 1.2 device can draw (on a headless server that is Mesa's lavapipe).
#include "vk_context.h"

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "vk_check.h"

namespace gt::engine {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data,
                                              void* user) {
  const bool error = severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  if (error) ++*static_cast<std::atomic<uint32_t>*>(user);
  std::fprintf(stderr, "[vulkan %s] %s\n", error ? "error" : "warning", data->pMessage);
  return VK_FALSE;  // never abort the call: the message is the diagnostic
}

bool hasLayer(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (const auto& l : layers)
    if (std::strcmp(l.layerName, name) == 0) return true;
  return false;
}

bool hasInstanceExtension(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceExtensionProperties(nullptr, &count, nullptr);
  std::vector<VkExtensionProperties> exts(count);
  vkEnumerateInstanceExtensionProperties(nullptr, &count, exts.data());
  for (const auto& e : exts)
    if (std::strcmp(e.extensionName, name) == 0) return true;
  return false;
}

}  // namespace

std::unique_ptr<VkContext> VkContext::create(const ContextOptions& options) {
  std::unique_ptr<VkContext> ctx(new VkContext());
  ctx->windowed_ = options.window != nullptr;
  ctx->createInstance(options);
  if (options.window) {
    VK_CHECK(glfwCreateWindowSurface(ctx->instance_, options.window, nullptr, &ctx->surface_));
  }
  ctx->pickPhysicalDevice();
  ctx->createDevice();
  return ctx;
}

VkContext::~VkContext() {
  if (device_) vkDeviceWaitIdle(device_);
  command_pool_.reset();
  if (device_) vkDestroyDevice(device_, nullptr);
  if (surface_) vkDestroySurfaceKHR(instance_, surface_, nullptr);
  if (messenger_) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy) destroy(instance_, messenger_, nullptr);
  }
  if (instance_) vkDestroyInstance(instance_, nullptr);
}

void VkContext::createInstance(const ContextOptions& options) {
  std::vector<const char*> extensions;
  if (options.window) {
    uint32_t count = 0;
    const char** glfw_exts = glfwGetRequiredInstanceExtensions(&count);
    if (!glfw_exts) throw std::runtime_error("The window system offers no Vulkan surface support");
    extensions.assign(glfw_exts, glfw_exts + count);
  }
  debug_utils_ = hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  if (debug_utils_) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);

  std::vector<const char*> layers;
  if (options.validation) {
    if (hasLayer(kValidationLayer))
      layers.push_back(kValidationLayer);
    else
      std::fprintf(stderr, "[vulkan warning] validation requested but %s is not installed\n",
                   kValidationLayer);
  }

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "GreenTwin";
  app.pEngineName = "greentwin_engine";
  app.apiVersion = VK_API_VERSION_1_2;

  VkDebugUtilsMessengerCreateInfoEXT messenger_info{};
  messenger_info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  messenger_info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                   VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger_info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                               VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                               VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messenger_info.pfnUserCallback = onDebugMessage;
  messenger_info.pUserData = &validation_errors_;
  const bool want_messenger = debug_utils_ && !layers.empty();

  VkInstanceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  info.pApplicationInfo = &app;
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  info.enabledLayerCount = static_cast<uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  // Chained so that messages from vkCreateInstance itself are reported too.
  if (want_messenger) info.pNext = &messenger_info;

  const VkResult result = vkCreateInstance(&info, nullptr, &instance_);
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER || result == VK_ERROR_INITIALIZATION_FAILED)
    throw std::runtime_error(
        "No Vulkan driver found. Install the GPU vendor's Vulkan driver, or Mesa's "
        "mesa-vulkan-drivers package (lavapipe) to render on the CPU.");
  VK_CHECK(result);

  if (want_messenger) {
    auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
    if (create_messenger)
      VK_CHECK(create_messenger(instance_, &messenger_info, nullptr, &messenger_));
  }
}

void VkContext::pickPhysicalDevice() {
  uint32_t count = 0;
  VK_CHECK(vkEnumeratePhysicalDevices(instance_, &count, nullptr));
  std::vector<VkPhysicalDevice> devices(count);
  VK_CHECK(vkEnumeratePhysicalDevices(instance_, &count, devices.data()));

  int best_score = -1;
  for (VkPhysicalDevice candidate : devices) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(candidate, &props);
    if (props.apiVersion < VK_API_VERSION_1_2) continue;

    uint32_t family_count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(candidate, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    vkGetPhysicalDeviceQueueFamilyProperties(candidate, &family_count, families.data());
    for (uint32_t f = 0; f < family_count; ++f) {
      if (!(families[f].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
      if (surface_) {
        VkBool32 present = VK_FALSE;
        vkGetPhysicalDeviceSurfaceSupportKHR(candidate, f, surface_, &present);
        if (!present) continue;
      }
      const int score = props.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU     ? 4
                        : props.deviceType == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU ? 3
                        : props.deviceType == VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU    ? 2
                                                                                     : 1;
      if (score > best_score) {
        best_score = score;
        physical_device_ = candidate;
        properties_ = props;
        queue_family_ = f;
      }
      break;
    }
  }
  if (!physical_device_)
    throw std::runtime_error("No Vulkan 1.2 device that can draw" +
                             std::string(surface_ ? " to this window" : "") + " was found (" +
                             std::to_string(count) + " device(s) listed)");
}

void VkContext::createDevice() {
  const float priority = 1.f;
  VkDeviceQueueCreateInfo queue_info{};
  queue_info.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queue_info.queueFamilyIndex = queue_family_;
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;

  std::vector<const char*> extensions;
  if (windowed_) extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);

  // Material textures seen at a grazing angle (floors, long walls) stay sharp with it.
  VkPhysicalDeviceFeatures supported{};
  vkGetPhysicalDeviceFeatures(physical_device_, &supported);
  VkPhysicalDeviceFeatures features{};
  features.samplerAnisotropy = supported.samplerAnisotropy;
  sampler_anisotropy_ = supported.samplerAnisotropy == VK_TRUE;

  VkDeviceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue_info;
  info.pEnabledFeatures = &features;
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  VK_CHECK(vkCreateDevice(physical_device_, &info, nullptr, &device_));
  vkGetDeviceQueue(device_, queue_family_, 0, &queue_);

  if (debug_utils_) {
    set_name_ = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
        vkGetInstanceProcAddr(instance_, "vkSetDebugUtilsObjectNameEXT"));
    begin_label_ = reinterpret_cast<PFN_vkCmdBeginDebugUtilsLabelEXT>(
        vkGetInstanceProcAddr(instance_, "vkCmdBeginDebugUtilsLabelEXT"));
    end_label_ = reinterpret_cast<PFN_vkCmdEndDebugUtilsLabelEXT>(
        vkGetInstanceProcAddr(instance_, "vkCmdEndDebugUtilsLabelEXT"));
  }

  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = queue_family_;
  VkCommandPool pool;
  VK_CHECK(vkCreateCommandPool(device_, &pool_info, nullptr, &pool));
  command_pool_ = CommandPoolOwner(device_, pool);
  setName(pool, VK_OBJECT_TYPE_COMMAND_POOL, "main command pool");
}

uint32_t VkContext::findMemoryType(uint32_t type_bits, VkMemoryPropertyFlags wanted) const {
  VkPhysicalDeviceMemoryProperties mem;
  vkGetPhysicalDeviceMemoryProperties(physical_device_, &mem);
  for (uint32_t i = 0; i < mem.memoryTypeCount; ++i)
    if ((type_bits & (1u << i)) && (mem.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
  throw std::runtime_error("The GPU offers no memory of the kind the renderer needs");
}

void VkContext::submitAndWait(const std::function<void(VkCommandBuffer)>& record) const {
  VkCommandBufferAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  alloc.commandPool = command_pool_.get();
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd;
  VK_CHECK(vkAllocateCommandBuffers(device_, &alloc, &cmd));
  // Freed however we leave (a throwing record callback included).
  struct FreeOnExit {
    VkDevice device;
    VkCommandPool pool;
    VkCommandBuffer cmd;
    ~FreeOnExit() { vkFreeCommandBuffers(device, pool, 1, &cmd); }
  } free_on_exit{device_, command_pool_.get(), cmd};

  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  record(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));

  VkFenceCreateInfo fence_info{};
  fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence raw_fence;
  VK_CHECK(vkCreateFence(device_, &fence_info, nullptr, &raw_fence));
  FenceOwner fence(device_, raw_fence);
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VK_CHECK(vkQueueSubmit(queue_, 1, &submit, fence.get()));
  VK_CHECK(vkWaitForFences(device_, 1, &raw_fence, VK_TRUE, UINT64_MAX));
}

void VkContext::setName(VkObjectType type, uint64_t handle, const std::string& name) const {
  if (!set_name_ || handle == 0) return;
  VkDebugUtilsObjectNameInfoEXT info{};
  info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT;
  info.objectType = type;
  info.objectHandle = handle;
  info.pObjectName = name.c_str();
  set_name_(device_, &info);
}

void VkContext::beginLabel(VkCommandBuffer cmd, const char* name) const {
  if (!begin_label_) return;
  VkDebugUtilsLabelEXT label{};
  label.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_LABEL_EXT;
  label.pLabelName = name;
  begin_label_(cmd, &label);
}

void VkContext::endLabel(VkCommandBuffer cmd) const {
  if (end_label_) end_label_(cmd);
}

}  // namespace gt::engine
