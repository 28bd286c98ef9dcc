// VK_CHECK: turns a failed Vulkan call into a std::runtime_error that names the call, the file
// and the line, so a field report ("vkCreateDevice failed: VK_ERROR_INITIALIZATION_FAILED at
// vk_context.cpp:212") is enough to locate the problem.
#pragma once

#include <vulkan/vulkan.h>

namespace gt::engine {

const char* vkResultName(VkResult result);
[[noreturn]] void throwVkError(VkResult result, const char* call, const char* file, int line);

}  // namespace gt::engine

#define VK_CHECK(call)                                                         \
  do {                                                                         \
    VkResult vk_check_result_ = (call);                                        \
    if (vk_check_result_ != VK_SUCCESS)                                        \
      ::gt::engine::throwVkError(vk_check_result_, #call, __FILE__, __LINE__); \
  } while (0)
