// The vertical part of walk mode: the eye keeps a person's eye height above the floor under
// it, climbs steps and falls (with gravity) off a platform. Pure: the floor height comes in
// from a ray cast, time as a parameter, so it is tested without a model or a device.
#pragma once

#include <optional>

namespace gt::engine {

class WalkMotion {
 public:
  static constexpr float kEyeHeight = 1.7f;    // metres above the floor
  static constexpr float kStepHeight = 0.45f;  // a stair step or a kerb is climbed, a bench not
  static constexpr float kGravity = 9.81f;     // m/s^2

  // Where a floor is looked for: downwards from this height above the feet, so a step up to
  // kStepHeight is found and a ceiling or a machine's top above the head is not.
  static float probeAbove(float eye_y) { return eye_y - kEyeHeight + kStepHeight; }

  // The eye's new height after `dt` seconds. `floor_y` is the highest surface under the eye
  // found from probeAbove() downwards, or nullopt when there is none (walked off the model):
  // then `lowest_floor` (the model's lowest point) stops the fall.
  float advance(float eye_y, std::optional<float> floor_y, float lowest_floor, float dt);
  void reset() { fall_speed_ = 0.f; }

 private:
  float fall_speed_ = 0.f;  // m/s downwards
};

}  // namespace gt::engine
