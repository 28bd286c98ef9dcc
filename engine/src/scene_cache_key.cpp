// What a scene cache entry is keyed by and where entries live: the XXH3-128 of the source and
// of the files it refers to, the importer's version, and the cache folder.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <assimp/version.h>
#include <xxhash.h>
// Only OCCT's version macros: nothing of it is linked here (greentwin-import-cad reads CAD).
#include <Standard_Version.hxx>

#include "greentwin/scoped_fd.h"
#include "model_format.h"
#include "scene_cache.h"

namespace gt::engine {
namespace {

constexpr size_t kHashChunk = 1 << 20;

std::string percentDecode(std::string_view uri) {
  std::string out;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      char hex[3] = {uri[i + 1], uri[i + 2], 0};
      char* end = nullptr;
      const long value = std::strtol(hex, &end, 16);
      if (end == hex + 2) {
        out += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    out += uri[i];
  }
  return out;
}

// The "uri" strings of a glTF JSON text. A plain scan, not a parser: a URI that is missed only
// means an edit of that file is not noticed, and model_format.h rejects malformed JSON anyway.
std::vector<std::string> gltfUris(std::string_view json) {
  std::vector<std::string> out;
  for (size_t at = json.find("\"uri\""); at != std::string_view::npos;
       at = json.find("\"uri\"", at + 5)) {
    size_t p = at + 5;
    while (p < json.size() && (json[p] == ' ' || json[p] == '\t' || json[p] == '\n' ||
                               json[p] == '\r' || json[p] == ':'))
      ++p;
    if (p >= json.size() || json[p] != '"') continue;
    std::string value;
    for (++p; p < json.size() && json[p] != '"'; ++p) {
      if (json[p] == '\\' && p + 1 < json.size()) ++p;  // "\/" and "\"" as the plain character
      value += json[p];
    }
    if (!value.starts_with("data:")) out.push_back(percentDecode(value));
  }
  return out;
}

// The material libraries an OBJ names in its first bytes (exporters write mtllib at the top).
std::vector<std::string> objMaterialLibraries(std::string_view head) {
  std::vector<std::string> out;
  size_t line = 0;
  while (line < head.size()) {
    size_t end = head.find('\n', line);
    if (end == std::string_view::npos) end = head.size();
    std::string_view text = head.substr(line, end - line);
    if (text.starts_with("mtllib ")) {
      text.remove_prefix(7);
      while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
      out.emplace_back(text);
    }
    line = end + 1;
  }
  return out;
}

struct HashState {
  HashState() : state(XXH3_createState()) {
    if (!state) throw std::bad_alloc();
    XXH3_128bits_reset(state);
  }
  ~HashState() { XXH3_freeState(state); }
  HashState(const HashState&) = delete;
  HashState& operator=(const HashState&) = delete;
  void add(const void* data, size_t bytes) { XXH3_128bits_update(state, data, bytes); }
  XXH3_state_t* state;
};

// Size and modification time stand in for the bytes of referenced files: an edit changes them,
// and a large .bin is not read twice. A missing file hashes as missing (the import then fails).
void addReferencedFile(HashState& hash, const std::filesystem::path& folder,
                       const std::string& name) {
  hash.add(name.data(), name.size());
  struct stat st {};
  int64_t stamp[3] = {-1, 0, 0};
  if (::stat((folder / name).c_str(), &st) == 0)
    stamp[0] = st.st_size, stamp[1] = st.st_mtim.tv_sec, stamp[2] = st.st_mtim.tv_nsec;
  hash.add(stamp, sizeof stamp);
}

}  // namespace

std::string SceneCacheKey::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

SceneCacheKey sceneCacheKey(const std::filesystem::path& source) {
  ScopedFd fd(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw std::runtime_error(source.string() + ": cannot be opened for reading");
  HashState hash;
  std::vector<char> chunk(kHashChunk);
  std::string head;  // the first chunk, for finding referenced files
  uint64_t size = 0;
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw std::runtime_error(source.string() + ": read error (" + std::strerror(errno) + ")");
    if (n == 0) break;
    hash.add(chunk.data(), static_cast<size_t>(n));
    if (size == 0) head.assign(chunk.data(), static_cast<size_t>(n));
    size += static_cast<uint64_t>(n);
  }

  const auto bytes = std::span(reinterpret_cast<const uint8_t*>(head.data()), head.size());
  const ModelFormat format =
      detectModelFormat(bytes.first(std::min(bytes.size(), kModelSniffBytes)), size);
  const std::filesystem::path folder = source.parent_path();
  std::vector<std::string> references;
  if (format == ModelFormat::Gltf) {
    std::string json = head;
    if (size > head.size()) {  // a large .gltf: read it whole for its URIs
      json.resize(static_cast<size_t>(size));
      const ssize_t n = ::pread(fd.get(), json.data(), json.size(), 0);
      json.resize(n > 0 ? static_cast<size_t>(n) : 0);
    }
    references = gltfUris(json);
  } else if (format == ModelFormat::Glb && head.size() >= 20) {
    // A GLB may still name external files in its JSON chunk (rare, but legal).
    uint32_t json_bytes = 0;
    std::memcpy(&json_bytes, head.data() + 12, 4);
    std::string json(std::min<uint64_t>(json_bytes, size - 20), '\0');
    const ssize_t n = ::pread(fd.get(), json.data(), json.size(), 20);
    json.resize(n > 0 ? static_cast<size_t>(n) : 0);
    references = gltfUris(json);
  } else if (format == ModelFormat::Obj) {
    references = objMaterialLibraries(head);
  }
  for (const std::string& name : references) addReferencedFile(hash, folder, name);

  const XXH128_hash_t digest = XXH3_128bits_digest(hash.state);
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, digest);
  SceneCacheKey key;
  std::memcpy(key.bytes.data(), canonical.digest, key.bytes.size());
  return key;
}

std::string importerVersion() {
  std::string version =
      "assimp " + std::to_string(aiGetVersionMajor()) + "." + std::to_string(aiGetVersionMinor()) +
      "." + std::to_string(aiGetVersionPatch()) + " rev " + std::to_string(aiGetVersionRevision()) +
      " / loader " + std::to_string(kModelLoaderVersion) + " / occt " OCC_VERSION_COMPLETE;
#if GREENTWIN_HAVE_IFCPP
  // ifc_import.cpp's output; bump on changes. IFC++ (Debian 0~git20190402) has no version macro.
  version += " / ifc++ 1";
#endif
  return version;
}

std::filesystem::path defaultSceneCacheDir() {
  const auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value ? value : "";
  };
  if (const std::string dir = env("GREENTWIN_CACHE_DIR"); !dir.empty()) return dir;
  if (const std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty())
    return std::filesystem::path(xdg) / "greentwin" / "models";
  if (const std::string home = env("HOME"); !home.empty())
    return std::filesystem::path(home) / ".cache" / "greentwin" / "models";
  return {};
}

std::filesystem::path sceneCacheFile(const std::filesystem::path& dir, const SceneCacheKey& key) {
  return dir / (key.hex() + ".gtscene");
}

}  // namespace gt::engine
