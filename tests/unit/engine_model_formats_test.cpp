// One small scene per format Assimp reads (glTF, FBX, OBJ+MTL, STL, COLLADA, IFC2X3), written
// at test time: node names and hierarchy kept (site.toml binds equipment to them), units and up
// axis ending in metres and Y up (docs/models.md), triangle counts, and material colours where
// the format has them. Then IFC4 kept from Assimp, and more bad input. CPU only.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include "../../engine/src/model_format.h"
#include "../../engine/src/model_loader.h"
#include "engine_test_support.h"

namespace fs = std::filesystem;
using namespace gt::engine;
using Catch::Contains;
using Catch::StartsWith;
using testing::checkBox;

namespace {

const testing::ScratchFolder scratch{"greentwin-model-formats-test"};

// The node whose name starts with `prefix` (IFC names carry the entity type and GUID too).
const SceneNode& node(const ModelData& model, const std::string& prefix) {
  for (const SceneNode& n : model.nodes)
    if (n.name.starts_with(prefix)) return n;
  FAIL("no node named " << prefix);
  return model.nodes.front();
}

bool isAncestor(const ModelData& model, const std::string& ancestor, const SceneNode& child) {
  for (int32_t p = child.parent; p >= 0; p = model.nodes[static_cast<size_t>(p)].parent)
    if (model.nodes[static_cast<size_t>(p)].name.starts_with(ancestor)) return true;
  return false;
}

// The base colour of the first draw of node `prefix`.
glm::vec4 colourOf(const ModelData& model, const std::string& prefix) {
  const SceneNode& n = node(model, prefix);
  const auto index = static_cast<uint32_t>(&n - model.nodes.data());
  for (const DrawRecord& draw : model.draws)
    if (draw.node == index) return model.materials[draw.material].base_colour;
  FAIL("node " << prefix << " draws nothing");
  return {};
}

// The triangle every Z-up millimetre fixture holds: 1 m along X and 2 m up, placed 0.5 m along
// X by its node. In the scene (metres, Y up) it spans x 0.5..1.5, y 0..2, z 0.
const glm::vec3 kPlacedMin{0.5f, 0.f, 0.f}, kPlacedMax{1.5f, 2.f, 0.f};

// FBX 7.4 ASCII: Line > Pump (500 mm along X), material Steel; millimetres (UnitScaleFactor is
// centimetres per unit), Z up with -Y front as Blender and 3ds Max write it.
const std::string kFbxAscii = R"(; FBX 7.4.0 project file
FBXHeaderExtension:  {
	FBXHeaderVersion: 1003
	FBXVersion: 7400
}
GlobalSettings:  {
	Version: 1000
	Properties70:  {
		P: "UpAxis", "int", "Integer", "",2
		P: "UpAxisSign", "int", "Integer", "",1
		P: "FrontAxis", "int", "Integer", "",1
		P: "FrontAxisSign", "int", "Integer", "",-1
		P: "CoordAxis", "int", "Integer", "",0
		P: "CoordAxisSign", "int", "Integer", "",1
		P: "UnitScaleFactor", "double", "Number", "",0.1
	}
}
Objects:  {
	Geometry: 100, "Geometry::Tri", "Mesh" {
		Vertices: *9 {
			a: 0,0,0,1000,0,0,0,0,2000
		}
		PolygonVertexIndex: *3 {
			a: 0,1,-3
		}
		GeometryVersion: 124
		LayerElementMaterial: 0 {
			Version: 101
			MappingInformationType: "AllSame"
			ReferenceInformationType: "IndexToDirect"
			Materials: *1 {
				a: 0
			}
		}
		Layer: 0 {
			Version: 100
			LayerElement:  {
				Type: "LayerElementMaterial"
				TypedIndex: 0
			}
		}
	}
	Model: 200, "Model::Line", "Null" {
		Version: 232
	}
	Model: 300, "Model::Pump", "Mesh" {
		Version: 232
		Properties70:  {
			P: "Lcl Translation", "Lcl Translation", "", "A",500,0,0
		}
	}
	Material: 400, "Material::Steel", "" {
		Version: 102
		ShadingModel: "phong"
		Properties70:  {
			P: "DiffuseColor", "Color", "", "A",0.2,0.4,0.6
		}
	}
}
Connections:  {
	C: "OO",200,0
	C: "OO",300,200
	C: "OO",100,300
	C: "OO",400,300
}
)";

