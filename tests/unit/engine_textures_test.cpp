// glTF metallic-roughness textures end to end: a small glTF written here (two quads, PNG
// images with known colours) is imported (UVs, tangents, slots, decoded images with mips,
// dedupe), survives the scene cache, and renders headless with its texture (the red half red,
// the blue half blue) and its emissive texture; an image that is missing costs a warning and
// the texture, never the model.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "../../engine/src/model_loader.h"
#include "../../engine/src/scene_cache.h"
#include "engine/renderer.h"

namespace fs = std::filesystem;
using namespace gt::engine;
using Catch::Contains;

namespace {

fs::path scratchDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("greentwin-textures-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// w x h of one colour, or the left half `left` and the right half `right`.
Image solidImage(int w, int h, glm::u8vec3 left, glm::u8vec3 right) {
  Image image;
  image.width = w;
  image.height = h;
  image.rgba.resize(size_t(w) * h * 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const glm::u8vec3 c = x < w / 2 ? left : right;
      uint8_t* p = &image.rgba[(size_t(y) * w + x) * 4];
      p[0] = c.r, p[1] = c.g, p[2] = c.b, p[3] = 255;
    }
  return image;
}

constexpr glm::u8vec3 kRed{255, 0, 0}, kBlue{0, 0, 255}, kGreen{0, 255, 0};

template <typename T>
void append(std::string& bin, const std::vector<T>& values) {
  bin.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

// Two quads on the ground (y = 0, facing up, z -2..2): "Painted" over x -2..2 with the
// half red, half blue base colour texture (u along +x, so x < 0 is red), and "Glow" over x
// 2.5..4.5, black but for its green emissive texture. `base_image` names the painted quad's
// image; the images are written beside the model (halves.png, halves_copy.png, green.png).
fs::path writeQuadsGltf(const fs::path& dir, const std::string& base_image) {
  writePng(solidImage(8, 8, kRed, kBlue), dir / "halves.png");
  writePng(solidImage(8, 8, kRed, kBlue), dir / "halves_copy.png");  // same pixels
  writePng(solidImage(4, 4, kGreen, kGreen), dir / "green.png");

  std::string bin;
  const std::vector<float> pos0 = {-2, 0, -2, 2, 0, -2, 2, 0, 2, -2, 0, 2};
  const std::vector<float> pos1 = {2.5f, 0, -2, 4.5f, 0, -2, 4.5f, 0, 2, 2.5f, 0, 2};
  const std::vector<float> up = {0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0};
  const std::vector<float> uv = {0, 0, 1, 0, 1, 1, 0, 1};
  const std::vector<uint32_t> idx = {0, 3, 2, 0, 2, 1};
  append(bin, pos0);  // 0
  append(bin, pos1);  // 48
  append(bin, up);    // 96
  append(bin, up);    // 144
  append(bin, uv);    // 192
  append(bin, uv);    // 224
  append(bin, idx);   // 256
  append(bin, idx);   // 280
  std::ofstream(dir / "quads.bin", std::ios::binary) << bin;

  const auto view = [](int offset, int length) {
    return "{\"buffer\":0,\"byteOffset\":" + std::to_string(offset) +
           ",\"byteLength\":" + std::to_string(length) + "}";
  };
  const auto accessor = [](int view_index, int count, const char* type, int component,
                           const std::string& extra = "") {
    return "{\"bufferView\":" + std::to_string(view_index) +
           ",\"componentType\":" + std::to_string(component) +
           ",\"count\":" + std::to_string(count) + ",\"type\":\"" + type + "\"" + extra + "}";
  };
  const std::string json =
      "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0,1]}],"
      "\"nodes\":[{\"name\":\"Painted\",\"mesh\":0},{\"name\":\"Glow\",\"mesh\":1}],"
      "\"meshes\":["
      "{\"primitives\":[{\"attributes\":{\"POSITION\":0,\"NORMAL\":2,\"TEXCOORD_0\":4},"
      "\"indices\":6,\"material\":0}]},"
      "{\"primitives\":[{\"attributes\":{\"POSITION\":1,\"NORMAL\":3,\"TEXCOORD_0\":5},"
      "\"indices\":7,\"material\":1}]}],"
      "\"materials\":["
      "{\"name\":\"Painted\",\"pbrMetallicRoughness\":{\"baseColorTexture\":{\"index\":0},"
      "\"metallicFactor\":0,\"roughnessFactor\":1}},"
      "{\"name\":\"Glow\",\"pbrMetallicRoughness\":{\"baseColorFactor\":[0,0,0,1],"
      "\"baseColorTexture\":{\"index\":2},\"metallicFactor\":0,\"roughnessFactor\":1},"
      "\"emissiveTexture\":{\"index\":1},\"emissiveFactor\":[1,1,1]}],"
      "\"textures\":[{\"source\":0},{\"source\":1},{\"source\":2}],"
      "\"images\":[{\"uri\":\"" +
      base_image +
      "\"},{\"uri\":\"green.png\"},"
      "{\"uri\":\"halves_copy.png\"}],"
      "\"accessors\":[" +
      accessor(0, 4, "VEC3", 5126, ",\"min\":[-2,0,-2],\"max\":[2,0,2]") + "," +
      accessor(1, 4, "VEC3", 5126, ",\"min\":[2.5,0,-2],\"max\":[4.5,0,2]") + "," +
      accessor(2, 4, "VEC3", 5126) + "," + accessor(3, 4, "VEC3", 5126) + "," +
      accessor(4, 4, "VEC2", 5126) + "," + accessor(5, 4, "VEC2", 5126) + "," +
      accessor(6, 6, "SCALAR", 5125) + "," + accessor(7, 6, "SCALAR", 5125) +
      "],\"bufferViews\":[" + view(0, 48) + "," + view(48, 48) + "," + view(96, 48) + "," +
      view(144, 48) + "," + view(192, 32) + "," + view(224, 32) + "," + view(256, 24) + "," +
      view(280, 24) +
      "],\"buffers\":[{\"uri\":\"quads.bin\",\"byteLength\":" + std::to_string(bin.size()) + "}]}";
  const fs::path file = dir / "quads.gltf";
  std::ofstream(file) << json;
  return file;
}

// One quad ("Painted", as in writeQuadsGltf) in a GLB whose base colour image (halves.png's
// bytes) is embedded in the BIN chunk, as exporters write GLBs.
fs::path writeQuadGlb(const fs::path& dir) {
  writePng(solidImage(8, 8, kRed, kBlue), dir / "embedded.png");
  std::string png;
  {
    std::ifstream in(dir / "embedded.png", std::ios::binary);
    png.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string bin;
  append(bin, std::vector<float>{-2, 0, -2, 2, 0, -2, 2, 0, 2, -2, 0, 2});
  append(bin, std::vector<float>{0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0});
  append(bin, std::vector<float>{0, 0, 1, 0, 1, 1, 0, 1});
  append(bin, std::vector<uint32_t>{0, 3, 2, 0, 2, 1});  // ends at 152
  bin += png;
  while (bin.size() % 4) bin += '\0';
  std::string json =
      "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],"
      "\"nodes\":[{\"name\":\"Painted\",\"mesh\":0}],\"meshes\":[{\"primitives\":[{"
      "\"attributes\":{\"POSITION\":0,\"NORMAL\":1,\"TEXCOORD_0\":2},\"indices\":3,"
      "\"material\":0}]}],\"materials\":[{\"name\":\"Painted\",\"pbrMetallicRoughness\":{"
      "\"baseColorTexture\":{\"index\":0}}}],\"textures\":[{\"source\":0}],"
      "\"images\":[{\"bufferView\":4,\"mimeType\":\"image/png\"}],\"accessors\":["
      "{\"bufferView\":0,\"componentType\":5126,\"count\":4,\"type\":\"VEC3\","
      "\"min\":[-2,0,-2],\"max\":[2,0,2]},"
      "{\"bufferView\":1,\"componentType\":5126,\"count\":4,\"type\":\"VEC3\"},"
      "{\"bufferView\":2,\"componentType\":5126,\"count\":4,\"type\":\"VEC2\"},"
      "{\"bufferView\":3,\"componentType\":5125,\"count\":6,\"type\":\"SCALAR\"}],"
      "\"bufferViews\":[{\"buffer\":0,\"byteOffset\":0,\"byteLength\":48},"
      "{\"buffer\":0,\"byteOffset\":48,\"byteLength\":48},"
      "{\"buffer\":0,\"byteOffset\":96,\"byteLength\":32},"
      "{\"buffer\":0,\"byteOffset\":128,\"byteLength\":24},"
      "{\"buffer\":0,\"byteOffset\":152,\"byteLength\":" +
      std::to_string(png.size()) + "}],\"buffers\":[{\"byteLength\":" + std::to_string(bin.size()) +
      "}]}";
  while (json.size() % 4) json += ' ';
  // glTF 2.0 §4.4: header (magic, version 2, length), then the JSON and BIN chunks.
  std::string glb;
  const auto u32 = [&glb](uint32_t v) { glb.append(reinterpret_cast<const char*>(&v), 4); };
  u32(0x46546C67);
  u32(2);
  u32(static_cast<uint32_t>(12 + 8 + json.size() + 8 + bin.size()));
  u32(static_cast<uint32_t>(json.size()));
  u32(0x4E4F534A);
  glb += json;
  u32(static_cast<uint32_t>(bin.size()));
  u32(0x004E4942);
  glb += bin;
  const fs::path file = dir / "quad.glb";
  std::ofstream(file, std::ios::binary) << glb;
  fs::remove(dir / "embedded.png");  // only the GLB's copy is left to read
  return file;
}

const Material& material(const ModelData& m, const std::string& name) {
  for (const Material& mat : m.materials)
    if (mat.name == name) return mat;
  FAIL("no material " << name);
  return m.materials.front();
}

struct Rgb {
  int r, g, b;
};

Rgb pixelAt(Renderer& renderer, const Image& image, const glm::vec3& world) {
  const OrbitCamera& camera = renderer.camera();
  const float aspect = static_cast<float>(image.width) / static_cast<float>(image.height);
  const std::optional<ScreenPoint> p =
      projectToScreen(camera.projection(aspect) * camera.view(), camera.view(), world,
                      glm::vec2(image.width, image.height));
  REQUIRE(p);
  const size_t i = (size_t(p->pixel.y) * image.width + size_t(p->pixel.x)) * 4;
  return {image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]};
}

// Renders `file` from above, looking down at the quads.
Image renderFromAbove(Renderer& renderer, const fs::path& file) {
  renderer.loadModel(file);
  OrbitCamera& camera = renderer.camera();
  camera.target = {1.2f, 0.f, 0.f};
  camera.distance = 9.f;
  camera.yaw = 0.f;
  camera.pitch = 1.1f;
  REQUIRE(renderer.renderFrame());
  return renderer.readback();
}

std::unique_ptr<Renderer> headlessRenderer() {
  RendererOptions options;
  options.headless = true;
  options.width = 240;
  options.height = 160;
  options.model_cache = false;
  options.validation = true;  // only warns when the layer is not installed
  return Renderer::create(options);
}

}  // namespace

TEST_CASE("a glTF's UVs, tangents, texture slots and images are imported", "[engine][textures]") {
  const fs::path dir = scratchDir("import");
  const ModelData model = loadModelData(writeQuadsGltf(dir, "halves.png"));

  REQUIRE(model.surfaces.size() == model.vertices.size());
  for (size_t v = 0; v < model.vertices.size(); ++v) {
    const VertexSurface& s = model.surfaces[v];
    // UVs as the file has them (top-left origin): u follows x across each quad, v follows z.
    const glm::vec3 p = model.vertices[v].position;
    const float u = p.x < 2.2f ? (p.x + 2.f) / 4.f : (p.x - 2.5f) / 2.f;
    CHECK(s.uv.x == Approx(u).margin(1e-5));
    CHECK(s.uv.y == Approx((p.z + 2.f) / 4.f).margin(1e-5));
    // u runs along +x on both quads: the tangent is +x.
    CHECK(s.tangent.x == Approx(1.f).margin(1e-4));
    CHECK(std::abs(s.tangent.w) == 1.f);
  }
  const Material& painted = material(model, "Painted");
  const Material& glow = material(model, "Glow");
  const int32_t halves = painted.texture(TextureSlot::BaseColour);
  REQUIRE(halves >= 0);
  CHECK(painted.texture(TextureSlot::Emissive) == -1);
  CHECK(glow.texture(TextureSlot::Emissive) >= 0);
  CHECK(glow.emissive == glm::vec3(1.f));
  // halves_copy.png has the same pixels as halves.png: stored once.
  CHECK(glow.texture(TextureSlot::BaseColour) == halves);
  CHECK(model.textures.size() == 2);

  const TextureImage& image = model.textures[size_t(halves)];
  CHECK(image.srgb);
  REQUIRE(image.width == 8);
  REQUIRE(image.height == 8);
  REQUIRE(image.levels == 4);  // 8, 4, 2, 1
  REQUIRE(image.rgba.size() == (64 + 16 + 4 + 1) * 4u);
  CHECK(image.rgba[0] == 255);  // level 0, top-left: red
  CHECK(image.rgba[2] == 0);
  CHECK(image.rgba[7 * 4 + 2] == 255);  // top-right: blue
  // The 1x1 level averages red and blue in linear light: 0.5 each, sRGB 188 (not 128).
  const uint8_t* last = &image.rgba[image.rgba.size() - 4];
  CHECK(int(last[0]) == Approx(188).margin(2));
  CHECK(int(last[1]) == 0);
  CHECK(int(last[2]) == Approx(188).margin(2));
}

TEST_CASE("a GLB's embedded image is decoded", "[engine][textures]") {
  const fs::path dir = scratchDir("glb");
  std::vector<std::string> notes;
  const ModelData model = loadModelData(writeQuadGlb(dir), &notes);
  CHECK(notes.empty());
  const int32_t t = material(model, "Painted").texture(TextureSlot::BaseColour);
  REQUIRE(t >= 0);
  const TextureImage& image = model.textures[size_t(t)];
  REQUIRE(image.width == 8);
  CHECK(image.rgba[0] == 255);          // top-left red
  CHECK(image.rgba[7 * 4 + 2] == 255);  // top-right blue
  CHECK(model.surfaces.size() == model.vertices.size());
}

TEST_CASE("an untextured model keeps no surfaces and no textures", "[engine][textures]") {
  const fs::path dir = scratchDir("untextured");
  std::ofstream(dir / "box.obj") << "v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 3\n";
  const ModelData model = loadModelData(dir / "box.obj");
  CHECK(model.surfaces.empty());
  CHECK(model.textures.empty());
  for (const Material& m : model.materials) CHECK_FALSE(m.textured());
}

TEST_CASE("a glTF whose image is missing loads with a warning and its factor colour",
          "[engine][textures]") {
  const fs::path dir = scratchDir("missing");
  const fs::path file = writeQuadsGltf(dir, "missing.png");
  std::vector<std::string> notes;
  const ModelData model = loadModelData(file, &notes);
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Contains(file.string()) && Contains("'missing.png' is missing") &&
                           Contains("'Painted'"));
  CHECK(material(model, "Painted").texture(TextureSlot::BaseColour) == -1);
  CHECK(material(model, "Glow").texture(TextureSlot::Emissive) >= 0);
}

TEST_CASE("a cache entry keeps a model's textures", "[engine][textures][cache]") {
  const fs::path dir = scratchDir("cache");
  const fs::path file = writeQuadsGltf(dir, "halves.png");
  const ModelData model = loadModelData(file);
  const SceneCacheKey key = sceneCacheKey(file);
  writeSceneCache(dir / "entry.gtscene", model, key);
  const SceneCacheResult read = readSceneCache(dir / "entry.gtscene", key);
  REQUIRE(read.model);
  const ModelData& back = *read.model;
  REQUIRE(back.surfaces.size() == model.surfaces.size());
  CHECK(std::memcmp(back.surfaces.data(), model.surfaces.data(),
                    model.surfaces.size() * sizeof(VertexSurface)) == 0);
  REQUIRE(back.textures.size() == model.textures.size());
  for (size_t i = 0; i < model.textures.size(); ++i) {
    CHECK(back.textures[i].name == model.textures[i].name);
    CHECK(back.textures[i].width == model.textures[i].width);
    CHECK(back.textures[i].levels == model.textures[i].levels);
    CHECK(back.textures[i].srgb == model.textures[i].srgb);
    CHECK(back.textures[i].rgba == model.textures[i].rgba);
  }
  for (size_t m = 0; m < model.materials.size(); ++m)
    for (uint32_t slot = 0; slot < kTextureSlots; ++slot)
      CHECK(back.materials[m].textures[slot] == model.materials[m].textures[slot]);

  // A texture record claiming more pixels than the file holds is damage, not an allocation.
  std::string bytes;
  {
    std::ifstream in(dir / "entry.gtscene", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes.resize(bytes.size() - 10);
  std::ofstream(dir / "cut.gtscene", std::ios::binary) << bytes;
  CHECK_FALSE(readSceneCache(dir / "cut.gtscene", key).model);
}

TEST_CASE("textures render: base colour halves and an emissive glow", "[engine][gpu][textures]") {
  const fs::path dir = scratchDir("render");
  std::unique_ptr<Renderer> renderer = headlessRenderer();
  const Image image = renderFromAbove(*renderer, writeQuadsGltf(dir, "halves.png"));
  if (const char* dump = std::getenv("GREENTWIN_RENDER_TEST_DUMP"))
    writePng(image, fs::path(dump) / "textures.png");

  const Rgb red = pixelAt(*renderer, image, {-1.f, 0.f, 0.f});
  const Rgb blue = pixelAt(*renderer, image, {1.f, 0.f, 0.f});
  const Rgb glow = pixelAt(*renderer, image, {3.5f, 0.f, 0.f});
  INFO("red half " << red.r << "," << red.g << "," << red.b << "; blue half " << blue.r << ","
                   << blue.g << "," << blue.b << "; glow " << glow.r << "," << glow.g << ","
                   << glow.b);
  CHECK(red.r > red.b + 60);
  CHECK(red.r > red.g + 60);
  CHECK(blue.b > blue.r + 60);
  CHECK(blue.b > blue.g + 30);
  // Black base colour: only the emissive texture makes it bright, and green.
  CHECK(glow.g > 150);
  CHECK(glow.g > glow.r + 80);
  CHECK(glow.g > glow.b + 80);
}

TEST_CASE("a glTF with a missing image renders with its factor colour", "[engine][gpu][textures]") {
  const fs::path dir = scratchDir("render-missing");
  std::unique_ptr<Renderer> renderer = headlessRenderer();
  const Image image = renderFromAbove(*renderer, writeQuadsGltf(dir, "missing.png"));
  // The factor is white: both halves grey-white, neither red nor blue.
  for (const float x : {-1.f, 1.f}) {
    const Rgb c = pixelAt(*renderer, image, {x, 0.f, 0.f});
    INFO("at x " << x << ": " << c.r << "," << c.g << "," << c.b);
    CHECK(std::abs(c.r - c.b) < 25);
    CHECK(std::abs(c.r - c.g) < 25);
    CHECK(c.r > 120);
  }
}
