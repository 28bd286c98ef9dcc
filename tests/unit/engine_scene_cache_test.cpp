// The scene cache file: a round trip gives the same ModelData; the key follows the source's
// content and the files a glTF names; a stale, truncated, corrupt or foreign entry is a clean
// miss, never a crash. CPU only.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "../../engine/src/model_loader.h"
#include "../../engine/src/scene_cache.h"

namespace fs = std::filesystem;
using namespace gt::engine;
using Catch::Contains;

namespace {

fs::path scratchDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() /
                       ("greentwin-scene-cache-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Two named objects with two materials, one of them glass, so every array has content.
fs::path writeTwoBoxObj(const fs::path& dir) {
  std::ofstream(dir / "boxes.mtl") << "newmtl steel\nKd 0.5 0.5 0.55\n"
                                      "newmtl glass\nKd 0.7 0.8 0.9\nd 0.3\n";
  const fs::path file = dir / "boxes.obj";
  std::ofstream(file) << "mtllib boxes.mtl\n"
                         "o Pump\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nusemtl steel\nf 1 2 3 4\n"
                         "o Window\nv 0 0 2\nv 1 0 2\nv 1 1 2\nusemtl glass\nf 5 6 7\n";
  return file;
}

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

template <typename T>
bool sameBytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

void checkSame(const ModelData& a, const ModelData& b) {
  CHECK(sameBytes(a.vertices, b.vertices));
  CHECK(sameBytes(a.indices, b.indices));
  CHECK(sameBytes(a.meshes, b.meshes));
  CHECK(sameBytes(a.draws, b.draws));
  REQUIRE(a.materials.size() == b.materials.size());
  for (size_t i = 0; i < a.materials.size(); ++i) {
    CHECK(a.materials[i].name == b.materials[i].name);
    CHECK(a.materials[i].base_colour == b.materials[i].base_colour);
    CHECK(a.materials[i].metallic == b.materials[i].metallic);
    CHECK(a.materials[i].roughness == b.materials[i].roughness);
    CHECK(a.materials[i].blend == b.materials[i].blend);
    CHECK(a.materials[i].mask == b.materials[i].mask);
    CHECK(a.materials[i].alpha_cutoff == b.materials[i].alpha_cutoff);
    CHECK(a.materials[i].emissive == b.materials[i].emissive);
    CHECK(a.materials[i].normal_scale == b.materials[i].normal_scale);
    CHECK(a.materials[i].occlusion_strength == b.materials[i].occlusion_strength);
    for (uint32_t slot = 0; slot < kTextureSlots; ++slot)
      CHECK(a.materials[i].textures[slot] == b.materials[i].textures[slot]);
  }
  CHECK(sameBytes(a.surfaces, b.surfaces));
  REQUIRE(a.textures.size() == b.textures.size());
  for (size_t i = 0; i < a.textures.size(); ++i) {
    CHECK(a.textures[i].name == b.textures[i].name);
    CHECK(a.textures[i].width == b.textures[i].width);
    CHECK(a.textures[i].height == b.textures[i].height);
    CHECK(a.textures[i].levels == b.textures[i].levels);
    CHECK(a.textures[i].srgb == b.textures[i].srgb);
    CHECK(a.textures[i].rgba == b.textures[i].rgba);
  }
  REQUIRE(a.nodes.size() == b.nodes.size());
  for (size_t i = 0; i < a.nodes.size(); ++i) {
    CHECK(a.nodes[i].name == b.nodes[i].name);
    CHECK(a.nodes[i].parent == b.nodes[i].parent);
    CHECK(a.nodes[i].subtree_end == b.nodes[i].subtree_end);
    CHECK(a.nodes[i].world == b.nodes[i].world);
    CHECK(a.nodes[i].world_bounds.min == b.nodes[i].world_bounds.min);
    CHECK(a.nodes[i].world_bounds.max == b.nodes[i].world_bounds.max);
    CHECK(a.nodes[i].triangles == b.nodes[i].triangles);
  }
  CHECK(a.bounds.min == b.bounds.min);
  CHECK(a.bounds.max == b.bounds.max);
  CHECK(a.triangles == b.triangles);
}

// A fixed model built by hand (no Assimp), for the golden bytes: a root "Plant" with one child
// "Pump" drawing one triangle in a half-transparent material with a 2x1 base colour texture
// (two levels) and an emissive factor.
ModelData goldenModel() {
  ModelData m;
  m.vertices = {{{0, 0, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 0, 1}}, {{0, 1, 0}, {0, 0, 1}}};
  m.indices = {0, 1, 2, 0, 1, 2};  // the second triangle: a level of detail's range
  Material steel;
  steel.name = "steel";
  steel.base_colour = {0.5f, 0.5f, 0.55f, 0.5f};
  steel.metallic = 1.f;
  steel.roughness = 0.3f;
  steel.blend = true;
  steel.emissive = {0.25f, 0.5f, 0.f};
  steel.normal_scale = 0.75f;
  steel.occlusion_strength = 0.5f;
  steel.textures[static_cast<uint32_t>(TextureSlot::BaseColour)] = 0;
  m.materials = {steel};
  m.surfaces = {{{0, 0}, {1, 0, 0, 1}}, {{1, 0}, {1, 0, 0, 1}}, {{0, 1}, {1, 0, 0, -1}}};
  TextureImage paint;
  paint.name = "paint.png";
  paint.width = 2;
  paint.height = 1;
  paint.levels = 2;
  paint.srgb = true;
  paint.rgba = {255, 0, 0, 255, 0, 0, 255, 255, 188, 0, 188, 255};
  m.textures = {paint};
  MeshRange mesh;
  mesh.index_count = 3;
  mesh.local_bounds.extend(glm::vec3(0, 0, 0));
  mesh.local_bounds.extend(glm::vec3(1, 1, 0));
  mesh.lod_count = 1;
  mesh.lods[0] = {3, 3, 0.25f};
  m.meshes = {mesh};
  SceneNode plant{"Plant", -1, 2, glm::mat4(1.f), mesh.local_bounds, 1};
  SceneNode pump{"Pump", 0, 2, glm::mat4(1.f), mesh.local_bounds, 1};
  m.nodes = {plant, pump};
  DrawRecord draw;
  draw.node = 1;
  draw.world_bounds = mesh.local_bounds;
  m.draws = {draw};
  m.bounds = mesh.local_bounds;
  m.triangles = 1;
  return m;
}

// The golden file with its importer version replaced by this build's, which is not part of
// the frozen layout.
std::string withCurrentVersion(const std::string& golden) {
  uint32_t length = 0;
  std::memcpy(&length, golden.data() + 12, 4);
  const std::string version = importerVersion();
  std::string out = golden.substr(0, 12);
  const uint32_t current = static_cast<uint32_t>(version.size());
  out.append(reinterpret_cast<const char*>(&current), 4);
  out += version;
  out += golden.substr(16 + length);
  return out;
}

}  // namespace

TEST_CASE("the scene cache layout matches its golden bytes", "[engine][cache]") {
  // Frozen: a change here needs kSceneCacheFormatVersion bumped and the golden file replaced.
  const fs::path golden = fs::path(GREENTWIN_SOURCE_DIR) / "tests/reference/scene_cache_v3.gtscene";
  const fs::path dir = scratchDir("golden");
  SceneCacheKey key;
  for (size_t i = 0; i < key.bytes.size(); ++i) key.bytes[i] = static_cast<uint8_t>(i * 17);
  writeSceneCache(dir / "actual.gtscene", goldenModel(), key);
  const std::string actual = readAll(dir / "actual.gtscene");
  const std::string stored = readAll(golden);
  const std::string expected = stored.size() > 16 ? withCurrentVersion(stored) : "";
  if (actual != expected) {
    fs::copy_file(dir / "actual.gtscene", golden.string() + ".actual",
                  fs::copy_options::overwrite_existing);
    FAIL("the written bytes differ from " << golden << "; see the .actual file beside it");
  }
  writeAll(dir / "golden.gtscene", expected);
  const SceneCacheResult read = readSceneCache(dir / "golden.gtscene", key);
  REQUIRE(read.model);
  checkSame(*read.model, goldenModel());
}

TEST_CASE("a scene cache entry reads back as the same model", "[engine][cache]") {
  const fs::path dir = scratchDir("round-trip");
  const fs::path source = writeTwoBoxObj(dir);
  const ModelData model = loadModelData(source);
  REQUIRE(model.materials.size() >= 2);
  const SceneCacheKey key = sceneCacheKey(source);
  const fs::path entry = sceneCacheFile(dir / "cache", key);
  CHECK(entry.filename().string() == key.hex() + ".gtscene");

  writeSceneCache(entry, model, key);
  // The temporary file was renamed, not left beside the entry.
  CHECK(std::distance(fs::directory_iterator(dir / "cache"), fs::directory_iterator{}) == 1);

  SceneCacheResult read = readSceneCache(entry, key);
  REQUIRE(read.model);
  checkSame(model, *read.model);

  SECTION("asking with another key is a stale miss") {
    SceneCacheKey other = key;
    other.bytes[0] ^= 1;
    read = readSceneCache(entry, other);
    CHECK_FALSE(read.model);
    CHECK(read.miss.reason == SceneCacheMiss::Stale);
  }
  SECTION("a missing entry is a plain miss") {
    read = readSceneCache(dir / "cache" / "nothing.gtscene");
    CHECK_FALSE(read.model);
    CHECK(read.miss.reason == SceneCacheMiss::Missing);
  }
}

TEST_CASE("the cache key follows the content, not the name", "[engine][cache]") {
  const fs::path dir = scratchDir("key");
  const fs::path source = writeTwoBoxObj(dir);
  const SceneCacheKey before = sceneCacheKey(source);
  CHECK(sceneCacheKey(source) == before);
  CHECK(before.hex().size() == 32);

  fs::copy_file(source, dir / "copy.obj");
  CHECK(sceneCacheKey(dir / "copy.obj") == before);

  SECTION("one changed byte of the model") {
    std::string bytes = readAll(source);
    bytes.replace(bytes.find("v 1 1 0"), 7, "v 1 2 0");
    writeAll(source, bytes);
    CHECK_FALSE(sceneCacheKey(source) == before);
  }
  SECTION("an edited material library") {
    std::ofstream(dir / "boxes.mtl", std::ios::app) << "newmtl paint\nKd 1 0 0\n";
    CHECK_FALSE(sceneCacheKey(source) == before);
  }
  SECTION("an edited .bin of a glTF") {
    const fs::path gltf = dir / "pump.gltf";
    std::ofstream(gltf) << R"({"asset": {"version": "2.0"}, "buffers": [{"uri": "pump%20data.bin",
      "byteLength": 36}]})";
    writeAll(dir / "pump data.bin", std::string(36, '\0'));
    const SceneCacheKey gltf_before = sceneCacheKey(gltf);
    writeAll(dir / "pump data.bin", std::string(40, '\0'));
    CHECK_FALSE(sceneCacheKey(gltf) == gltf_before);
  }
  CHECK_THROWS_WITH(sceneCacheKey(dir / "missing.obj"), Contains("missing.obj"));
}

