// The model loader on small files written at test time: one triangle in each format it reads,
// content that disagrees with its extension, and one clear message for each kind of bad input.
// CPU only, except the last case, which checks that a headless renderer survives a bad file.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "../../engine/src/model_format.h"
#include "../../engine/src/model_loader.h"
#include "engine/renderer.h"
#include "engine_test_support.h"

namespace fs = std::filesystem;
using namespace gt::engine;
using Catch::Contains;
using Catch::StartsWith;

namespace {

const testing::ScratchFolder scratch{"greentwin-model-loader-test"};

void putU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i) & 0xFF);
}

void putFloat(std::string& out, float f) {
  uint32_t v;
  std::memcpy(&v, &f, 4);
  putU32(out, v);
}

// One triangle in the XY plane: three vec3 positions, 36 bytes.
std::string trianglePositions() {
  std::string out;
  for (float f : {0.f, 0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 1.f, 0.f}) putFloat(out, f);
  return out;
}

std::string base64(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = uint32_t(uint8_t(in[i])) << 16;
    if (i + 1 < in.size()) n |= uint32_t(uint8_t(in[i + 1])) << 8;
    if (i + 2 < in.size()) n |= uint32_t(uint8_t(in[i + 2]));
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += i + 1 < in.size() ? kAlphabet[n >> 6 & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// A glTF document with one node "Pump" holding the triangle; `buffer` is the buffers entry and
// `extra` more top-level members (each ending in a comma).
std::string gltfJson(const std::string& buffer, const std::string& extra = "") {
  return "{\n  \"asset\": {\"version\": \"2.0\"},\n" + extra +
         "  \"scene\": 0, \"scenes\": [{\"nodes\": [0]}],\n"
         "  \"nodes\": [{\"name\": \"Pump\", \"mesh\": 0}],\n"
         "  \"meshes\": [{\"primitives\": [{\"attributes\": {\"POSITION\": 0}}]}],\n"
         "  \"accessors\": [{\"bufferView\": 0, \"componentType\": 5126, \"count\": 3,\n"
         "    \"type\": \"VEC3\", \"min\": [0, 0, 0], \"max\": [1, 1, 0]}],\n"
         "  \"bufferViews\": [{\"buffer\": 0, \"byteLength\": 36}],\n"
         "  \"buffers\": [" +
         buffer + "]\n}\n";
}

std::string embeddedGltf() {
  return gltfJson("{\"byteLength\": 36, \"uri\": \"data:application/octet-stream;base64," +
                  base64(trianglePositions()) + "\"}");
}

// glTF 2.0 §4.4: header, JSON chunk padded with spaces, BIN chunk padded with zeros.
std::string glb() {
  std::string json = gltfJson("{\"byteLength\": 36}");
  while (json.size() % 4) json += ' ';
  const std::string bin = trianglePositions();  // 36 bytes, already aligned
  std::string out = "glTF";
  putU32(out, 2);
  putU32(out, static_cast<uint32_t>(12 + 8 + json.size() + 8 + bin.size()));
  putU32(out, static_cast<uint32_t>(json.size()));
  out += "JSON";
  out += json;
  putU32(out, static_cast<uint32_t>(bin.size()));
  out += std::string("BIN\0", 4);
  out += bin;
  return out;
}

const std::string kObj = "# one triangle\no Tri\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";

const std::string kAsciiStl =
    "solid part\n"
    "  facet normal 0 0 1\n    outer loop\n"
    "      vertex 0 0 0\n      vertex 1 0 0\n      vertex 0 1 0\n"
    "    endloop\n  endfacet\n"
    "endsolid part\n";

// Two triangles; the header starts with "solid", as many binary exporters write it.
std::string binaryStl() {
  std::string out = "solid but binary";
  out.resize(80, ' ');
  putU32(out, 2);
  for (int t = 0; t < 2; ++t) {
    for (float f : {0.f, 0.f, 1.f}) putFloat(out, f);
    const float z = static_cast<float>(t);
    for (float f : {0.f, 0.f, z, 1.f, 0.f, z, 0.f, 1.f, z}) putFloat(out, f);
    out += std::string(2, '\0');  // attribute byte count
  }
  return out;
}

const std::string kPly =
    "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
    "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
    "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";

const std::string kCollada = R"(<?xml version="1.0" encoding="utf-8"?>
<COLLADA xmlns="http://www.collada.org/2005/11/COLLADASchema" version="1.4.1">
  <asset><unit name="meter" meter="1"/><up_axis>Y_UP</up_axis></asset>
  <library_geometries>
    <geometry id="tri-mesh" name="tri">
      <mesh>
        <source id="tri-pos">
          <float_array id="tri-pos-array" count="9">0 0 0 1 0 0 0 1 0</float_array>
          <technique_common>
            <accessor source="#tri-pos-array" count="3" stride="3">
              <param name="X" type="float"/><param name="Y" type="float"/>
              <param name="Z" type="float"/>
            </accessor>
          </technique_common>
        </source>
        <vertices id="tri-vtx"><input semantic="POSITION" source="#tri-pos"/></vertices>
        <triangles count="1">
          <input semantic="VERTEX" source="#tri-vtx" offset="0"/>
          <p>0 1 2</p>
        </triangles>
      </mesh>
    </geometry>
  </library_geometries>
  <library_visual_scenes>
    <visual_scene id="scene" name="scene">
      <node id="Valve" name="Valve"><instance_geometry url="#tri-mesh"/></node>
    </visual_scene>
  </library_visual_scenes>
  <scene><instance_visual_scene url="#scene"/></scene>
</COLLADA>
)";

bool hasNode(const ModelData& model, const std::string& name) {
  for (const SceneNode& node : model.nodes)
    if (node.name == name) return true;
  return false;
}

std::span<const uint8_t> bytesOf(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("formats are told from their first bytes", "[engine][model]") {
  auto detect = [](const std::string& s) { return detectModelFormat(bytesOf(s), s.size()); };
  CHECK(detect(kObj) == ModelFormat::Obj);
  CHECK(detect(kAsciiStl) == ModelFormat::StlAscii);
  CHECK(detect(binaryStl()) == ModelFormat::StlBinary);
  CHECK(detect(kPly) == ModelFormat::Ply);
  CHECK(detect(embeddedGltf()) == ModelFormat::Gltf);
  CHECK(detect(glb()) == ModelFormat::Glb);
  CHECK(detect(kCollada) == ModelFormat::Collada);
  CHECK(detect(std::string("Kaydara FBX Binary  \0\x1a\0", 23)) == ModelFormat::FbxBinary);
  CHECK(detect("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\n") == ModelFormat::Ifc);
  CHECK(detect("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('AP242'));\nENDSEC;\n") == ModelFormat::Step);
  CHECK(detect("{\"not\": \"gltf\"}") == ModelFormat::Unknown);
  CHECK(detect("hello world\nthis is prose\n") == ModelFormat::Unknown);
  // A binary STL whose count does not match the size is not taken for one.
  std::string short_stl = binaryStl();
  short_stl.pop_back();
  CHECK(detect(short_stl) != ModelFormat::StlBinary);
}

TEST_CASE("each supported format loads its triangle", "[engine][model]") {
  SECTION("OBJ") {
    const ModelData model = loadModelData(scratch.write("tri.obj", kObj));
    CHECK(model.triangles == 1);
    CHECK(hasNode(model, "Tri"));
  }
  SECTION("ASCII STL") {
    CHECK(loadModelData(scratch.write("tri-ascii.stl", kAsciiStl)).triangles == 1);
  }
  SECTION("binary STL") {
    CHECK(loadModelData(scratch.write("tri-binary.stl", binaryStl())).triangles == 2);
  }
  SECTION("PLY") {
    CHECK(loadModelData(scratch.write("tri.ply", kPly)).triangles == 1);
  }
  SECTION("glTF with an embedded buffer") {
    const ModelData model = loadModelData(scratch.write("tri.gltf", embeddedGltf()));
    CHECK(model.triangles == 1);
    CHECK(hasNode(model, "Pump"));
  }
  SECTION("GLB") {
    const ModelData model = loadModelData(scratch.write("tri.glb", glb()));
    CHECK(model.triangles == 1);
    CHECK(hasNode(model, "Pump"));
  }
  SECTION("glTF with an external buffer next to it") {
    scratch.write("tri-external.bin", trianglePositions());
    const ModelData model = loadModelData(scratch.write(
        "tri-external.gltf", gltfJson("{\"byteLength\": 36, \"uri\": \"tri-external.bin\"}")));
    CHECK(model.triangles == 1);
  }
  SECTION("COLLADA") {
    const ModelData model = loadModelData(scratch.write("tri.dae", kCollada));
    CHECK(model.triangles == 1);
    CHECK(hasNode(model, "Valve"));
  }
}

TEST_CASE("content wins over the extension, and says so", "[engine][model]") {
  std::vector<std::string> notes;
  const fs::path file = scratch.write("really-obj.stl", kObj);
  const ModelData model = loadModelData(file, &notes);
  CHECK(model.triangles == 1);
  CHECK(hasNode(model, "Tri"));
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], StartsWith(file.string()) && Contains("OBJ") && Contains(".stl"));

  SECTION("a GLB named .gltf") {
    notes.clear();
    CHECK(loadModelData(scratch.write("really-glb.gltf", glb()), &notes).triangles == 1);
    CHECK(notes.size() == 1);
  }
  SECTION("no note when they agree") {
    notes.clear();
    loadModelData(scratch.write("agree.obj", kObj), &notes);
    CHECK(notes.empty());
  }
}