// COLLADA 1.4.1 §5 <asset>: <unit meter="0.001"/> and <up_axis>Z_UP</up_axis>.
const std::string kColladaMmZUp = R"(<?xml version="1.0" encoding="utf-8"?>
<COLLADA xmlns="http://www.collada.org/2005/11/COLLADASchema" version="1.4.1">
  <asset><unit name="millimetre" meter="0.001"/><up_axis>Z_UP</up_axis></asset>
  <library_effects><effect id="red-fx"><profile_COMMON><technique sid="t"><lambert>
    <diffuse><color>0.8 0.1 0.1 1</color></diffuse></lambert></technique></profile_COMMON></effect>
  </library_effects>
  <library_materials><material id="red" name="Red"><instance_effect url="#red-fx"/></material>
  </library_materials>
  <library_geometries>
    <geometry id="tri-mesh" name="tri">
      <mesh>
        <source id="tri-pos">
          <float_array id="tri-pos-array" count="9">0 0 0 1000 0 0 0 0 2000</float_array>
          <technique_common>
            <accessor source="#tri-pos-array" count="3" stride="3">
              <param name="X" type="float"/><param name="Y" type="float"/>
              <param name="Z" type="float"/>
            </accessor>
          </technique_common>
        </source>
        <vertices id="tri-vtx"><input semantic="POSITION" source="#tri-pos"/></vertices>
        <triangles count="1" material="m">
          <input semantic="VERTEX" source="#tri-vtx" offset="0"/><p>0 1 2</p>
        </triangles>
      </mesh>
    </geometry>
  </library_geometries>
  <library_visual_scenes>
    <visual_scene id="scene" name="scene">
      <node id="Line" name="Line">
        <node id="Valve" name="Valve"><translate>500 0 0</translate>
          <instance_geometry url="#tri-mesh"><bind_material><technique_common>
            <instance_material symbol="m" target="#red"/>
          </technique_common></bind_material></instance_geometry>
        </node>
      </node>
    </visual_scene>
  </library_visual_scenes>
  <scene><instance_visual_scene url="#scene"/></scene>
</COLLADA>
)";

// IFC2X3 (ISO 16739 / ISO 10303-21): millimetres, Z up; Site > Building > Storey > Wall-A, a
// 4000 x 200 mm profile centred 2000 mm along X, extruded 3000 mm up, styled brick red.
std::string ifc(const std::string& schema) {
  return testing::ifcHallPreamble(schema, "CoordinationView", "wall.ifc", "2024-01-01") +
         R"(#50=IFCCARTESIANPOINT((2000.,0.,0.));
#51=IFCAXIS2PLACEMENT3D(#50,$,$);
#52=IFCLOCALPLACEMENT(#44,#51);
#60=IFCCARTESIANPOINT((0.,0.));
#61=IFCAXIS2PLACEMENT2D(#60,$);
#62=IFCRECTANGLEPROFILEDEF(.AREA.,$,#61,4000.,200.);
#63=IFCEXTRUDEDAREASOLID(#62,#23,#21,3000.);
#64=IFCSHAPEREPRESENTATION(#24,'Body','SweptSolid',(#63));
#65=IFCPRODUCTDEFINITIONSHAPE($,$,(#64));
#66=IFCWALLSTANDARDCASE('4YvctVUKr0kugbFTf53O9L',#5,'Wall-A',$,$,#52,#65,$);
#70=IFCRELAGGREGATES('5YvctVUKr0kugbFTf53O9L',#5,$,$,#30,(#41));
#71=IFCRELAGGREGATES('6YvctVUKr0kugbFTf53O9L',#5,$,$,#41,(#43));
#72=IFCRELAGGREGATES('7YvctVUKr0kugbFTf53O9L',#5,$,$,#43,(#45));
#73=IFCRELCONTAINEDINSPATIALSTRUCTURE('8YvctVUKr0kugbFTf53O9L',#5,$,$,(#66),#45);
#80=IFCCOLOURRGB($,0.6,0.3,0.2);
#81=IFCSURFACESTYLERENDERING(#80,0.,$,$,$,$,$,$,.FLAT.);
#82=IFCSURFACESTYLE('Brick',.BOTH.,(#81));
#83=IFCPRESENTATIONSTYLEASSIGNMENT((#82));
#84=IFCSTYLEDITEM(#63,(#83),$);
ENDSEC;
END-ISO-10303-21;
)";
}

