// Serialises a Scene as glTF 2.0 binary (GLB): a 12-byte header, a JSON chunk and a BIN
// chunk (glTF 2.0 §4.4). The output depends only on the scene, so the same scene always
// gives the same bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "scene.h"

namespace gt::factorygen {

// Every primitive becomes POSITION and NORMAL (float VEC3) and uint32 indices, each in its
// own buffer view. Throws std::length_error if the file would pass GLB's 4 GiB limit.
std::vector<uint8_t> encodeGlb(const Scene& scene);

// Writes the bytes to `file`, creating its folder if needed. Throws std::runtime_error
// naming the file and the reason.
void writeFileBytes(const std::filesystem::path& file, const std::vector<uint8_t>& bytes);

}  // namespace gt::factorygen
