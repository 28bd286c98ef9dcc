// GlfwWindow: GLFW initialisation, the window without a GL context, and teardown.
#include "glfw_window.h"

#include <cstdio>
#include <stdexcept>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace gt::engine {
namespace {

void onGlfwError(int code, const char* description) {
  std::fprintf(stderr, "[glfw error %d] %s\n", code, description);
}

}  // namespace

std::unique_ptr<GlfwWindow> GlfwWindow::create(int width, int height, const std::string& title) {
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit())
    throw std::runtime_error(
        "Cannot open a window: no display found. Run with --headless to render to images.");
  std::unique_ptr<GlfwWindow> out(new GlfwWindow());
  if (!glfwVulkanSupported()) {
    glfwTerminate();
    throw std::runtime_error("The window system cannot show Vulkan images (no Vulkan loader?)");
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);  // Vulkan draws, not OpenGL
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  out->window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!out->window_) {
    glfwTerminate();
    throw std::runtime_error("Cannot create the viewer window");
  }
  return out;
}

GlfwWindow::~GlfwWindow() {
  if (window_) glfwDestroyWindow(window_);
  glfwTerminate();
}

VkExtent2D GlfwWindow::framebufferSize() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return {static_cast<uint32_t>(w > 0 ? w : 0), static_cast<uint32_t>(h > 0 ? h : 0)};
}

bool GlfwWindow::shouldClose() const {
  return glfwWindowShouldClose(window_);
}
void GlfwWindow::pollEvents() const {
  glfwPollEvents();
}

}  // namespace gt::engine
