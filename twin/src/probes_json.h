// The probe file (`--probes out.json`): after the last frame, where each equipment ended up on
// the screen and what its label said, so image tests can check pixels of the screenshot at
// named places ("the alarm red on CNC-02's label"). Pure: builds the JSON text.
//
// {"viewport":[1280,720],"equipment":[{"id":"CNC-02","node_found":true,
//   "screen_center":[612.5,301.0],"label":{"x":540,"y":250,"w":150,"h":26},"compact":false,
//   "state":"alarm","value":"18.4 kW","tint":[0.95,0.12,0.10,0.8]}, ...]}
// screen_center and label are null when not on screen; tint is null when untinted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "label_layout.h"

namespace gt::twin {

struct EquipmentProbe {
  std::string id;
  bool node_found = false;
  std::optional<glm::vec2> screen_center;  // projected centre of the node's world bounds
  std::optional<ScreenRect> label;         // the drawn label box
  bool compact = false;                    // the label is in its compact form
  std::string state;                       // equipmentStateName()
  std::string value;                       // the displayed value text
  std::optional<glm::vec4> tint;           // rgb and amount
};

std::string probesJson(const std::vector<EquipmentProbe>& probes, const glm::ivec2& viewport);

// JSON string literal with quotes, escaping what RFC 8259 §7 requires. UTF-8 passes through.
std::string jsonString(std::string_view text);

}  // namespace gt::twin