// glTF 2.0 (metres, Y up by definition): Line (translation 0.5 m) > Pump, material "Blue".
std::string gltfHierarchy() {
  // One triangle: (0,0,0) (1,0,0) (0,2,0) as little-endian floats, base64.
  std::string bin;
  for (float f : {0.f, 0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 2.f, 0.f}) {
    uint32_t v;
    std::memcpy(&v, &f, 4);
    for (int i = 0; i < 4; ++i) bin += static_cast<char>(v >> (8 * i) & 0xFF);
  }
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string b64;
  for (size_t i = 0; i < bin.size(); i += 3) {  // 36 bytes: no padding needed
    const uint32_t n = uint32_t(uint8_t(bin[i])) << 16 | uint32_t(uint8_t(bin[i + 1])) << 8 |
                       uint32_t(uint8_t(bin[i + 2]));
    for (int s = 18; s >= 0; s -= 6) b64 += kAlphabet[n >> s & 63];
  }
  return R"({
  "asset": {"version": "2.0"},
  "scene": 0, "scenes": [{"nodes": [0]}],
  "nodes": [{"name": "Line", "translation": [0.5, 0, 0], "children": [1]},
            {"name": "Pump", "mesh": 0}],
  "materials": [{"name": "Blue", "pbrMetallicRoughness": {"baseColorFactor": [0.1, 0.2, 0.9, 1]}}],
  "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "material": 0}]}],
  "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                 "min": [0, 0, 0], "max": [1, 2, 0]}],
  "bufferViews": [{"buffer": 0, "byteLength": 36}],
  "buffers": [{"byteLength": 36, "uri": "data:application/octet-stream;base64,)" +
         b64 + R"("}]
}
)";
}

std::string loadError(const fs::path& file) {
  try {
    loadModelData(file);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  FAIL("no exception for " << file);
  return {};
}

}  // namespace

TEST_CASE("glTF keeps its hierarchy and base colour", "[engine][model][formats]") {
  const ModelData model = loadModelData(scratch.write("line.gltf", gltfHierarchy()));
  CHECK(model.triangles == 1);
  CHECK(isAncestor(model, "Line", node(model, "Pump")));
  checkBox(node(model, "Pump").world_bounds, kPlacedMin, kPlacedMax);
  const glm::vec4 blue = colourOf(model, "Pump");
  CHECK(blue.b == Approx(0.9f));
  CHECK(blue.r == Approx(0.1f));
}

TEST_CASE("ASCII FBX in millimetres, Z up, comes out in metres, Y up", "[engine][model][formats]") {
  const fs::path file = scratch.write("line.fbx", kFbxAscii);
  CHECK(formatFromExtension(file) == ModelFormat::FbxBinary);  // the extension cannot tell
  const ModelData model = loadModelData(file);
  CHECK(model.triangles == 1);
  CHECK(isAncestor(model, "Line", node(model, "Pump")));
  checkBox(node(model, "Pump").world_bounds, kPlacedMin, kPlacedMax);
  const glm::vec4 steel = colourOf(model, "Pump");
  CHECK(steel.r == Approx(0.2f));
  CHECK(steel.g == Approx(0.4f));
  CHECK(steel.b == Approx(0.6f));

  SECTION("an FBX already in metres and Y up is left as it is") {
    std::string y_up = kFbxAscii;
    for (auto [from, to] : {std::pair{"\"UpAxis\", \"int\", \"Integer\", \"\",2",
                                      "\"UpAxis\", \"int\", \"Integer\", \"\",1"},
                            {"\"FrontAxis\", \"int\", \"Integer\", \"\",1",
                             "\"FrontAxis\", \"int\", \"Integer\", \"\",2"},
                            {"\"FrontAxisSign\", \"int\", \"Integer\", \"\",-1",
                             "\"FrontAxisSign\", \"int\", \"Integer\", \"\",1"},
                            {"\"\",0.1\n", "\"\",100\n"}}) {
      const size_t at = y_up.find(from);
      REQUIRE(at != std::string::npos);
      y_up.replace(at, std::strlen(from), to);
    }
    const ModelData metres = loadModelData(scratch.write("line-metres.fbx", y_up));
    // File units are metres now: 500 along X, 1000 along X and 2000 along Z, unrotated.
    checkBox(node(metres, "Pump").world_bounds, {500.f, 0.f, 0.f}, {1500.f, 0.f, 2000.f});
  }
}

