// Binding site equipment to nodes of the loaded 3D model, by the equipment's `node` name.
// Equipment the model lacks stays in the list, unbound, so the panel can say so.
#pragma once

#include <vector>

#include "engine/renderer.h"
#include "greentwin/site_config.h"

namespace gt::twin {

struct BoundEquipment {
  const Equipment* equipment = nullptr;  // points into the SiteConfig, which outlives this
  engine::NodeHandle node;               // invalid when the model has no such node
  engine::Bounds bounds;                 // world bounds of the node and its children
  bool found() const { return node.valid(); }
};

// One entry per site equipment, in site order. With no model loaded, none is found.
std::vector<BoundEquipment> bindEquipment(const SiteConfig& site, const engine::Renderer* renderer);

// The union of the found equipment's bounds (empty when none was found): the part of a site
// the opening view frames.
engine::Bounds equipmentBounds(const std::vector<BoundEquipment>& equipment);

// The label's anchor: the top centre of the node's world bounds, where a label above the
// machine does not hide it.
glm::vec3 labelAnchor(const engine::Bounds& bounds);

}  // namespace gt::twin
