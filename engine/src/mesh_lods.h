// Import-time mesh preparation with meshoptimizer: index order for the post-transform vertex
// cache and for overdraw, vertex order for fetch, and simplified levels of detail stored as
// extra index ranges of the same vertices (MeshRange::lods). Run once by the importer, so the
// scene cache holds the result and the viewer never redoes it.
#pragma once

#include "model_data.h"

namespace gt::engine {

// Fractions of the full index count the levels aim at, coarsest last.
inline constexpr float kLodIndexFractions[kMaxMeshLods] = {0.5f, 0.25f, 0.125f};
// The largest error a level may have, as a fraction of the mesh's extent: a level that needs
// more to reach its target is cut short there; the draw-time choice (lod_select.h) then only
// uses it where that error is under a pixel.
inline constexpr float kLodMaxRelativeError = 0.05f;

// Rewrites model.indices (and reorders vertices within each mesh's own range) so that every
// mesh's full-detail range draws the same triangles in a cache-friendly order, followed by
// its levels of detail. A level is dropped when simplification stalls (less than 10 % fewer
// indices than the level before). Meshes whose vertex ranges overlap another mesh's keep
// their vertex order. Draws, nodes and bounds are unchanged.
void optimizeMeshes(ModelData& model);

}  // namespace gt::engine