TEST_CASE("OBJ with MTL keeps objects and colours, in the file's units",
          "[engine][model][formats]") {
  scratch.write("skid.mtl", "newmtl steel\nKd 0.5 0.5 0.6\nnewmtl guard\nKd 0.8 0.1 0.1\nd 0.5\n");
  const ModelData model = loadModelData(
      scratch.write("skid.obj",
                    "mtllib skid.mtl\no Frame\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nusemtl steel\n"
                    "f 1 2 3 4\no Guard\nv 0 0 1\nv 1 0 1\nv 0 1 1\nusemtl guard\nf 5 6 7\n"));
  CHECK(model.triangles == 3);  // the quad is split in two
  CHECK(node(model, "Frame").triangles == 2);
  CHECK(node(model, "Guard").triangles == 1);
  // OBJ has no unit or up axis: taken as metres, Y up.
  checkBox(node(model, "Guard").world_bounds, {0.f, 0.f, 1.f}, {1.f, 1.f, 1.f});
  CHECK(colourOf(model, "Frame").b == Approx(0.6f));
  const glm::vec4 guard = colourOf(model, "Guard");
  CHECK(guard.r == Approx(0.8f));
  CHECK(guard.a == Approx(0.5f));  // MTL d: dissolve, the opacity
}

TEST_CASE("STL, ASCII and binary, keeps its solid and its numbers", "[engine][model][formats]") {
  SECTION("ASCII: the solid's name is the node") {
    const ModelData model = loadModelData(scratch.write(
        "casing.stl",
        "solid pump_casing\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n"
        "   vertex 1000 0 0\n   vertex 0 2000 0\n  endloop\n endfacet\n"
        " facet normal 0 0 1\n  outer loop\n   vertex 0 0 5\n   vertex 1 0 5\n   vertex 0 1 5\n"
        "  endloop\n endfacet\nendsolid pump_casing\n"));
    CHECK(model.triangles == 2);
    CHECK(node(model, "pump_casing").triangles == 2);
    // No unit in STL: numbers are metres, even when the exporter meant millimetres.
    checkBox(model.bounds, {0.f, 0.f, 0.f}, {1000.f, 2000.f, 5.f});
  }
  SECTION("binary") {
    std::string stl(80, ' ');
    auto put = [&](uint32_t v) {
      for (int i = 0; i < 4; ++i) stl += static_cast<char>(v >> (8 * i) & 0xFF);
    };
    auto putF = [&](float f) {
      uint32_t v;
      std::memcpy(&v, &f, 4);
      put(v);
    };
    put(3);
    for (int t = 0; t < 3; ++t) {
      for (float f : {0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 1.f, 0.f}) putF(f);
      stl += std::string(2, '\0');
    }
    const fs::path file = scratch.write("three.stl", stl);
    const ModelData model = loadModelData(file);
    CHECK(model.triangles == 3);
    checkBox(model.bounds, {0.f, 0.f, 0.f}, {1.f, 1.f, 0.f});
  }
}

