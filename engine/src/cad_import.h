// STEP and IGES import through Open CASCADE: the B-rep is tessellated here, once, into the
// same ModelData the Assimp formats produce. Only greentwin_model_import compiles this (it runs
// in the greentwin-import process), so OCCT's headers and any crash inside OCCT stay out of the
// viewer. This header names no OCCT type.
#pragma once

#include <filesystem>

#include "model_data.h"
#include "model_format.h"
#include "model_loader.h"

namespace gt::engine {

// Chordal tolerance for tessellating a model whose bounding-box diagonal is `diagonal_mm`
// millimetres: 1/1000 of the diagonal, kept within [0.01 mm, 5 mm] so that a screw is not a
// polygon soup of a million triangles and a 50 m line is not a set of crude boxes. Millimetres.
double cadLinearDeflectionMm(double diagonal_mm);

// Angle between neighbouring facet normals along a curved surface, radians: about 13 segments
// per full circle at worst, whatever the size.
inline constexpr double kCadAngularDeflection = 0.5;

// Reads a STEP (AP203/AP214/AP242) or IGES `file` (`format` Step or Iges, as detected by
// model_format.h) into ModelData: metres, Y up (CAD's Z up is turned into Y up at the root
// node), one node per assembly instance named after the instance or its part, part colours as
// materials, and one mesh per distinct part shape however often it is placed (one draw each).
// `progress`, when given, hears the stages. Throws std::runtime_error starting with the file
// path: cannot be parsed, transfer failed, no shapes, no surfaces to draw, or OCCT's exception.
ModelData loadCadModel(const std::filesystem::path& file, ModelFormat format,
                       const LoadProgress& progress = {});

}  // namespace gt::engine
