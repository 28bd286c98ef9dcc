// The panel docked on the left: for a site, its name, local time, link state, active alarms
// and the equipment by area; for a bare model, its node list. Immediate mode: each call
// reads the frame's state and returns what the user asked for; the panel keeps nothing.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "connection_watch.h"
#include "engine/renderer.h"
#include "equipment_status.h"
#include "greentwin/site_config.h"
#include "label_layout.h"
#include "site_binding.h"
#include "twin_state.h"
#include "ui_strings.h"

namespace gt::twin {

// What the user clicked this frame.
struct PanelCommands {
  std::optional<engine::Bounds> fly_to;
  std::optional<Language> language;
  std::optional<size_t> select;  // equipment index (site order) clicked in the panel
  std::optional<bool> xray;      // the X-ray toggle changed to this
  std::optional<bool> grid;      // the ground grid toggle changed to this
  std::optional<bool> flows;     // the energy flows toggle changed to this
  std::optional<bool> sankey;    // the energy-balance Sankey toggle changed to this
  std::optional<engine::CameraMode> camera_mode;  // a camera mode button was pressed
  std::optional<size_t> viewpoint;                // index into SiteConfig::viewpoints
};

// The panel's rectangle for a viewport: full height, ~380 px wide at 1080p, scaled.
ScreenRect sidePanelRect(const glm::ivec2& viewport);

struct SitePanelInput {
  const SiteConfig* site = nullptr;
  const std::vector<BoundEquipment>* equipment = nullptr;  // site order
  const std::vector<EquipmentStatus>* statuses = nullptr;  // same order
  const TwinSnapshot* snapshot = nullptr;
  ConnectionState connection = ConnectionState::Connecting;
  Language language = Language::Zh;
  TimeMs now_utc = 0;
  std::string model_error;  // empty when the model loaded
  ScreenRect rect;
  std::optional<size_t> selected;  // equipment index shown as selected
  bool can_xray = false;           // the site has cutaway nodes to see through
  bool xray = false, grid = false;
  bool can_flows = false, flows = false;  // the site has energy flows; they are shown
  bool sankey = false;                    // the energy-balance Sankey is open
  engine::CameraMode camera_mode = engine::CameraMode::Orbit;
};
PanelCommands drawSitePanel(const SitePanelInput& in);

// The node filter is the one piece of text the user types; ImGui needs a buffer for it.
struct ModelPanelInput {
  const engine::ModelInfo* model = nullptr;  // null when loading failed
  std::string model_error;
  Language language = Language::Zh;
  ScreenRect rect;
};
using NodeFilter = std::array<char, 128>;
PanelCommands drawModelPanel(const ModelPanelInput& in, NodeFilter& filter);

}  // namespace gt::twin
