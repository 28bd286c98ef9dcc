// Alarm red and offline grey are strong enough to read on a big screen from across the room;
// normal equipment keeps the model's colours so the plant still looks like itself. Label
// panels stay dark in every state (luminance under ~90 of 255 over a bright sky) so white
// text keeps its contrast: the state shows in the panel's hue, not its brightness.
#include "state_palette.h"

namespace gt::twin {

std::optional<glm::vec4> tintFor(EquipmentState state) {
  switch (state) {
    case EquipmentState::Alarm:
      return glm::vec4(0.95f, 0.12f, 0.10f, 0.8f);
    case EquipmentState::Offline:
      return glm::vec4(0.45f, 0.45f, 0.45f, 0.75f);
    case EquipmentState::Normal:
    case EquipmentState::NoData:
      break;
  }
  return std::nullopt;
}

glm::vec4 labelPanelColor(EquipmentState state) {
  switch (state) {
    case EquipmentState::Alarm:
      return {0.72f, 0.08f, 0.06f, 0.92f};
    case EquipmentState::Offline:
      return {0.27f, 0.27f, 0.29f, 0.92f};
    case EquipmentState::Normal:
    case EquipmentState::NoData:
      break;
  }
  return {0.06f, 0.08f, 0.10f, 0.78f};
}

glm::vec4 statusDotColor(EquipmentState state) {
  switch (state) {
    case EquipmentState::Normal:
      return {0.20f, 0.80f, 0.35f, 1.f};
    case EquipmentState::Alarm:
      return {0.95f, 0.15f, 0.12f, 1.f};
    case EquipmentState::Offline:
      return {0.55f, 0.55f, 0.55f, 1.f};
    case EquipmentState::NoData:
      break;
  }
  return {0.35f, 0.35f, 0.38f, 1.f};
}

}  // namespace gt::twin
