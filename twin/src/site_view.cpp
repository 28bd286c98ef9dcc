// One frame of the live site: state copy, tints, panel, labels, probes, and a click on a
// machine in the 3D view.
#include "site_view.h"

#include <utility>

#include <imgui.h>

#include "connection_watch.h"
#include "live_feed.h"
#include "state_palette.h"
#include "value_format.h"

namespace gt::twin {
namespace {

// The equipment under a left click in the 3D view, or nullptr. A click is a press and release
// that moved less than ImGui's drag threshold (a drag orbits the camera) and did not land on a
// panel or label window.
const BoundEquipment* clickedEquipment(const std::vector<BoundEquipment>& bound,
                                       const engine::Renderer& renderer) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsMouseReleased(ImGuiMouseButton_Left) || io.WantCaptureMouse) return nullptr;
  const float threshold = io.MouseDragThreshold;
  if (io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] > threshold * threshold) return nullptr;
  // ImGui's coordinates are window points; the renderer picks in framebuffer pixels.
  const glm::vec2 pixel{io.MousePos.x * io.DisplayFramebufferScale.x,
                        io.MousePos.y * io.DisplayFramebufferScale.y};
  const engine::NodeHandle node = renderer.pick(pixel);
  if (!node.valid()) return nullptr;
  // pick() returns the deepest named node, the one findNode gives for an equipment's node
  // name, so binding and picking agree by handle.
  for (const BoundEquipment& b : bound) {
    if (b.found() && b.node == node) return &b;
  }
  return nullptr;
}

}  // namespace

SiteView::SiteView(const SiteConfig& site, const TwinState& state, engine::Renderer& renderer,
                   std::string model_error)
    : site_(site), state_(state), renderer_(renderer), model_error_(std::move(model_error)) {
  bound_ = bindEquipment(site_, model_error_.empty() ? &renderer_ : nullptr);
  if (!model_error_.empty()) return;
  // Roofs hide the machines whose tints and labels are the point of the view.
  for (const std::string& name : site_.cutaway) {
    const engine::NodeHandle node = renderer_.findNode(name);
    if (node.valid()) {
      renderer_.setVisible(node, false);
    } else {
      missing_cutaways_.push_back(name);
    }
  }
}

void SiteView::prepareFrame() {
  snapshot_ = state_.snapshot();
  statuses_.clear();
  statuses_.reserve(bound_.size());
  for (const BoundEquipment& bound : bound_) {
    statuses_.push_back(equipmentStatus(site_, *bound.equipment, snapshot_));
  }
  renderer_.clearTints();
  for (size_t i = 0; i < bound_.size(); ++i) {
    if (!bound_[i].found()) continue;
    if (auto tint = tintFor(statuses_[i].state)) {
      renderer_.setTint(bound_[i].node, glm::vec3(*tint), tint->a);
    }
  }
}

PanelCommands SiteView::drawUi(Language language) {
  const ScreenRect panel = sidePanelRect(renderer_.viewportSize());
  SitePanelInput in;
  in.site = &site_;
  in.equipment = &bound_;
  in.statuses = &statuses_;
  in.snapshot = &snapshot_;
  in.connection =
      connectionState(snapshot_.listening_since_ms, snapshot_.last_heartbeat_ms, monotonicMs());
  in.language = language;
  in.now_utc = nowUtcMs();
  in.model_error = model_error_;
  in.rect = panel;
  PanelCommands commands = drawSitePanel(in);
  if (!commands.fly_to && model_error_.empty()) {
    if (const BoundEquipment* clicked = clickedEquipment(bound_, renderer_))
      commands.fly_to = clicked->bounds;
  }

  std::vector<LabelContent> labels(bound_.size());
  for (size_t i = 0; i < bound_.size(); ++i) {
    const Equipment& e = *bound_[i].equipment;
    labels[i] = {&bound_[i], statuses_[i].state, language == Language::Zh ? e.name_zh : e.name_en,
                 displayedValue(statuses_[i], language)};
  }
  drawn_ = drawEquipmentLabels(labels, currentProjection(renderer_), {panel});
  drawn_language_ = language;
  return commands;
}

std::vector<EquipmentProbe> SiteView::probes() const {
  std::vector<EquipmentProbe> out;
  out.reserve(bound_.size());
  for (size_t i = 0; i < bound_.size(); ++i) {
    EquipmentProbe probe;
    probe.id = bound_[i].equipment->id;
    probe.node_found = bound_[i].found();
    if (i < statuses_.size()) {
      probe.state = equipmentStateName(statuses_[i].state);
      probe.value = displayedValue(statuses_[i], drawn_language_);
      probe.tint = tintFor(statuses_[i].state);
    }
    if (i < drawn_.size()) {
      probe.screen_center = drawn_[i].screen_center;
      probe.label = drawn_[i].box;
      probe.compact = drawn_[i].compact;
    }
    out.push_back(std::move(probe));
  }
  return out;
}

std::vector<std::string> SiteView::texts() const {
  std::vector<std::string> out{site_.name_zh, site_.name_en, std::string(kNoValue)};
  for (const Area& area : site_.areas) {
    out.push_back(area.name_zh);
    out.push_back(area.name_en);
  }
  for (const Equipment& e : site_.equipment) {
    out.push_back(e.id);
    out.push_back(e.name_zh);
    out.push_back(e.name_en);
    out.push_back(e.node);
  }
  for (const Meter& meter : site_.meters) {
    if (meter.tmpl == nullptr) continue;
    for (const RegisterPoint& point : meter.tmpl->points)
      out.push_back(displayUnit(point.canonical));
  }
  return out;
}

}  // namespace gt::twin
