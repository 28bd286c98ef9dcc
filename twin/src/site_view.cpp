// One frame of the live site: state copy, tints, panel, labels, probes, and a click on a
// machine in the 3D view.
#include "site_view.h"

#include <algorithm>
#include <utility>

#include <imgui.h>

#include "connection_watch.h"
#include "flow_legend.h"
#include "live_feed.h"
#include "sankey_panel.h"
#include "state_palette.h"
#include "value_format.h"

namespace gt::twin {
namespace {

// Selection and hover outlines: cyan reads on concrete, steel and sky alike and is far from
// the alarm red and the offline grey of the tints.
const glm::vec3 kSelectedColour{0.f, 0.85f, 1.f};
const glm::vec3 kHoveredColour{0.75f, 0.95f, 1.f};
// An area hovered in the Sankey: the panel's focus colour, so the eye links the two.
const glm::vec3 kSankeyAreaColour{0.f, 0.85f, 1.f};
// Roofs in X-ray: enough to keep the building's shape, little enough to read the machines.
constexpr float kCutawayXrayOpacity = 0.18f;
// Long enough to see where one is going across a 200 m site, short enough not to wait.
constexpr double kViewpointFlightSeconds = 1.5;

// The equipment under the mouse in the 3D view, when it is not over a panel or label.
std::optional<size_t> hoveredEquipment(const std::vector<BoundEquipment>& bound,
                                       const engine::Renderer& renderer) {
  const ImGuiIO& io = ImGui::GetIO();
  // Hover is every frame: never wait for the picking hierarchy of a model still settling in.
  if (io.WantCaptureMouse || !ImGui::IsMousePosValid() || !renderer.pickingReady())
    return std::nullopt;
  const glm::vec2 pixel{io.MousePos.x * io.DisplayFramebufferScale.x,
                        io.MousePos.y * io.DisplayFramebufferScale.y};
  const engine::NodeHandle node = renderer.pick(pixel);
  if (!node.valid()) return std::nullopt;
  for (size_t i = 0; i < bound.size(); ++i) {
    if (bound[i].found() && bound[i].node == node) return i;
  }
  return std::nullopt;
}

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
  if (!site_.flows.empty()) flows_.emplace(site_, renderer_);
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

void SiteView::prepareFrame(double flow_seconds) {
  snapshot_ = state_.snapshot();
  if (flows_) {
    const std::string selected_node =
        selected_ && *selected_ < bound_.size() ? bound_[*selected_].equipment->node : "";
    flows_->update(snapshot_, nowUtcMs(), flow_seconds, selected_node, xray_);
  }
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
  renderer_.clearOutlines();
  // The linked Sankey: the area under the mouse there lights up here.
  for (const BoundEquipment& b : bound_) {
    if (sankey_area_.empty() || !b.found() || b.equipment->area != sankey_area_) continue;
    renderer_.setTint(b.node, kSankeyAreaColour, 0.55f);
    renderer_.setOutline(b.node, kSankeyAreaColour);
  }
  if (hovered_ && *hovered_ < bound_.size() && hovered_ != selected_)
    renderer_.setOutline(bound_[*hovered_].node, kHoveredColour);
  if (selected_ && *selected_ < bound_.size())
    renderer_.setOutline(bound_[*selected_].node, kSelectedColour);
}

bool SiteView::select(std::string_view equipment_id) {
  for (size_t i = 0; i < bound_.size(); ++i) {
    if (bound_[i].equipment->id == equipment_id && bound_[i].found()) {
      selected_ = i;
      return true;
    }
  }
  return false;
}

void SiteView::setXray(bool on) {
  xray_ = on;
  if (!model_error_.empty()) return;
  for (const std::string& name : site_.cutaway) {
    const engine::NodeHandle node = renderer_.findNode(name);
    renderer_.setVisible(node, on);
    renderer_.setXray(node, on ? kCutawayXrayOpacity : 0.f);
  }
}

bool SiteView::showViewpoint(std::string_view id, double seconds) {
  for (const SiteViewpoint& v : site_.viewpoints) {
    if (v.id != id) continue;
    // A viewpoint is an overview or an inspection spot: orbit around what it looks at.
    renderer_.setCameraMode(engine::CameraMode::Orbit);
    const auto vec = [](const std::array<double, 3>& a) {
      return glm::vec3(static_cast<float>(a[0]), static_cast<float>(a[1]),
                       static_cast<float>(a[2]));
    };
    renderer_.flyTo(engine::Viewpoint{vec(v.eye), vec(v.target)}, seconds);
    return true;
  }
  return false;
}

void SiteView::setGrid(bool on) {
  grid_ = on;
  renderer_.setGridVisible(on);
}

void SiteView::setFlows(bool on) {
  if (flows_) flows_->setVisible(on);
}

std::vector<std::string> SiteView::flowProblems() const {
  return flows_ ? flows_->problems() : std::vector<std::string>{};
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
  in.selected = selected_;
  in.can_xray = !site_.cutaway.empty() && missing_cutaways_.size() < site_.cutaway.size();
  in.xray = xray_;
  in.grid = grid_;
  in.can_flows = flows_.has_value();
  in.flows = flows_ && flows_->visible();
  in.camera_mode = renderer_.cameraMode();
  PanelCommands commands = drawSitePanel(in);
  if (commands.camera_mode) renderer_.setCameraMode(*commands.camera_mode);
  if (!ImGui::GetIO().WantCaptureKeyboard) {
    for (size_t i = 0; i < std::min<size_t>(9, site_.viewpoints.size()); ++i) {
      // ImGui 1.86 indexes keys by the backend's codes; GLFW's digit keys are their ASCII.
      if (ImGui::IsKeyPressed('1' + static_cast<int>(i), false)) commands.viewpoint = i;
    }
  }
  if (commands.viewpoint && *commands.viewpoint < site_.viewpoints.size())
    showViewpoint(site_.viewpoints[*commands.viewpoint].id, kViewpointFlightSeconds);
  if (commands.select) selected_ = commands.select;
  if (commands.xray) setXray(*commands.xray);
  if (commands.grid) setGrid(*commands.grid);
  if (commands.flows) setFlows(*commands.flows);
  if (commands.sankey) sankey_ = *commands.sankey;
  if (!ImGui::GetIO().WantCaptureKeyboard && ImGui::IsKeyPressed('B', false)) sankey_ = !sankey_;
  std::vector<ScreenRect> label_obstacles{panel};
  std::optional<ScreenRect> sankey_rect;
  sankey_area_.clear();
  if (sankey_) {
    SankeyPanelInput sankey;
    sankey.balance = snapshot_.balance ? &*snapshot_.balance : nullptr;
    sankey.language = language;
    sankey.rect = sankeyPanelRect(renderer_.viewportSize(), panel);
    sankey.month_to_date = sankey_month_;
    // The link the other way: a machine under the mouse in 3D picks out its area's ribbons.
    if (hovered_ && *hovered_ < bound_.size())
      sankey.highlighted_area = bound_[*hovered_].equipment->area;
    const SankeyPanelCommands done = drawSankeyPanel(sankey);
    if (done.month_to_date) sankey_month_ = *done.month_to_date;
    if (done.close) sankey_ = false;
    sankey_area_ = done.hovered_area;
    label_obstacles.push_back(sankey.rect);
    sankey_rect = sankey.rect;
  }
  if (!commands.fly_to && model_error_.empty()) {
    if (const BoundEquipment* clicked = clickedEquipment(bound_, renderer_)) {
      commands.fly_to = clicked->bounds;
      selected_ = static_cast<size_t>(clicked - bound_.data());
    }
  }
  if (model_error_.empty()) hovered_ = hoveredEquipment(bound_, renderer_);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
      !ImGui::GetIO().WantCaptureKeyboard)
    selected_.reset();

