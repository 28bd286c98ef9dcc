// IFC4 through IFC++ (greentwin-import-ifc), with files written at test time: a wall given as
// an IfcTriangulatedFaceSet (what crashes Assimp 5.2), an extruded slab and an unnamed window,
// in millimetres, Z up. Names and the spatial tree kept (site.toml binds equipment to them),
// world bounds in metres, Y up, triangle counts, style and default colours; the same file
// through the real importer processes; a truncated file gives one message and the caller goes
// on. In a build without IFC++, IFC4 is refused with the reason. CPU only.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "../../engine/src/model_format.h"
#include "../../engine/src/model_import.h"
#include "../../engine/src/model_loader.h"
#if GREENTWIN_HAVE_IFCPP
#include "../../engine/src/ifc_import.h"
#include "engine_test_support.h"
#endif

namespace fs = std::filesystem;
using namespace gt::engine;
using Catch::Contains;
using Catch::StartsWith;

namespace {

fs::path writeIfc(const std::string& name, const std::string& bytes) {
  const fs::path dir = fs::temp_directory_path() / "greentwin-ifc4-import-test";
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

// IFC4 (ISO 16739-1:2018), millimetres, Z up; Plant > Site > Hall > Ground floor >
//   Wall-T: a 4000 x 200 x 3000 mm box as an IfcTriangulatedFaceSet of 12 triangles, placed
//           1000 mm along X, styled brick red (IfcStyledItem straight to an IfcSurfaceStyle,
//           which IFC4 allows and Assimp cannot read);
//   Slab-1: a 6000 x 4000 mm rectangle centred at (3000, 0), extruded 200 mm up from -200 mm,
//           no style (slab grey);
//   a window with no Name (named by its GlobalId): one 1000 x 1000 mm quad of 2 triangles at
//           y = 100 mm, no style (glass).
const std::string kIfc4 =
    testing::ifcHallPreamble("IFC4", "ReferenceView_V1.2", "hall4.ifc", "2026-01-01") +
    R"(#50=IFCCARTESIANPOINT((1000.,0.,0.));
#51=IFCAXIS2PLACEMENT3D(#50,$,$);
#52=IFCLOCALPLACEMENT(#44,#51);
#53=IFCCARTESIANPOINTLIST3D(((0.,-100.,0.),(4000.,-100.,0.),(4000.,100.,0.),(0.,100.,0.),(0.,-100.,3000.),(4000.,-100.,3000.),(4000.,100.,3000.),(0.,100.,3000.)));
#54=IFCTRIANGULATEDFACESET(#53,$,.T.,((1,3,2),(1,4,3),(5,6,7),(5,7,8),(1,2,6),(1,6,5),(4,8,7),(4,7,3),(1,5,8),(1,8,4),(2,3,7),(2,7,6)),$);
#55=IFCSHAPEREPRESENTATION(#24,'Body','Tessellation',(#54));
#56=IFCPRODUCTDEFINITIONSHAPE($,$,(#55));
#57=IFCWALL('4YvctVUKr0kugbFTf53O9L',#5,'Wall-T',$,$,#52,#56,$,.SOLIDWALL.);
#60=IFCCARTESIANPOINT((0.,0.,-200.));
#61=IFCAXIS2PLACEMENT3D(#60,$,$);
#62=IFCLOCALPLACEMENT(#44,#61);
#63=IFCCARTESIANPOINT((3000.,0.));
#64=IFCAXIS2PLACEMENT2D(#63,$);
#65=IFCRECTANGLEPROFILEDEF(.AREA.,$,#64,6000.,4000.);
#66=IFCEXTRUDEDAREASOLID(#65,#23,#21,200.);
#67=IFCSHAPEREPRESENTATION(#24,'Body','SweptSolid',(#66));
#68=IFCPRODUCTDEFINITIONSHAPE($,$,(#67));
#69=IFCSLAB('5YvctVUKr0kugbFTf53O9L',#5,'Slab-1',$,$,#62,#68,$,.FLOOR.);
#90=IFCCARTESIANPOINTLIST3D(((0.,100.,1000.),(1000.,100.,1000.),(1000.,100.,2000.),(0.,100.,2000.)));
#91=IFCTRIANGULATEDFACESET(#90,$,.F.,((1,2,3),(1,3,4)),$);
#92=IFCSHAPEREPRESENTATION(#24,'Body','Tessellation',(#91));
#93=IFCPRODUCTDEFINITIONSHAPE($,$,(#92));
#94=IFCWINDOW('6YvctVUKr0kugbFTf53O9L',#5,$,$,$,#52,#93,$,1000.,1000.,.WINDOW.,$,$);
#70=IFCRELAGGREGATES('7YvctVUKr0kugbFTf53O9L',#5,$,$,#30,(#41));
#71=IFCRELAGGREGATES('8YvctVUKr0kugbFTf53O9L',#5,$,$,#41,(#43));
#72=IFCRELAGGREGATES('9YvctVUKr0kugbFTf53O9L',#5,$,$,#43,(#45));
#73=IFCRELCONTAINEDINSPATIALSTRUCTURE('AYvctVUKr0kugbFTf53O9L',#5,$,$,(#57,#69,#94),#45);
#80=IFCCOLOURRGB($,0.6,0.3,0.2);
#81=IFCSURFACESTYLERENDERING(#80,0.,$,$,$,$,$,$,.FLAT.);
#82=IFCSURFACESTYLE('Brick',.BOTH.,(#81));
#84=IFCSTYLEDITEM(#54,(#82),$);
ENDSEC;
END-ISO-10303-21;
)";

#if GREENTWIN_HAVE_IFCPP

const SceneNode& node(const ModelData& model, const std::string& name) {
  for (const SceneNode& n : model.nodes)
    if (n.name == name) return n;
  FAIL("no node named " << name);
  return model.nodes.front();
}

const SceneNode& parentOf(const ModelData& model, const SceneNode& child) {
  REQUIRE(child.parent >= 0);
  return model.nodes[static_cast<size_t>(child.parent)];
}

Material materialOf(const ModelData& model, const std::string& name) {
  const auto index = static_cast<uint32_t>(&node(model, name) - model.nodes.data());
  for (const DrawRecord& draw : model.draws)
    if (draw.node == index) return model.materials[draw.material];
  FAIL("node " << name << " draws nothing");
  return {};
}

void checkBox(const Bounds& b, glm::vec3 min, glm::vec3 max) {
  INFO("min " << b.min.x << " " << b.min.y << " " << b.min.z << ", max " << b.max.x << " "
              << b.max.y << " " << b.max.z);
  for (int i = 0; i < 3; ++i) {
    CHECK(b.min[i] == Approx(min[i]).margin(1e-4));
    CHECK(b.max[i] == Approx(max[i]).margin(1e-4));
  }
}

// What the test file must give, however it was read (in-process or through the importers).
void checkHall(const ModelData& model) {
  // Names are the elements' Name, else their GlobalId; the tree is the IFC spatial structure.
  const SceneNode& wall = node(model, "Wall-T");
  const SceneNode& storey = parentOf(model, wall);
  CHECK(storey.name == "Ground floor");
  CHECK(parentOf(model, storey).name == "Hall");
  CHECK(parentOf(model, parentOf(model, storey)).name == "Site");
  CHECK(model.nodes.front().name == "Plant");
  CHECK(parentOf(model, node(model, "Slab-1")).name == "Ground floor");
  CHECK(parentOf(model, node(model, "6YvctVUKr0kugbFTf53O9L")).name == "Ground floor");

  // Millimetres to metres, IFC (x, y, z) to scene (x, z, -y).
  CHECK(wall.triangles == 12);
  checkBox(wall.world_bounds, {1.f, 0.f, -0.1f}, {5.f, 3.f, 0.1f});
  const SceneNode& slab = node(model, "Slab-1");
  CHECK(slab.triangles == 12);  // a box: 6 faces, 2 triangles each
  checkBox(slab.world_bounds, {0.f, -0.2f, -2.f}, {6.f, 0.f, 2.f});
  const SceneNode& window = node(model, "6YvctVUKr0kugbFTf53O9L");
  CHECK(window.triangles == 2);
  checkBox(window.world_bounds, {1.f, 1.f, -0.1f}, {2.f, 2.f, -0.1f});
  CHECK(model.triangles == 26);
  CHECK(storey.triangles == 26);
  checkBox(model.bounds, {0.f, -0.2f, -2.f}, {6.f, 3.f, 2.f});

  // The wall's style; the slab and the window by their type.
  const Material brick = materialOf(model, "Wall-T");
  CHECK(brick.base_colour.r == Approx(0.6f));
  CHECK(brick.base_colour.g == Approx(0.3f));
  CHECK(brick.base_colour.b == Approx(0.2f));
  CHECK(brick.base_colour.a == Approx(1.f));
  CHECK_FALSE(brick.blend);
  const Material slab_grey = materialOf(model, "Slab-1");
  CHECK(slab_grey.base_colour.r == Approx(0.6f));
  CHECK(slab_grey.base_colour.g == Approx(0.6f));
  const Material glass = materialOf(model, "6YvctVUKr0kugbFTf53O9L");
  CHECK(glass.blend);
  CHECK(glass.base_colour.a < 0.5f);
  CHECK(glass.base_colour.b > glass.base_colour.r);
}

#endif

}  // namespace