TEST_CASE("COLLADA in millimetres, Z up, comes out in metres, Y up", "[engine][model][formats]") {
  const ModelData model = loadModelData(scratch.write("line.dae", kColladaMmZUp));
  CHECK(model.triangles == 1);
  CHECK(isAncestor(model, "Line", node(model, "Valve")));
  checkBox(node(model, "Valve").world_bounds, kPlacedMin, kPlacedMax);
  const glm::vec4 red = colourOf(model, "Valve");
  CHECK(red.r == Approx(0.8f));
  CHECK(red.g == Approx(0.1f));
}

TEST_CASE("IFC2X3 keeps its spatial tree, metres, Y up and styles", "[engine][model][formats]") {
  const ModelData model = loadModelData(scratch.write("hall.ifc", ifc("IFC2X3")));
  // Assimp names IFC nodes <entity>_<name>_<GlobalId>; site.toml binds to that whole name.
  const SceneNode& wall = node(model, "IfcWallStandardCase_Wall-A_4YvctVUKr0kugbFTf53O9L");
  CHECK(isAncestor(model, "IfcBuildingStorey_Groundfloor_", wall));
  CHECK(isAncestor(model, "IfcBuilding_Hall_", wall));
  CHECK(isAncestor(model, "IfcSite_Site_", wall));
  CHECK(wall.triangles == 12);  // a box: 6 faces, 2 triangles each
  // 4 m along X from 0, 3 m up, 0.2 m thick about the IFC Y axis (scene Z = -IFC Y).
  checkBox(wall.world_bounds, {0.f, 0.f, -0.1f}, {4.f, 3.f, 0.1f});
  const glm::vec4 brick = colourOf(model, "IfcWallStandardCase_Wall-A");
  CHECK(brick.r == Approx(0.6f));
  CHECK(brick.g == Approx(0.3f));
  CHECK(brick.b == Approx(0.2f));
}

TEST_CASE("IFC4 never reaches Assimp", "[engine][model][formats]") {
  // Assimp 5.2 crashes on IFC4's IfcTriangulatedFaceSet (tried: SIGSEGV), so it never sees one:
  // IFC++ reads it (engine_ifc4_import_test.cpp), or, in a build without it, it is refused.
  for (const std::string schema : {"IFC4", "IFC4X3_ADD2", "ifc4"}) {
    const fs::path file = scratch.write("hall-" + schema + ".ifc", ifc(schema));
    std::string upper = schema;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
#if GREENTWIN_HAVE_IFCPP
    CHECK(loadError(file) == file.string() + ": IFC schema " + upper +
                                 " is read by the IFC importer (greentwin-import-ifc)");
#else
    CHECK(loadError(file) == file.string() + ": IFC schema " + upper +
                                 "; this viewer reads IFC2X3 through Assimp, which cannot read "
                                 "IFC4 geometry, and was built without IFC++ "
                                 "(libifcplusplus-dev), which would; export as IFC2X3 or glTF");
#endif
  }
}

TEST_CASE("more bad input: one message naming the file and the reason",
          "[engine][model][formats]") {
  SECTION("a truncated COLLADA file") {
    const fs::path file = scratch.write("cut.dae", kColladaMmZUp.substr(0, 900));
    CHECK_THAT(loadError(file),
               StartsWith(file.string() + ": cannot be read as COLLADA") && Contains("Assimp"));
  }
  SECTION("a truncated FBX file") {
    const fs::path file = scratch.write("cut.fbx", kFbxAscii.substr(0, 600));
    CHECK_THAT(loadError(file), StartsWith(file.string() + ": ") && Contains("FBX"));
  }
  SECTION("an empty STL") {
    const fs::path file = scratch.write("empty.stl", "");
    CHECK(loadError(file) == file.string() + ": file is empty (0 bytes)");
  }
  SECTION("an IFC file without geometry") {
    std::string bare = ifc("IFC2X3");
    bare.erase(bare.find("#50="), bare.find("#70=") - bare.find("#50="));
    bare.erase(bare.find("#73="), bare.find("ENDSEC;\nEND") - bare.find("#73="));
    const fs::path file = scratch.write("bare.ifc", bare);
    CHECK_THAT(loadError(file), StartsWith(file.string() + ": "));
  }
}
