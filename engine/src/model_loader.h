// Loads a model file through Assimp into ModelData (CPU only).
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model_data.h"
#include "model_format.h"

namespace gt::engine {

// Told how far an import has got: `fraction` 0..1, rising; `stage` a few words ("reading the
// file"). Called on the importing thread, a few dozen times per model at most.
using LoadProgress = std::function<void(float fraction, std::string_view stage)>;

// Reads `file` after telling its real format from its first bytes (model_format.h): content
// that disagrees with the extension is read as what it is, and that is written to stderr and,
// when `notes` is given, appended to it.
// Throws std::runtime_error whose message starts with the file path and gives one reason: not
// found, a folder, empty, an unknown format, a STEP/IGES problem (cad_import.h), a glTF feature
// Assimp 5.2 cannot read (Draco, meshopt, a missing .bin, a truncated GLB; a missing image only
// warns, see texture_import.h), Assimp's own error, or no triangles.
// `progress`, when given, hears each stage of the import.
// STEP and IGES go to `cad` (cad_import.h's loadCadModel). Open CASCADE is linked only into
// greentwin-import-cad and the tests: its 70-odd shared libraries would add about half a
// second to every glTF import. Without `cad` a STEP/IGES file throws CadImporterNeeded.
using CadModelLoader = ModelData (*)(const std::filesystem::path&, ModelFormat,
                                     const LoadProgress&);
// IFC4 files go to `ifc` likewise (ifc_import.h's loadIfcModel, linked only into
// greentwin-import-ifc); without it they throw IfcImporterNeeded (model_format.h's
// readsWithIfcpp says which files; a build without IFC++ refuses IFC4 with a reason instead).
ModelData loadModelData(const std::filesystem::path& file,
                        std::vector<std::string>* notes = nullptr,
                        const LoadProgress& progress = {}, CadModelLoader cad = nullptr,
                        CadModelLoader ifc = nullptr);

// A STEP or IGES file reached a loader without Open CASCADE; greentwin-import hands the file to
// greentwin-import-cad when it catches this.
class CadImporterNeeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An IFC4 file reached a loader without IFC++; greentwin-import hands it to
// greentwin-import-ifc when it catches this.
class IfcImporterNeeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace gt::engine
