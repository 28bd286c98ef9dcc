// The scene cache's file layout, its writer and its checked reader (the key lives in
// scene_cache_key.cpp). Layout, all little-endian:
//
//   header   magic "GTSCENE\x1a", u32 format version, u32 n + n bytes importer version,
//            16 bytes key, u64 payload bytes, u64 XXH3-64 of the payload
//   payload  u64 counts[7] (vertices, indices, materials, meshes, nodes, draws, name bytes),
//            Bounds, u64 triangles, u64 counts[3] (surfaces, textures, texel bytes), then the
//            blocks Vertex[], u32 index[], MeshRange[], DrawRecord[], MaterialRecord[],
//            NodeRecord[], u32 name length[materials + nodes + textures], name bytes,
//            VertexSurface[surfaces], TextureRecord[textures], texels (each texture's RGBA8
//            mip chain in turn, level 0 first)
//
// Big arrays are stored exactly as they sit in memory, so reading one is a single read() into
// the vector; only materials and nodes (hundreds to thousands) are packed one by one.
#include "scene_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include <xxhash.h>

#include "greentwin/scoped_fd.h"
#include "texture_decode.h"

namespace gt::engine {
namespace {

static_assert(std::endian::native == std::endian::little, "the cache is stored little-endian");
// Raw blocks must have no padding (it would be written as garbage) and a frozen size.
static_assert(std::is_trivially_copyable_v<Vertex> && sizeof(Vertex) == 24);
static_assert(std::is_trivially_copyable_v<MeshRange> && sizeof(MeshRange) == 80);
static_assert(std::is_trivially_copyable_v<DrawRecord> && sizeof(DrawRecord) == 100);
static_assert(std::is_trivially_copyable_v<Bounds> && sizeof(Bounds) == 24);
static_assert(std::is_trivially_copyable_v<VertexSurface> && sizeof(VertexSurface) == 24);

constexpr char kMagic[8] = {'G', 'T', 'S', 'C', 'E', 'N', 'E', '\x1a'};
constexpr uint32_t kMaxVersionBytes = 256;

struct MaterialRecord {
  glm::vec4 base_colour;
  float metallic, roughness;
  uint32_t blend;
  uint32_t mask;
  float alpha_cutoff;
  glm::vec3 emissive;
  float normal_scale, occlusion_strength;
  int32_t textures[kTextureSlots];
};
static_assert(sizeof(MaterialRecord) == 76);

// A texture's pixels are in the texel block; its size follows from these.
struct TextureRecord {
  uint32_t width, height, levels, srgb;
};
static_assert(sizeof(TextureRecord) == 16);

// Larger sides are a corrupt entry (the importer keeps at most kMaxTextureSide).
constexpr uint32_t kMaxStoredTextureSide = 16384;

struct NodeRecord {
  int32_t parent;
  uint32_t subtree_end;
  glm::mat4 world;
  Bounds world_bounds;
  uint32_t triangles;
};
static_assert(sizeof(NodeRecord) == 100);

struct PayloadHead {
  uint64_t vertices, indices, materials, meshes, nodes, draws, name_bytes;
  Bounds bounds;
  uint64_t triangles;
  uint64_t surfaces, textures, texel_bytes;
};
static_assert(sizeof(PayloadHead) == 7 * 8 + 24 + 8 + 3 * 8);

// Appends to a file and to the payload checksum; remembers the first error.
class BlockWriter {
 public:
  explicit BlockWriter(int fd) : fd_(fd), state_(XXH3_createState()) {
    if (!state_) throw std::bad_alloc();
    XXH3_64bits_reset(state_);
  }
  ~BlockWriter() { XXH3_freeState(state_); }
  BlockWriter(const BlockWriter&) = delete;
  BlockWriter& operator=(const BlockWriter&) = delete;

