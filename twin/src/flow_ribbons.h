// The site's energy flows drawn on the model: routes them once against the model's nodes, then
// each frame turns the live values into ribbons (energy_flows.h) and hands them to the
// renderer when they changed, so the ribbon vertices are rebuilt about once a second (as the
// readings arrive), not every frame.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/renderer.h"
#include "greentwin/site_config.h"
#include "twin_state.h"

namespace gt::twin {

class FlowRibbons {
 public:
  // `site` and `renderer` must outlive this; the model must be loaded. Flows with an end the
  // model lacks are left out and named in problems().
  FlowRibbons(const SiteConfig& site, engine::Renderer& renderer);

  // Before Renderer::renderFrame(). `seconds` scrolls the chevrons (a fixed value gives a
  // repeatable picture); flows ending at `selected_node` are highlighted; `through_walls`
  // also draws them faintly where the model hides them (with x-ray).
  void update(const TwinSnapshot& snapshot, TimeMs now, double seconds,
              const std::string& selected_node, bool through_walls);
  void setVisible(bool on);
  bool visible() const { return visible_; }
  bool empty() const { return site_.flows.empty(); }
  const std::vector<std::string>& problems() const { return problems_; }
  // Some drawn flow had no current value at the last update (grey).
  bool anyGrey() const { return any_grey_; }

 private:
  const SiteConfig& site_;
  engine::Renderer& renderer_;
  std::vector<std::optional<std::vector<glm::vec3>>> routes_;
  std::vector<std::string> problems_;
  bool visible_ = true;
  bool any_grey_ = false;
  std::vector<engine::Ribbon> drawn_;  // what the renderer holds
};

}  // namespace gt::twin
