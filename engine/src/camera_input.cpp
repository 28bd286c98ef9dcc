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
constexpr float kLookPerPixel = 0.003f;    // radians; looking around wants finer control
constexpr float kRunFactor = 3.f;          // Shift
constexpr float kWheelStepSeconds = 0.4f;  // one wheel notch moves this long at walking pace

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

bool CameraInput::update(OrbitCamera& camera, CameraMode mode, float move_speed, float dt,
                         bool ui_wants_mouse, bool ui_wants_keyboard) {
  double x = 0, y = 0;
  glfwGetCursorPos(window_, &x, &y);
  const float dx = have_cursor_ ? static_cast<float>(x - last_x_) : 0.f;
  const float dy = have_cursor_ ? static_cast<float>(y - last_y_) : 0.f;
  last_x_ = x;
  last_y_ = y;
  have_cursor_ = true;
  const bool orbiting = mode == CameraMode::Orbit;
  const bool run = down(window_, GLFW_KEY_LEFT_SHIFT) || down(window_, GLFW_KEY_RIGHT_SHIFT);
  const float speed = move_speed * (run ? kRunFactor : 1.f);
  // Walking moves in the horizontal plane whatever the pitch; flying goes where one looks.
  glm::vec3 ahead = camera.forward();
  if (mode == CameraMode::Walk) {
    ahead.y = 0.f;
    ahead = glm::length(ahead) > 1e-4f ? glm::normalize(ahead) : glm::vec3(0, 0, -1);
  }
  const glm::vec3 right = glm::normalize(glm::cross(camera.forward(), glm::vec3(0, 1, 0)));

  if (!ui_wants_mouse) {
    int width = 0, height = 0;
    glfwGetWindowSize(window_, &width, &height);
    const float view_h = static_cast<float>(height > 0 ? height : 1);
    const bool left = glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
    const bool other = glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS ||
                       glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS;
    if (left && orbiting) {
      // Dragging right swings the model right, i.e. the eye goes left.
      camera.orbit(-dx * kOrbitPerPixel, dy * kOrbitPerPixel);
    } else if (left) {
      // Dragging right turns the view right; dragging up looks up.
      camera.look(-dx * kLookPerPixel, dy * kLookPerPixel);
    } else if (other) {
      // The point under the cursor follows it.
      camera.pan(-dx / view_h, dy / view_h);
    }
    if (scroll_ != 0) {
      if (orbiting) {
        camera.zoom(std::pow(kWheelZoomStep, static_cast<float>(scroll_)));
      } else {
        camera.translate(ahead * (static_cast<float>(scroll_) * speed * kWheelStepSeconds));
      }
    }
  }
  scroll_ = 0;

  bool frame_requested = false;
  if (!ui_wants_keyboard) {
    const bool fwd = down(window_, GLFW_KEY_UP) || down(window_, GLFW_KEY_W);
    const bool back = down(window_, GLFW_KEY_DOWN) || down(window_, GLFW_KEY_S);
    const bool lft = down(window_, GLFW_KEY_LEFT) || down(window_, GLFW_KEY_A);
    const bool rgt = down(window_, GLFW_KEY_RIGHT) || down(window_, GLFW_KEY_D);
    if (orbiting) {
      const float step = kKeyOrbitSpeed * dt;
      if (lft) camera.orbit(-step, 0);
      if (rgt) camera.orbit(step, 0);
      if (fwd) camera.orbit(0, step);
      if (back) camera.orbit(0, -step);
      if (down(window_, GLFW_KEY_EQUAL) || down(window_, GLFW_KEY_KP_ADD))
        camera.zoom(std::pow(kKeyZoomPerSecond, dt));
      if (down(window_, GLFW_KEY_MINUS) || down(window_, GLFW_KEY_KP_SUBTRACT))
        camera.zoom(1.f / std::pow(kKeyZoomPerSecond, dt));
    } else {
      glm::vec3 move{0.f};
      if (fwd) move += ahead;
      if (back) move -= ahead;
      if (rgt) move += right;
      if (lft) move -= right;
      if (mode == CameraMode::Fly) {
        if (down(window_, GLFW_KEY_E)) move.y += 1.f;
        if (down(window_, GLFW_KEY_Q)) move.y -= 1.f;
      }
      if (glm::length(move) > 1e-4f) camera.translate(glm::normalize(move) * speed * dt);
    }
    const bool f = down(window_, GLFW_KEY_F);
    frame_requested = f && !frame_key_down_;
    frame_key_down_ = f;
  }
  return frame_requested;
}

}  // namespace gt::engine