  void raw(const void* data, size_t bytes) {
    const char* p = static_cast<const char*>(data);
    while (bytes > 0 && ok_) {
      const ssize_t n = ::write(fd_, p, bytes);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok_ = false;
        error_ = std::strerror(errno);
        return;
      }
      p += n;
      bytes -= static_cast<size_t>(n);
    }
  }
  void payload(const void* data, size_t bytes) {
    XXH3_64bits_update(state_, data, bytes);
    raw(data, bytes);
  }
  template <typename T>
  void block(const std::vector<T>& items) {
    payload(items.data(), items.size() * sizeof(T));
  }
  uint64_t checksum() const { return XXH3_64bits_digest(state_); }
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }

 private:
  int fd_;
  XXH3_state_t* state_;
  bool ok_ = true;
  std::string error_;
};

// Reads from a file of known size and checks the payload checksum as it goes.
class BlockReader {
 public:
  BlockReader(int fd, uint64_t size) : fd_(fd), left_(size), state_(XXH3_createState()) {
    if (!state_) throw std::bad_alloc();
    XXH3_64bits_reset(state_);
  }
  ~BlockReader() { XXH3_freeState(state_); }
  BlockReader(const BlockReader&) = delete;
  BlockReader& operator=(const BlockReader&) = delete;

  uint64_t left() const { return left_; }
  bool raw(void* data, size_t bytes) {
    if (bytes > left_) return false;
    char* p = static_cast<char*>(data);
    size_t todo = bytes;
    while (todo > 0) {
      const ssize_t n = ::read(fd_, p, todo);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      p += n;
      todo -= static_cast<size_t>(n);
    }
    left_ -= bytes;
    return true;
  }
  bool payload(void* data, size_t bytes) {
    if (!raw(data, bytes)) return false;
    XXH3_64bits_update(state_, data, bytes);
    return true;
  }
  // Only called once the counts are known to fit in the file, so resize() is bounded.
  template <typename T>
  bool block(std::vector<T>& items, uint64_t count) {
    items.resize(static_cast<size_t>(count));
    return payload(items.data(), items.size() * sizeof(T));
  }
  uint64_t checksum() const { return XXH3_64bits_digest(state_); }

 private:
  int fd_;
  uint64_t left_;
  XXH3_state_t* state_;
};

SceneCacheResult damaged(const std::filesystem::path& file, const std::string& why) {
  SceneCacheResult out;
  out.miss = {SceneCacheMiss::Damaged, file.string() + ": damaged cache entry (" + why + ")"};
  return out;
}

// Bytes the payload needs for these counts, or nullopt when they overflow or exceed `limit`.
std::optional<uint64_t> payloadBytes(const PayloadHead& h, uint64_t limit) {
  const std::pair<uint64_t, uint64_t> blocks[] = {{h.vertices, sizeof(Vertex)},
                                                  {h.indices, sizeof(uint32_t)},
                                                  {h.meshes, sizeof(MeshRange)},
                                                  {h.draws, sizeof(DrawRecord)},
                                                  {h.materials, sizeof(MaterialRecord)},
                                                  {h.nodes, sizeof(NodeRecord)},
                                                  {h.materials, sizeof(uint32_t)},
                                                  {h.nodes, sizeof(uint32_t)},
                                                  {h.name_bytes, 1},
                                                  {h.textures, sizeof(uint32_t)},
                                                  {h.surfaces, sizeof(VertexSurface)},
                                                  {h.textures, sizeof(TextureRecord)},
                                                  {h.texel_bytes, 1}};
  uint64_t total = sizeof(PayloadHead);
  for (const auto& [count, size] : blocks) {
    if (count > limit / size) return std::nullopt;
    total += count * size;
    if (total > limit) return std::nullopt;
  }
  return total;
}

