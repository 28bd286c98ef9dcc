// WalkMotion: a step up is taken at once (the eye glides up within a frame or two, as when
// climbing a stair), a drop is a fall with gravity, so walking off a mezzanine reads as such.
#include "walk_motion.h"

#include <algorithm>

namespace gt::engine {

float WalkMotion::advance(float eye_y, std::optional<float> floor_y, float lowest_floor, float dt) {
  const float stand_y = floor_y.value_or(lowest_floor) + kEyeHeight;
  if (eye_y <= stand_y) {
    // On the floor or just stepped up: climb quickly but not in one jump (12 m/s), so a step
    // does not jolt the view.
    fall_speed_ = 0.f;
    return std::min(stand_y, eye_y + 12.f * dt);
  }
  fall_speed_ += kGravity * dt;
  const float y = eye_y - fall_speed_ * dt;
  if (y <= stand_y) {
    fall_speed_ = 0.f;
    return stand_y;
  }
  return y;
}

}  // namespace gt::engine