TEST_CASE("a damaged or foreign cache entry is a clean miss", "[engine][cache]") {
  const fs::path dir = scratchDir("damaged");
  const fs::path source = writeTwoBoxObj(dir);
  const SceneCacheKey key = sceneCacheKey(source);
  const fs::path entry = dir / "entry.gtscene";
  writeSceneCache(entry, loadModelData(source), key);
  const std::string good = readAll(entry);
  const fs::path bad = dir / "bad.gtscene";

  SECTION("every truncation") {
    for (size_t size = 0; size < good.size(); size += size < 200 ? 1 : 37) {
      writeAll(bad, good.substr(0, size));
      const SceneCacheResult read = readSceneCache(bad, key);
      INFO("cut at " << size);
      REQUIRE_FALSE(read.model);
      CHECK(read.miss.reason == SceneCacheMiss::Damaged);
    }
  }
  SECTION("one flipped bit anywhere after the header") {
    for (size_t at = 100; at < good.size(); at += 13) {
      std::string bytes = good;
      bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
      writeAll(bad, bytes);
      INFO("flipped at " << at);
      CHECK_FALSE(readSceneCache(bad, key).model);
    }
  }
  SECTION("trailing bytes") {
    writeAll(bad, good + "x");
    CHECK(readSceneCache(bad, key).miss.reason == SceneCacheMiss::Damaged);
  }
  SECTION("garbage and a foreign file") {
    std::mt19937 random(7);
    std::string noise(4096, '\0');
    for (char& c : noise) c = static_cast<char>(random());
    writeAll(bad, noise);
    CHECK(readSceneCache(bad, key).miss.reason == SceneCacheMiss::Damaged);
    writeAll(bad, readAll(source));
    const SceneCacheResult read = readSceneCache(bad, key);
    CHECK(read.miss.reason == SceneCacheMiss::Damaged);
    CHECK_THAT(read.miss.text, Contains("not a GreenTwin scene cache"));
  }
  SECTION("another format or importer version is stale") {
    std::string bytes = good;
    bytes[8] = static_cast<char>(bytes[8] + 1);  // the format version after the magic
    writeAll(bad, bytes);
    CHECK(readSceneCache(bad, key).miss.reason == SceneCacheMiss::Stale);
    bytes = good;
    bytes[16] = static_cast<char>(bytes[16] ^ 1);  // first letter of the importer version
    writeAll(bad, bytes);
    CHECK(readSceneCache(bad, key).miss.reason == SceneCacheMiss::Stale);
  }
  SECTION("huge counts are refused before anything is allocated") {
    std::string bytes = good;
    // magic, format, version length, version, key, payload size and checksum; then counts
    const size_t counts = 8 + 4 + 4 + importerVersion().size() + 16 + 16;
    for (size_t i = 0; i < 8; ++i) bytes[counts + 8 + i] = '\x7f';  // the index count
    writeAll(bad, bytes);
    const SceneCacheResult read = readSceneCache(bad, key);
    CHECK(read.miss.reason == SceneCacheMiss::Damaged);
    CHECK_THAT(read.miss.text, Contains("counts"));
  }
}

TEST_CASE("a cache entry cannot be written into a file", "[engine][cache]") {
  const fs::path dir = scratchDir("unwritable");
  writeAll(dir / "blocker", "a file where the folder should be");
  const fs::path source = writeTwoBoxObj(dir);
  CHECK_THROWS_WITH(
      writeSceneCache(dir / "blocker" / "x.gtscene", loadModelData(source), sceneCacheKey(source)),
      Contains("blocker"));
}
