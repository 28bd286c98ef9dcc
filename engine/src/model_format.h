// What a model file really is, told from its first bytes rather than its extension, and the
// glTF features Assimp 5.2 cannot read, found before Assimp is asked (so the user gets one
// clear reason instead of Assimp's parser error). CPU only; no Assimp types.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gt::engine {

enum class ModelFormat {
  Unknown,
  Gltf,  // glTF 2.0 JSON
  Glb,   // binary glTF
  StlBinary,
  StlAscii,
  Obj,
  Ply,
  FbxBinary,
  FbxAscii,
  Collada,
  Ifc,   // ISO 10303-21 carrying an IFC schema
  Step,  // ISO 10303-21 of any other schema (AP203/AP214/AP242)
  Iges,
};

// Bytes detectModelFormat wants to see: enough for the text formats' first lines and the
// glTF "asset" key, which exporters write near the top.
inline constexpr size_t kModelSniffBytes = 64 * 1024;

// The format of a file whose first bytes are `head` (up to kModelSniffBytes) and whose full
// size is `file_size` bytes (binary STL is recognised by its triangle count matching the size).
// Returns Unknown when nothing matches; never throws.
ModelFormat detectModelFormat(std::span<const uint8_t> head, uint64_t file_size);

// The format the extension suggests (case-insensitive), or Unknown.
ModelFormat formatFromExtension(const std::filesystem::path& file);

// "OBJ", "binary STL", ... for messages.
const char* formatName(ModelFormat format);

// The extension (without the dot) under which Assimp picks the right importer, or "" for
// formats Assimp does not read (STEP, IGES, Unknown).
const char* assimpExtension(ModelFormat format);

// True when `a` and `b` go through the same Assimp importer (binary and ASCII STL do).
bool sameImporter(ModelFormat a, ModelFormat b);

// Checks a glTF (JSON) or GLB file for what Assimp 5.2 cannot do: required Draco or meshopt
// compression, external buffer or image files missing next to it, a GLB shorter than its
// header says, malformed JSON. Returns the reason (without the file name), or nullopt when
// Assimp may be asked. `file` locates relative URIs; `bytes` is the whole file for glTF, or at
// least the GLB header and JSON chunk for GLB; `file_size` is the size on disk.
std::optional<std::string> gltfProblem(const std::filesystem::path& file,
                                       std::span<const uint8_t> bytes, uint64_t file_size,
                                       ModelFormat format);

// A glTF URI with its %XX escapes decoded (glTF 2.0 §2.8: "my%20image.png" names
// "my image.png"); malformed escapes are kept as they are.
std::string percentDecode(std::string_view uri);

// The schema an IFC file names in FILE_SCHEMA (`head`, its first bytes), upper case ("IFC2X3",
// "IFC4", "IFC4X3_ADD2"), or "" when there is none to read.
std::string ifcSchema(std::span<const uint8_t> head);

// True when this build reads IFC4 through IFC++ (greentwin-import-ifc); false when it was built
// without libifcplusplus-dev, and IFC4 is refused (ifcProblem).
bool ifc4Supported();

// True for an IFC file of schema IFC4 or later when ifc4Supported(): Assimp 5.2 reads IFC2X3
// but crashes on IFC4's own entities (IfcTriangulatedFaceSet, styles without a presentation
// style assignment), so those files go to the IFC++ importer (ifc_import.h) instead.
bool readsWithIfcpp(std::span<const uint8_t> head, ModelFormat format);

// Checks an IFC file's schema: in a build without IFC++, IFC4 and later are refused with what
// to do. Returns the reason (without the file name), or nullopt for IFC2X3, for IFC4 when
// IFC++ reads it, and for other formats.
std::optional<std::string> ifcProblem(std::span<const uint8_t> head, ModelFormat format);

}  // namespace gt::engine
