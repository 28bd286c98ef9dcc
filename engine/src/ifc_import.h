// IFC4 import through IFC++ (ifcplusplus): Assimp 5.2 reads IFC2X3 but crashes on IFC4's own
// geometry (IfcTriangulatedFaceSet), so IFC4 files go to greentwin-import-ifc, which links only
// this and runs as its own process like greentwin-import-cad. This header names no IFC++ type.
#pragma once

#include <filesystem>

#include "model_data.h"
#include "model_format.h"
#include "model_loader.h"

namespace gt::engine {

// Reads an IFC4 (or IFC4X*) `file` into ModelData: metres (the file's IfcSIUnit length unit
// and prefix applied), Y up (IFC's Z up turned at the root), one node per spatial element and
// product in the spatial tree (Project > Site > Building > Storey > element) named by its Name,
// else its GlobalId; surface style colours where the file has them, else a colour per element
// type (walls light grey, slabs grey, windows translucent blue glass). IfcSpace volumes keep
// their node but draw nothing (they would hide the room's contents). `format` must be Ifc.
// Throws std::runtime_error starting with the file path: truncated (no END-ISO-10303-21),
// nothing readable, or no surfaces to draw (with IFC++'s first error when it gave one).
ModelData loadIfcModel(const std::filesystem::path& file, ModelFormat format,
                       const LoadProgress& progress = {});

}  // namespace gt::engine
