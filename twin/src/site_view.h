// The live site on the model, one frame at a time: takes the frame's snapshot of the twin
// state, tints the equipment, draws the side panel and the labels, and remembers where the
// labels went so the probe file can report the last frame.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/renderer.h"
#include "equipment_labels.h"
#include "equipment_status.h"
#include "flow_ribbons.h"
#include "greentwin/site_config.h"
#include "probes_json.h"
#include "side_panel.h"
#include "site_binding.h"
#include "twin_state.h"

namespace gt::twin {

class SiteView {
 public:
  // `site`, `state` and `renderer` must outlive the view. Binds the equipment to the model and
  // hides the site's cutaway nodes (roofs) now; `model_error` is empty when the model loaded.
  SiteView(const SiteConfig& site, const TwinState& state, engine::Renderer& renderer,
           std::string model_error);

  // Before Renderer::renderFrame(): copies the state and sets this frame's tints and energy
  // flows; `flow_seconds` scrolls the flows' chevrons (fixed per frame headless, so a picture
  // is repeatable).
  void prepareFrame(double flow_seconds);
  // Inside the UI callback: panel, then labels; returns what the user clicked. Applies the
  // selection (panel row or a click on a machine; Esc clears) and the view toggles itself.
  PanelCommands drawUi(Language language);

  // Selects the equipment with this id (outlined in the selection colour); false when the
  // site has no such equipment or its node is not in the model.
  bool select(std::string_view equipment_id);
  // Cutaway nodes (roofs) translucent instead of hidden.
  void setXray(bool on);
  void setGrid(bool on);
  // The energy flows ([[flow]]) on the model; on by default.
  void setFlows(bool on);
  // The energy-balance Sankey panel (sankey_panel.h); key B toggles it too.
  void setSankey(bool on) { sankey_ = on; }
  // A balance has arrived: texts() now holds its carrier names.
  bool hasBalance() const { return snapshot_.balance.has_value(); }
  // "site.toml:612:8: flow 'x': the model has no node 'y'", one per flow left out.
  std::vector<std::string> flowProblems() const;
  // Flies to the site's viewpoint with this id (`seconds` 0: jumps); false when there is none.
  bool showViewpoint(std::string_view id, double seconds);

  // The last drawn frame, per equipment in site order.
  std::vector<EquipmentProbe> probes() const;
  const std::vector<BoundEquipment>& equipment() const { return bound_; }
  // Cutaway node names the model does not have (for a warning).
  const std::vector<std::string>& missingCutaways() const { return missing_cutaways_; }

  // Every name the site can show, for the font's glyph ranges.
  std::vector<std::string> texts() const;

 private:
  const SiteConfig& site_;
  const TwinState& state_;
  engine::Renderer& renderer_;
  std::string model_error_;
  std::vector<BoundEquipment> bound_;
  std::vector<std::string> missing_cutaways_;
  // What the user chose to see; outlines are re-set from these every frame.
  std::optional<size_t> selected_;
  std::optional<size_t> hovered_;
  bool xray_ = false;
  bool grid_ = false;
  std::optional<FlowRibbons> flows_;  // when the model loaded and the site has flows
  bool sankey_ = false;
  bool sankey_month_ = false;  // month to date instead of today
  std::string sankey_area_;    // the area hovered in the Sankey: its equipment is highlighted

  // This frame's copies; replaced every frame, never edited.
  TwinSnapshot snapshot_;
  std::vector<EquipmentStatus> statuses_;
  std::vector<DrawnLabel> drawn_;
  Language drawn_language_ = Language::Zh;
};

}  // namespace gt::twin