// The references inside the model point into its own arrays; the renderer and the picker
// index with them unchecked, so a file that breaks this must never get through.
std::optional<std::string> referenceProblem(const ModelData& m) {
  if (m.materials.empty() || m.draws.empty()) return "no materials or no draws";
  const uint64_t vertices = m.vertices.size();
  // One index range of a mesh (its full detail or a level of detail).
  const auto range_problem = [&](const MeshRange& mesh, uint32_t first,
                                 uint32_t count) -> std::optional<std::string> {
    if (uint64_t(first) + count > m.indices.size() || count % 3 != 0)
      return "a mesh points outside the arrays";
    uint32_t highest = 0;
    const uint32_t* index = m.indices.data() + first;
    for (uint32_t i = 0; i < count; ++i) highest = std::max(highest, index[i]);
    if (count > 0 && uint64_t(mesh.vertex_offset) + highest >= vertices)
      return "an index points past the vertices";
    return std::nullopt;
  };
  for (const MeshRange& mesh : m.meshes) {
    if (mesh.vertex_offset < 0 || uint64_t(mesh.vertex_offset) > vertices ||
        mesh.material >= m.materials.size() || mesh.lod_count > kMaxMeshLods)
      return "a mesh points outside the arrays";
    if (auto problem = range_problem(mesh, mesh.first_index, mesh.index_count)) return problem;
    for (uint32_t l = 0; l < mesh.lod_count; ++l)
      if (auto problem = range_problem(mesh, mesh.lods[l].first_index, mesh.lods[l].index_count))
        return problem;
  }
  const uint64_t nodes = m.nodes.size();
  for (uint64_t i = 0; i < nodes; ++i) {
    const SceneNode& node = m.nodes[i];
    if (node.parent >= static_cast<int64_t>(i) || node.parent < -1 || node.subtree_end <= i ||
        node.subtree_end > nodes)
      return "the node tree is inconsistent";
  }
  for (const DrawRecord& draw : m.draws) {
    if (draw.node >= nodes || draw.mesh >= m.meshes.size() || draw.material >= m.materials.size())
      return "a draw points outside the arrays";
  }
  if (!m.surfaces.empty() && m.surfaces.size() != m.vertices.size())
    return "the vertex surfaces do not match the vertices";
  for (const Material& material : m.materials) {
    if (material.textured() && m.surfaces.empty())
      return "a textured material without vertex surfaces";
    for (int32_t t : material.textures)
      if (t < -1 || t >= static_cast<int64_t>(m.textures.size()))
        return "a material points outside the textures";
  }
  return std::nullopt;
}

}  // namespace

