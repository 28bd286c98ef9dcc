// CameraInput: polling GLFW state each frame (only the wheel needs a callback). Speeds are
// chosen so that a drag across the window turns the model about half a turn.
#include "camera_input.h"

#include <cmath>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "engine/camera.h"

namespace gt::engine {
namespace {

constexpr float kOrbitPerPixel = 0.006f;  // radians
constexpr float kKeyOrbitSpeed = 1.5f;    // radians per second
constexpr float kWheelZoomStep = 0.88f;   // distance factor per wheel notch
constexpr float kKeyZoomPerSecond = 0.35f;

bool down(GLFWwindow* w, int key) {
  return glfwGetKey(w, key) == GLFW_PRESS;
}

}  // namespace

CameraInput::CameraInput(GLFWwindow* window) : window_(window) {
  glfwSetWindowUserPointer(window, this);
  glfwSetScrollCallback(window, onScroll);
}

void CameraInput::onScroll(GLFWwindow* window, double, double dy) {
  static_cast<CameraInput*>(glfwGetWindowUserPointer(window))->scroll_ += dy;
}

bool CameraInput::update(OrbitCamera& camera, float dt, bool ui_wants_mouse,
                         bool ui_wants_keyboard) {
  double x = 0, y = 0;
  glfwGetCursorPos(window_, &x, &y);
  const float dx = have_cursor_ ? static_cast<float>(x - last_x_) : 0.f;
  const float dy = have_cursor_ ? static_cast<float>(y - last_y_) : 0.f;
  last_x_ = x;
  last_y_ = y;
  have_cursor_ = true;

  if (!ui_wants_mouse) {
    int width = 0, height = 0;
    glfwGetWindowSize(window_, &width, &height);
    const float view_h = static_cast<float>(height > 0 ? height : 1);
    if (glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) {
      // Dragging right swings the model right, i.e. the eye goes left.
      camera.orbit(-dx * kOrbitPerPixel, dy * kOrbitPerPixel);
    } else if (glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS ||
               glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS) {
      // The point under the cursor follows it.
      camera.pan(-dx / view_h, dy / view_h);
    }
    if (scroll_ != 0) camera.zoom(std::pow(kWheelZoomStep, static_cast<float>(scroll_)));
  }
  scroll_ = 0;

  bool frame_requested = false;
  if (!ui_wants_keyboard) {
    const float step = kKeyOrbitSpeed * dt;
    if (down(window_, GLFW_KEY_LEFT) || down(window_, GLFW_KEY_A)) camera.orbit(-step, 0);
    if (down(window_, GLFW_KEY_RIGHT) || down(window_, GLFW_KEY_D)) camera.orbit(step, 0);
    if (down(window_, GLFW_KEY_UP) || down(window_, GLFW_KEY_W)) camera.orbit(0, step);
    if (down(window_, GLFW_KEY_DOWN) || down(window_, GLFW_KEY_S)) camera.orbit(0, -step);
    if (down(window_, GLFW_KEY_EQUAL) || down(window_, GLFW_KEY_KP_ADD))
      camera.zoom(std::pow(kKeyZoomPerSecond, dt));
    if (down(window_, GLFW_KEY_MINUS) || down(window_, GLFW_KEY_KP_SUBTRACT))
      camera.zoom(1.f / std::pow(kKeyZoomPerSecond, dt));
    const bool f = down(window_, GLFW_KEY_F);
    frame_requested = f && !frame_key_down_;
    frame_key_down_ = f;
  }
  return frame_requested;
}

}  // namespace gt::engine
