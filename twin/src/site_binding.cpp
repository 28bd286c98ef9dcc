// Looks every equipment's node up once, after the model has loaded.
#include "site_binding.h"

namespace gt::twin {

std::vector<BoundEquipment> bindEquipment(const SiteConfig& site,
                                          const engine::Renderer* renderer) {
  std::vector<BoundEquipment> bound;
  bound.reserve(site.equipment.size());
  for (const Equipment& equipment : site.equipment) {
    BoundEquipment entry;
    entry.equipment = &equipment;
    if (renderer != nullptr) {
      entry.node = renderer->findNode(equipment.node);
      if (entry.node.valid()) entry.bounds = renderer->nodeBounds(entry.node);
    }
    bound.push_back(entry);
  }
  return bound;
}

engine::Bounds equipmentBounds(const std::vector<BoundEquipment>& equipment) {
  engine::Bounds all;
  for (const BoundEquipment& entry : equipment) {
    if (entry.found()) all.extend(entry.bounds);
  }
  return all;
}

glm::vec3 labelAnchor(const engine::Bounds& bounds) {
  const glm::vec3 center = bounds.center();
  return {center.x, bounds.max.y, center.z};
}

}  // namespace gt::twin