void writeSceneCache(const std::filesystem::path& file, const ModelData& model,
                     const SceneCacheKey& key) {
  const std::filesystem::path dir = file.parent_path();
  std::error_code ec;
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec)
    throw std::runtime_error(dir.string() + ": cannot create the model cache folder (" +
                             ec.message() + ")");
  // Unique per process and call: two viewers caching the same model never share a temp file.
  static std::atomic<uint32_t> counter{0};
  const std::filesystem::path temp =
      file.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  ScopedFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd)
    throw std::runtime_error(temp.string() + ": cannot write the model cache (" +
                             std::strerror(errno) + ")");

  PayloadHead head{};
  head.vertices = model.vertices.size();
  head.indices = model.indices.size();
  head.materials = model.materials.size();
  head.meshes = model.meshes.size();
  head.nodes = model.nodes.size();
  head.draws = model.draws.size();
  head.bounds = model.bounds;
  head.triangles = model.triangles;
  std::vector<MaterialRecord> materials;
  std::vector<uint32_t> name_lengths;
  std::string names;
  for (const Material& m : model.materials) {
    MaterialRecord record{
        m.base_colour,  m.metallic, m.roughness,    m.blend ? 1u : 0u,    m.mask ? 1u : 0u,
        m.alpha_cutoff, m.emissive, m.normal_scale, m.occlusion_strength, {}};
    std::copy(std::begin(m.textures), std::end(m.textures), record.textures);
    materials.push_back(record);
    name_lengths.push_back(static_cast<uint32_t>(m.name.size()));
    names += m.name;
  }
  std::vector<NodeRecord> nodes;
  nodes.reserve(model.nodes.size());
  for (const SceneNode& n : model.nodes) {
    nodes.push_back({n.parent, n.subtree_end, n.world, n.world_bounds, n.triangles});
    name_lengths.push_back(static_cast<uint32_t>(n.name.size()));
    names += n.name;
  }
  std::vector<TextureRecord> textures;
  for (const TextureImage& t : model.textures) {
    textures.push_back({t.width, t.height, t.levels, t.srgb ? 1u : 0u});
    name_lengths.push_back(static_cast<uint32_t>(t.name.size()));
    names += t.name;
    head.texel_bytes += t.rgba.size();
  }
  head.name_bytes = names.size();
  head.surfaces = model.surfaces.size();
  head.textures = model.textures.size();

  const std::string version = importerVersion();
  const uint32_t version_bytes = static_cast<uint32_t>(version.size());
  BlockWriter out(fd.get());
  out.raw(kMagic, sizeof kMagic);
  out.raw(&kSceneCacheFormatVersion, sizeof kSceneCacheFormatVersion);
  out.raw(&version_bytes, sizeof version_bytes);
  out.raw(version.data(), version.size());
  out.raw(key.bytes.data(), key.bytes.size());
  const off_t sizes_at = static_cast<off_t>(sizeof kMagic + 8 + version.size() + 16);
  const uint64_t placeholder[2] = {0, 0};
  out.raw(placeholder, sizeof placeholder);

  out.payload(&head, sizeof head);
  out.block(model.vertices);
  out.block(model.indices);
  out.block(model.meshes);
  out.block(model.draws);
  out.block(materials);
  out.block(nodes);
  out.block(name_lengths);
  out.payload(names.data(), names.size());
  out.block(model.surfaces);
  out.block(textures);
  for (const TextureImage& t : model.textures) out.block(t.rgba);

  // The payload's size and checksum are known only now; they go into the header's slot.
  const uint64_t sizes[2] = {*payloadBytes(head, UINT64_MAX), out.checksum()};
  bool ok = out.ok() && ::pwrite(fd.get(), sizes, sizeof sizes, sizes_at) == sizeof sizes;
  const std::string error = out.ok() ? std::strerror(errno) : out.error();
  ok = ok && ::close(fd.get()) == 0;
  (void)fd.release();
  if (ok) ok = std::rename(temp.c_str(), file.c_str()) == 0;
  if (!ok) {
    std::filesystem::remove(temp, ec);
    throw std::runtime_error(file.string() + ": cannot write the model cache (" + error + ")");
  }
}

