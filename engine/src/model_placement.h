// Several models in one scene (site.toml's [[model]]): each is placed by its transform under a
// root node named by its id, and all are merged into one ModelData, so the renderer, picking and
// the twin see one node tree. Node names become "<id>/<name>", unique across models, which is
// what equipment bindings and cutaway lists name. CPU only.
#pragma once

#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "model_data.h"

namespace gt::engine {

struct PlacedModel {
  std::string id;            // the root node's name; empty: the model as it is (no root, no prefix)
  glm::mat4 transform{1.f};  // model metres to scene metres
  ModelData data;
};

// Merges `models` in order. Each model's node world matrices, draw matrices and bounds are
// moved by its transform; mesh, material, node and index references are offset into the merged
// buffers. A single model with an empty id comes back unchanged. An empty list gives an empty
// ModelData. Asserts that ids are unique (the config rejects repeats).
ModelData mergePlacedModels(std::vector<PlacedModel> models);

// Scale, then rotations about X, Y and Z (degrees, in that order), then translation: how
// site.toml's [[model]] transform reads.
glm::mat4 placementTransform(const glm::vec3& translate_m, const glm::vec3& rotate_deg,
                             float scale);

}  // namespace gt::engine