  std::vector<LabelContent> labels(bound_.size());
  for (size_t i = 0; i < bound_.size(); ++i) {
    const Equipment& e = *bound_[i].equipment;
    labels[i] = {&bound_[i], statuses_[i].state, language == Language::Zh ? e.name_zh : e.name_en,
                 displayedValue(statuses_[i], language)};
  }
  drawn_ = drawEquipmentLabels(labels, currentProjection(renderer_), label_obstacles);
  if (flows_ && flows_->visible()) {
    // Above the Sankey when it is open: its bottom-right corner is the legend's usual place.
    glm::ivec2 legend_corner = renderer_.viewportSize();
    if (sankey_rect) legend_corner.y = static_cast<int>(sankey_rect->min.y);
    drawFlowLegend(site_, flows_->anyGrey(), language, legend_corner);
  }
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
  for (const SiteViewpoint& v : site_.viewpoints) {
    out.push_back(v.name_zh);
    out.push_back(v.name_en);
  }
  for (const Equipment& e : site_.equipment) {
    out.push_back(e.id);
    out.push_back(e.name_zh);
    out.push_back(e.name_en);
    out.push_back(e.node);
  }
  if (snapshot_.balance) {
    for (std::string& text : sankeyTexts(*snapshot_.balance)) out.push_back(std::move(text));
  }
  for (const Meter& meter : site_.meters) {
    if (meter.tmpl == nullptr) continue;
    for (const RegisterPoint& point : meter.tmpl->points)
      out.push_back(displayUnit(point.canonical));
  }
  return out;
}

}  // namespace gt::twin