#if GREENTWIN_HAVE_IFCPP

TEST_CASE("IFC4 through IFC++ keeps names, the spatial tree, metres, Y up and colours",
          "[engine][model][ifc4]") {
  const fs::path file = writeIfc("hall4.ifc", kIfc4);
  checkHall(loadModelData(file, nullptr, {}, nullptr, &loadIfcModel));
}

TEST_CASE("IFC4: an opening is cut out of its wall and draws nothing itself",
          "[engine][model][ifc4]") {
  // Wall-E: the same 4000 x 200 x 3000 mm wall as an extrusion, with a 1000 x 1000 mm hole
  // (an IfcOpeningElement through its whole thickness, 1500 mm along and 1000 mm up).
  std::string ifc = kIfc4;
  ifc.insert(ifc.find("ENDSEC;\nEND-ISO"), R"(#100=IFCCARTESIANPOINT((1500.,-200.,1000.));
#101=IFCAXIS2PLACEMENT3D(#100,$,$);
#102=IFCLOCALPLACEMENT(#52,#101);
#103=IFCCARTESIANPOINT((500.,200.));
#104=IFCAXIS2PLACEMENT2D(#103,$);
#105=IFCRECTANGLEPROFILEDEF(.AREA.,$,#104,1000.,400.);
#106=IFCEXTRUDEDAREASOLID(#105,#23,#21,1000.);
#107=IFCSHAPEREPRESENTATION(#24,'Body','SweptSolid',(#106));
#108=IFCPRODUCTDEFINITIONSHAPE($,$,(#107));
#109=IFCOPENINGELEMENT('BYvctVUKr0kugbFTf53O9L',#5,'Hole',$,$,#102,#108,$,.OPENING.);
#110=IFCRELVOIDSELEMENT('CYvctVUKr0kugbFTf53O9L',#5,$,$,#200,#109);
#200=IFCWALL('DYvctVUKr0kugbFTf53O9L',#5,'Wall-E',$,$,#52,#201,$,.SOLIDWALL.);
#201=IFCPRODUCTDEFINITIONSHAPE($,$,(#202));
#202=IFCSHAPEREPRESENTATION(#24,'Body','SweptSolid',(#203));
#203=IFCEXTRUDEDAREASOLID(#204,#23,#21,3000.);
#204=IFCRECTANGLEPROFILEDEF(.AREA.,$,#205,4000.,200.);
#205=IFCAXIS2PLACEMENT2D(#206,$);
#206=IFCCARTESIANPOINT((2000.,0.));
#210=IFCRELCONTAINEDINSPATIALSTRUCTURE('EYvctVUKr0kugbFTf53O9L',#5,$,$,(#200),#45);
)");
  const ModelData model =
      loadModelData(writeIfc("hall4-hole.ifc", ifc), nullptr, {}, nullptr, &loadIfcModel);
  const SceneNode& wall = node(model, "Wall-E");
  checkBox(wall.world_bounds, {1.f, 0.f, -0.1f}, {5.f, 3.f, 0.1f});
  // A box is 12 triangles; the hole adds its 4 sides and splits the two big faces.
  CHECK(wall.triangles > 12);
  for (const SceneNode& n : model.nodes) CHECK(n.name != "Hole");
  // Surface area, m²: the box's 2 x (4 x 3) + 2 x (4 x 0.2) + 2 x (3 x 0.2) = 26.8, less the
  // hole's two 1 x 1 faces, plus its four 1 x 0.2 sides: 25.6.
  const auto index = static_cast<uint32_t>(&wall - model.nodes.data());
  double area = 0.;
  for (const DrawRecord& draw : model.draws) {
    if (draw.node != index) continue;
    const MeshRange& mesh = model.meshes[draw.mesh];
    for (uint32_t i = 0; i < mesh.index_count; i += 3) {
      glm::vec3 p[3];
      for (uint32_t k = 0; k < 3; ++k) {
        const uint32_t v =
            model.indices[mesh.first_index + i + k] + static_cast<uint32_t>(mesh.vertex_offset);
        p[k] = glm::vec3(draw.world * glm::vec4(model.vertices[v].position, 1.f));
      }
      area += 0.5 * glm::length(glm::cross(p[1] - p[0], p[2] - p[0]));
    }
  }
  CHECK(area == Approx(25.6).epsilon(1e-4));
}

