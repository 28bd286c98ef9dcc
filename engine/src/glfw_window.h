// Owner of GLFW (glfwInit/glfwTerminate) and of the viewer's window. Only the windowed
// renderer creates one; headless rendering never touches GLFW, so it runs without a display.
#pragma once

#include <memory>
#include <string>

#include <vulkan/vulkan.h>

struct GLFWwindow;

namespace gt::engine {

class GlfwWindow {
 public:
  // Throws std::runtime_error when there is no display or the window cannot be created.
  static std::unique_ptr<GlfwWindow> create(int width, int height, const std::string& title);
  ~GlfwWindow();
  GlfwWindow(const GlfwWindow&) = delete;
  GlfwWindow& operator=(const GlfwWindow&) = delete;

  GLFWwindow* handle() const { return window_; }
  // Pixels; 0 x 0 while minimised.
  VkExtent2D framebufferSize() const;
  bool shouldClose() const;
  void pollEvents() const;

 private:
  GlfwWindow() = default;
  GLFWwindow* window_ = nullptr;
};

}  // namespace gt::engine
