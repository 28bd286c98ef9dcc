// Fit to the free area's aspect, then pan so the picture's centre moves from the viewport's
// centre to the free area's centre (half the panel's width to the right).
#include "camera_framing.h"

#include <algorithm>

namespace gt::twin {

void frameBesidePanel(engine::OrbitCamera& camera, const engine::Bounds& b,
                      const glm::ivec2& viewport, const ScreenRect& panel) {
  if (b.empty() || viewport.x <= 0 || viewport.y <= 0) return;
  const float width = static_cast<float>(viewport.x);
  const float height = static_cast<float>(viewport.y);
  const float free_width = std::max(width - panel.width(), width * 0.25f);
  camera.frame(b, free_width / height);
  // pan() counts in view heights; moving the target left moves the picture right.
  camera.pan(-(width - free_width) * 0.5f / height, 0.f);
}

}  // namespace gt::twin