SceneCacheResult readSceneCache(const std::filesystem::path& file,
                                const std::optional<SceneCacheKey>& expected) {
  SceneCacheResult out;
  ScopedFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    out.miss = {SceneCacheMiss::Missing, file.string() + ": no cache entry yet"};
    return out;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return damaged(file, "not a file");
  BlockReader in(fd.get(), static_cast<uint64_t>(st.st_size));

  char magic[sizeof kMagic];
  uint32_t format = 0, version_bytes = 0;
  if (!in.raw(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return damaged(file, "not a GreenTwin scene cache");
  if (!in.raw(&format, sizeof format) || !in.raw(&version_bytes, sizeof version_bytes) ||
      version_bytes > kMaxVersionBytes)
    return damaged(file, "header cut short");
  std::string version(version_bytes, '\0');
  SceneCacheKey key;
  uint64_t sizes[2] = {};  // payload bytes, checksum
  if (!in.raw(version.data(), version.size()) || !in.raw(key.bytes.data(), key.bytes.size()) ||
      !in.raw(sizes, sizeof sizes))
    return damaged(file, "header cut short");
  if (format != kSceneCacheFormatVersion || version != importerVersion()) {
    out.miss = {SceneCacheMiss::Stale, file.string() + ": cache entry from another importer (" +
                                           version + ", format " + std::to_string(format) + ")"};
    return out;
  }
  if (expected && key != *expected) {
    out.miss = {SceneCacheMiss::Stale, file.string() + ": cache entry of another model"};
    return out;
  }
  if (sizes[0] != in.left()) return damaged(file, "its size does not match its header");

  PayloadHead head{};
  if (!in.payload(&head, sizeof head)) return damaged(file, "cut short");
  const std::optional<uint64_t> needed = payloadBytes(head, sizes[0]);
  if (!needed || *needed != sizes[0]) return damaged(file, "counts do not match its size");

  ModelData model;
  model.bounds = head.bounds;
  model.triangles = head.triangles;
  std::vector<MaterialRecord> materials;
  std::vector<NodeRecord> nodes;
  std::vector<TextureRecord> textures;
  std::vector<uint32_t> name_lengths;
  std::string names(static_cast<size_t>(head.name_bytes), '\0');
  if (!in.block(model.vertices, head.vertices) || !in.block(model.indices, head.indices) ||
      !in.block(model.meshes, head.meshes) || !in.block(model.draws, head.draws) ||
      !in.block(materials, head.materials) || !in.block(nodes, head.nodes) ||
      !in.block(name_lengths, head.materials + head.nodes + head.textures) ||
      !in.payload(names.data(), names.size()) || !in.block(model.surfaces, head.surfaces) ||
      !in.block(textures, head.textures))
    return damaged(file, "cut short");
  // Each texture's chain size comes from its record; together they must fill the texel block
  // exactly, which also bounds every allocation below by the file's size.
  uint64_t texels = 0;
  for (const TextureRecord& t : textures) {
    if (t.width == 0 || t.height == 0 || t.width > kMaxStoredTextureSide ||
        t.height > kMaxStoredTextureSide || t.levels != mipLevelCount(t.width, t.height) ||
        t.srgb > 1)
      return damaged(file, "a texture has an impossible size");
    texels += mipChainBytes(t.width, t.height, t.levels);
  }
  if (texels != head.texel_bytes) return damaged(file, "texture sizes do not add up");
  model.textures.resize(textures.size());
  for (size_t i = 0; i < textures.size(); ++i) {
    TextureImage& t = model.textures[i];
    t.width = textures[i].width;
    t.height = textures[i].height;
    t.levels = textures[i].levels;
    t.srgb = textures[i].srgb != 0;
    if (!in.block(t.rgba, mipChainBytes(t.width, t.height, t.levels)))
      return damaged(file, "cut short");
  }
  if (in.checksum() != sizes[1]) return damaged(file, "checksum mismatch");

  uint64_t name_at = 0;
  auto nextName = [&](size_t i, std::string& name) {
    if (name_lengths[i] > names.size() - name_at) return false;
    name.assign(names, static_cast<size_t>(name_at), name_lengths[i]);
    name_at += name_lengths[i];
    return true;
  };
  model.materials.resize(materials.size());
  for (size_t i = 0; i < materials.size(); ++i) {
    Material& m = model.materials[i];
    m.base_colour = materials[i].base_colour;
    m.metallic = materials[i].metallic;
    m.roughness = materials[i].roughness;
    m.blend = materials[i].blend != 0;
    m.mask = materials[i].mask != 0;
    m.alpha_cutoff = materials[i].alpha_cutoff;
    m.emissive = materials[i].emissive;
    m.normal_scale = materials[i].normal_scale;
    m.occlusion_strength = materials[i].occlusion_strength;
    std::copy(std::begin(materials[i].textures), std::end(materials[i].textures), m.textures);
    if (!nextName(i, m.name)) return damaged(file, "names cut short");
  }
  model.nodes.resize(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    SceneNode& n = model.nodes[i];
    n.parent = nodes[i].parent;
    n.subtree_end = nodes[i].subtree_end;
    n.world = nodes[i].world;
    n.world_bounds = nodes[i].world_bounds;
    n.triangles = nodes[i].triangles;
    if (!nextName(materials.size() + i, n.name)) return damaged(file, "names cut short");
  }
  for (size_t i = 0; i < model.textures.size(); ++i)
    if (!nextName(materials.size() + nodes.size() + i, model.textures[i].name))
      return damaged(file, "names cut short");
  if (name_at != names.size()) return damaged(file, "names do not add up");
  if (const std::optional<std::string> problem = referenceProblem(model))
    return damaged(file, *problem);
  out.model = std::move(model);
  return out;
}

}  // namespace gt::engine