TEST_CASE("bad input gets one message naming the file and the reason", "[engine][model]") {
  auto message = [](const fs::path& file) {
    try {
      loadModelData(file);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    FAIL("no exception for " << file);
    return std::string();
  };

  SECTION("unknown format") {
    std::string noise;
    uint32_t x = 12345;
    for (int i = 0; i < 512; ++i) noise += static_cast<char>((x = x * 1103515245 + 12345) >> 16);
    const fs::path file = scratch.write("noise.glb", noise);
    CHECK_THAT(message(file), StartsWith(file.string()) && Contains("not a model format"));
  }
  SECTION("empty file") {
    const fs::path file = scratch.write("empty.obj", "");
    CHECK_THAT(message(file), StartsWith(file.string()) && Contains("empty"));
  }
  SECTION("missing file") {
    const fs::path file = scratch.path() / "no-such-model.glb";
    CHECK_THAT(message(file), StartsWith(file.string()) && Contains("not found"));
  }
  SECTION("a folder") {
    const fs::path dir = scratch.path() / "folder.glb";
    fs::create_directories(dir);
    CHECK_THAT(message(dir), StartsWith(dir.string()) && Contains("folder"));
  }
  SECTION("truncated GLB") {
    const std::string whole = glb();
    const fs::path file = scratch.write("truncated.glb", whole.substr(0, whole.size() / 2));
    CHECK(message(file) == file.string() + ": truncated: header says " +
                               std::to_string(whole.size()) + " bytes, file has " +
                               std::to_string(whole.size() / 2));
  }
  SECTION("Draco-compressed glTF") {
    const fs::path file = scratch.write(
        "draco.gltf",
        gltfJson("{\"byteLength\": 36, \"uri\": \"data:application/octet-stream;base64," +
                     base64(trianglePositions()) + "\"}",
                 "  \"extensionsUsed\": [\"KHR_draco_mesh_compression\"],\n"
                 "  \"extensionsRequired\": [\"KHR_draco_mesh_compression\"],\n"));
    CHECK(message(file) == file.string() +
                               ": uses Draco mesh compression (KHR_draco_mesh_compression), "
                               "which this viewer cannot read; export without Draco");
  }
  SECTION("missing external buffer") {
    fs::remove(scratch.path() / "scene.bin");
    const fs::path file =
        scratch.write("external.gltf", gltfJson("{\"byteLength\": 36, \"uri\": \"scene.bin\"}"));
    CHECK(message(file) == file.string() + ": buffer 'scene.bin' is missing");
  }
  SECTION("STEP file") {
    const fs::path file = scratch.write(
        "bracket.step",
        "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\n"
        "FILE_NAME('bracket','2024-01-01',(''),(''),'','','');\n"
        "FILE_SCHEMA(('AP242_MANAGED_MODEL_BASED_3D_ENGINEERING_MIM_LF'));\nENDSEC;\nDATA;\n"
        "ENDSEC;\nEND-ISO-10303-21;\n");
    // Without Open CASCADE linked in, the loader says who reads it (greentwin-import then hands
    // the file to greentwin-import-cad; engine_cad_import_test reads STEP through it).
    CHECK(message(file) ==
          file.string() + ": STEP is read by the CAD importer (greentwin-import-cad)");
    CHECK_THROWS_AS(loadModelData(file), CadImporterNeeded);
  }
  SECTION("Assimp's own error is passed on") {
    // A PLY header promising a vertex its body does not hold.
    const fs::path file = scratch.write(
        "broken.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nend_header\n");
    CHECK_THAT(message(file), StartsWith(file.string()) && Contains("Assimp"));
  }
}

TEST_CASE("a headless renderer survives a bad model and loads a good one after",
          "[engine][model][gpu]") {
  RendererOptions options;
  options.headless = true;
  options.width = 64;
  options.height = 64;
  auto renderer = Renderer::create(options);
  REQUIRE(renderer);

  const std::string whole = glb();
  const fs::path bad = scratch.write("renderer-truncated.glb", whole.substr(0, 30));
  CHECK_THROWS_WITH(renderer->loadModel(bad), StartsWith(bad.string()) && Contains("truncated"));
  CHECK(renderer->renderFrame());

  const ModelInfo info = renderer->loadModel(scratch.write("renderer-good.glb", glb()));
  CHECK(info.triangles == 1);
  CHECK(renderer->findNode("Pump").valid());
  CHECK(renderer->renderFrame());
}
