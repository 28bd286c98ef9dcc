// Readable names for VkResult and the exception VK_CHECK throws.
#include "vk_check.h"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace gt::engine {

const char* vkResultName(VkResult result) {
  switch (result) {
#define GT_CASE(x) \
  case x:          \
    return #x;
    GT_CASE(VK_SUCCESS)
    GT_CASE(VK_NOT_READY)
    GT_CASE(VK_TIMEOUT)
    GT_CASE(VK_INCOMPLETE)
    GT_CASE(VK_SUBOPTIMAL_KHR)
    GT_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    GT_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    GT_CASE(VK_ERROR_INITIALIZATION_FAILED)
    GT_CASE(VK_ERROR_DEVICE_LOST)
    GT_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    GT_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    GT_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    GT_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
    GT_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    GT_CASE(VK_ERROR_TOO_MANY_OBJECTS)
    GT_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    GT_CASE(VK_ERROR_SURFACE_LOST_KHR)
    GT_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
    GT_CASE(VK_ERROR_OUT_OF_DATE_KHR)
    GT_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
#undef GT_CASE
    default:
      return "VK_ERROR_(unknown)";
  }
}

void throwVkError(VkResult result, const char* call, const char* file, int line) {
  throw std::runtime_error(
      std::string("Vulkan call failed: ") + call + " returned " + vkResultName(result) + " (" +
      std::filesystem::path(file).filename().string() + ":" + std::to_string(line) + ")");
}

}  // namespace gt::engine
