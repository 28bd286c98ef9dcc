// Mouse and keyboard control of the camera in the window. Orbit mode: left drag orbits, right
// or middle drag pans, the wheel zooms, arrows/WASD orbit, +/- zoom. Fly and walk modes: left
// drag looks around, WASD/arrows move, the wheel steps forward, Shift runs; Q/E sink and rise
// when flying. F frames the whole model in every mode.
#pragma once

struct GLFWwindow;

namespace gt::engine {

struct OrbitCamera;
enum class CameraMode;

class CameraInput {
 public:
  // Installs a scroll callback on `window` (keep this object alive and in place while the
  // window lives). Create before the ImGui GLFW backend so ImGui chains to the callback.
  explicit CameraInput(GLFWwindow* window);
  CameraInput(const CameraInput&) = delete;
  CameraInput& operator=(const CameraInput&) = delete;

  // Applies this frame's input; `dt` in seconds. Input the UI wants is left to the UI.
  // `move_speed` is the fly/walk speed in m/s before Shift. Returns true when F was pressed
  // (the caller frames the model).
  bool update(OrbitCamera& camera, CameraMode mode, float move_speed, float dt, bool ui_wants_mouse,
              bool ui_wants_keyboard);

 private:
  static void onScroll(GLFWwindow* window, double dx, double dy);

  GLFWwindow* window_;
  double last_x_ = 0, last_y_ = 0;
  bool have_cursor_ = false;
  double scroll_ = 0;
  bool frame_key_down_ = false;
};

}  // namespace gt::engine