TEST_CASE("IFC4X3 is read as IFC4, which is all this IFC++ accepts", "[engine][model][ifc4]") {
  std::string ifc4x3 = kIfc4;
  ifc4x3.replace(ifc4x3.find("'IFC4'"), 6, "'IFC4X3_ADD2'");
  const fs::path file = writeIfc("hall4x3.ifc", ifc4x3);
  checkHall(loadModelData(file, nullptr, {}, nullptr, &loadIfcModel));
}

TEST_CASE("IFC4 is not given to Assimp: without IFC++ the loader asks for the IFC importer",
          "[engine][model][ifc4]") {
  const fs::path file = writeIfc("hall4-routed.ifc", kIfc4);
  CHECK_THROWS_AS(loadModelData(file), IfcImporterNeeded);
  CHECK_THROWS_WITH(loadModelData(file), file.string() +
                                             ": IFC schema IFC4 is read by the IFC importer "
                                             "(greentwin-import-ifc)");
}

TEST_CASE("greentwin-import hands IFC4 to greentwin-import-ifc and a truncated file is one message",
          "[engine][model][ifc4][import]") {
  ModelImportOptions options;
  options.use_cache = false;
  const fs::path cut = writeIfc("hall4-cut.ifc", kIfc4.substr(0, kIfc4.find("#57=")));
  // The importer process fails alone; this process (the viewer's side) reads its message.
  CHECK_THROWS_WITH(importModel(cut, options),
                    cut.string() +
                        ": the IFC file is truncated (it does not end with END-ISO-10303-21;); "
                        "copy or export it again");
  // ... and goes on to read the whole file through the same importers.
  const fs::path file = writeIfc("hall4-process.ifc", kIfc4);
  checkHall(importModel(file, options).data);
}

#else

TEST_CASE("IFC4 is refused with the reason in a build without IFC++", "[engine][model][ifc4]") {
  const fs::path file = writeIfc("hall4-refused.ifc", kIfc4);
  CHECK_THROWS_WITH(loadModelData(file),
                    file.string() +
                        ": IFC schema IFC4; this viewer reads IFC2X3 through Assimp, which cannot "
                        "read IFC4 geometry, and was built without IFC++ (libifcplusplus-dev), "
                        "which would; export as IFC2X3 or glTF");
}

#endif
