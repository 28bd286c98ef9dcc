// STEP/IGES -> ModelData through Open CASCADE's XCAF document: the reader keeps the assembly
// structure (labels, components with locations), names and colours; BRepMesh tessellates every
// face once; the walk below turns instances into nodes and draws. A part placed several times
// becomes one mesh and several draws, each with its own world matrix (instancing-friendly).
#include "cad_import.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <BRepBndLib.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GeomLProp_SLProps.hxx>
#include <Geom_Surface.hxx>
#include <IGESCAFControl_Reader.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <Poly_Triangulation.hxx>
#include <Precision.hxx>
#include <Quantity_ColorRGBA.hxx>
#include <STEPCAFControl_Reader.hxx>
#include <Standard_Failure.hxx>
#include <TCollection_AsciiString.hxx>
#include <TDF_Label.hxx>
#include <TDF_LabelSequence.hxx>
#include <TDF_Tool.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_DataMapOfShapeInteger.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Face.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>

namespace gt::engine {
namespace {

// CAD is Z up, the scene is Y up (docs/architecture.md): a -90 degree turn about X, so CAD
// (x, y, z) lands at (x, z, -y). A rotation, not a mirror, so windings and normals stay right.
const glm::mat4 kZUpToYUp{glm::vec4(1, 0, 0, 0), glm::vec4(0, 0, -1, 0), glm::vec4(0, 1, 0, 0),
                          glm::vec4(0, 0, 0, 1)};

// OCCT reports through printers on stdout, where greentwin-import speaks its progress protocol;
// the reasons that matter reach the user through our own messages instead.
void silenceOcctMessages() {
  static std::once_flag once;
  std::call_once(once, [] {
    Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
  });
}

std::string labelName(const TDF_Label& label) {
  Handle(TDataStd_Name) name;
  if (label.IsNull() || !label.FindAttribute(TDataStd_Name::GetID(), name)) return {};
  // No replacement character: the ExtendedString is converted to UTF-8 (Chinese part names).
  return TCollection_AsciiString(name->Get()).ToCString();
}

std::string labelEntry(const TDF_Label& label) {
  TCollection_AsciiString entry;
  TDF_Tool::Entry(label, entry);
  return entry.ToCString();
}

// A location's rotation as is and its translation converted to metres, so every matrix the
// renderer sees is rigid (no 0.001 scale for normals and picking to undo).
glm::mat4 toGlm(const TopLoc_Location& location, double metres_per_unit) {
  const gp_Trsf t = location.Transformation();
  glm::mat4 m(1.f);
  for (int c = 0; c < 3; ++c)
    for (int r = 0; r < 3; ++r) m[c][r] = static_cast<float>(t.Value(r + 1, c + 1));
  for (int r = 0; r < 3; ++r) m[3][r] = static_cast<float>(t.Value(r + 1, 4) * metres_per_unit);
  return m;
}

glm::vec3 toGlm(const gp_XYZ& p) {
  return {static_cast<float>(p.X()), static_cast<float>(p.Y()), static_cast<float>(p.Z())};
}

// Per-node normals of one face's triangulation, in the triangulation's own frame: those the
// triangulation carries, else the surface's own normal at each node's (u, v) (exact and smooth
// across the face), else the area-weighted average of the adjacent triangles'. Oriented like
// the surface, before the face's orientation is applied.
std::vector<gp_XYZ> faceNormals(const TopoDS_Face& face, const Poly_Triangulation& tri,
                                const TopLoc_Location& tri_location) {
  const int n = tri.NbNodes();
  std::vector<gp_XYZ> normals(static_cast<size_t>(n), gp_XYZ(0, 0, 0));
  if (tri.HasNormals()) {
    for (int i = 1; i <= n; ++i) normals[static_cast<size_t>(i - 1)] = tri.Normal(i).XYZ();
    return normals;
  }
  for (int t = 1; t <= tri.NbTriangles(); ++t) {
    int a, b, c;
    tri.Triangle(t).Get(a, b, c);
    const gp_XYZ pa = tri.Node(a).XYZ(), pb = tri.Node(b).XYZ(), pc = tri.Node(c).XYZ();
    const gp_XYZ area_normal = (pb - pa).Crossed(pc - pa);  // longer for larger triangles
    for (int v : {a, b, c}) normals[static_cast<size_t>(v - 1)] += area_normal;
  }
  TopLoc_Location surface_location;
  const Handle(Geom_Surface) surface = BRep_Tool::Surface(face, surface_location);
  // The surface is evaluated in its own frame; only use it when that is the nodes' frame.
  if (!surface.IsNull() && tri.HasUVNodes() && surface_location.IsEqual(tri_location)) {
    GeomLProp_SLProps props(surface, 1, Precision::Confusion());
    for (int i = 1; i <= n; ++i) {
      const gp_Pnt2d uv = tri.UVNode(i);
      props.SetParameters(uv.X(), uv.Y());
      if (props.IsNormalDefined()) normals[static_cast<size_t>(i - 1)] = props.Normal().XYZ();
    }
  }
  return normals;
}

class CadSceneBuilder {
 public:
  CadSceneBuilder(const Handle(XCAFDoc_ColorTool) & colours, double metres_per_unit, ModelData& out)
      : colours_(colours), metres_per_unit_(metres_per_unit), out_(out) {}

  // One node for `label` (a free shape or a component), its subtree below it.
  void walk(const TDF_Label& label, const glm::mat4& parent_world, int32_t parent,
            std::optional<glm::vec4> inherited_colour, const std::string& fallback_name) {
    TDF_Label shape_label = label;
    glm::mat4 local(1.f);
    if (XCAFDoc_ShapeTool::IsReference(label)) {
      XCAFDoc_ShapeTool::GetReferredShape(label, shape_label);
      local = toGlm(XCAFDoc_ShapeTool::GetLocation(label), metres_per_unit_);
    }
    const uint32_t index = static_cast<uint32_t>(out_.nodes.size());
    SceneNode node;
    node.name = nodeName(label, shape_label);
    if (node.name.empty()) node.name = fallback_name;
    node.parent = parent;
    node.world = parent_world * local;
    out_.nodes.push_back(node);

    // An instance's own colour overrides its part's; a part without one takes its assembly's.
    std::optional<glm::vec4> colour = colourOf(label);
    if (!colour && shape_label != label) colour = colourOf(shape_label);
    if (!colour) colour = inherited_colour;

    if (XCAFDoc_ShapeTool::IsAssembly(shape_label)) {
      TDF_LabelSequence components;
      XCAFDoc_ShapeTool::GetComponents(shape_label, components);
      int ordinal = 0;
      for (const TDF_Label& component : components)
        walk(component, out_.nodes[index].world, static_cast<int32_t>(index), colour,
             node.name + "/" + std::to_string(++ordinal));
    } else {
      for (const PartMesh& part : meshesOf(shape_label)) {
        DrawRecord draw;
        draw.node = index;
        draw.mesh = part.mesh;
        const std::optional<glm::vec4>& c = part.colour ? part.colour : colour;
        draw.material = c ? materialOf(*c) : defaultMaterial();
        draw.world = out_.nodes[index].world;
        draw.world_bounds = transformBounds(out_.meshes[part.mesh].local_bounds, draw.world);
        out_.draws.push_back(draw);
        out_.nodes[index].world_bounds.extend(draw.world_bounds);
        out_.nodes[index].triangles += out_.meshes[part.mesh].index_count / 3;
      }
    }
    out_.nodes[index].subtree_end = static_cast<uint32_t>(out_.nodes.size());
  }

 private:
  // The instance's name when the file gives it one of its own, else the part's: instance
  // names tell two placements of one bolt apart, part names are what the builder called it.
  static std::string nodeName(const TDF_Label& label, const TDF_Label& shape_label) {
    std::string name = labelName(label);
    // OCCT names unnamed components after their label entry ("=>[0:1:1:2]"): no name at all.
    if (name.starts_with("=>")) name.clear();
    if (name.empty() && shape_label != label) name = labelName(shape_label);
    return name;
  }

  std::optional<glm::vec4> colourOf(const TDF_Label& label) const {
    Quantity_ColorRGBA colour;
    for (XCAFDoc_ColorType type : {XCAFDoc_ColorSurf, XCAFDoc_ColorGen}) {
      if (colours_->GetColor(label, type, colour)) {
        // Quantity_Color holds linear RGB, as Material::base_colour wants.
        const Quantity_Color& rgb = colour.GetRGB();
        return glm::vec4(rgb.Red(), rgb.Green(), rgb.Blue(), colour.Alpha());
      }
    }
    return std::nullopt;
  }

  uint32_t materialOf(const glm::vec4& colour) {
    for (uint32_t i = 0; i < out_.materials.size(); ++i)
      if (out_.materials[i].base_colour == colour && out_.materials[i].name != "default") return i;
    Material material;
    char name[32];
    std::snprintf(name, sizeof name, "colour %.3f %.3f %.3f", static_cast<double>(colour.r),
                  static_cast<double>(colour.g), static_cast<double>(colour.b));
    material.name = name;
    material.base_colour = colour;
    material.blend = colour.a < 0.999f;
    out_.materials.push_back(material);
    return static_cast<uint32_t>(out_.materials.size() - 1);
  }

  uint32_t defaultMaterial() {
    if (!default_material_) {
      Material material;
      material.name = "default";
      out_.materials.push_back(material);
      default_material_ = static_cast<uint32_t>(out_.materials.size() - 1);
    }
    return *default_material_;
  }

  static int paletteIndex(std::vector<glm::vec4>& palette, const glm::vec4& colour) {
    const auto it = std::find(palette.begin(), palette.end(), colour);
    if (it != palette.end()) return static_cast<int>(it - palette.begin());
    palette.push_back(colour);
    return static_cast<int>(palette.size() - 1);
  }

  // One mesh of a part: its faces of one colour (or of no colour of their own).
  struct PartMesh {
    uint32_t mesh = 0;
    std::optional<glm::vec4> colour;  // the faces' own; nullopt: the instance's or part's
  };

  // The part's triangles in its own frame (metres, CAD axes), made once per part label and
  // split by face colour: IGES files and some STEP exporters colour faces or solids inside a
  // part (XCAF sub-shape labels) rather than the part itself.
  const std::vector<PartMesh>& meshesOf(const TDF_Label& part) {
    const std::string entry = labelEntry(part);
    if (auto it = meshes_of_part_.find(entry); it != meshes_of_part_.end()) return it->second;

    // Face -> colour index; a colour given to a face beats one given to its solid or shell.
    std::vector<glm::vec4> palette;
    TopTools_DataMapOfShapeInteger face_colour;
    TDF_LabelSequence subs;
    XCAFDoc_ShapeTool::GetSubShapes(part, subs);
    for (bool faces_pass : {false, true}) {
      for (const TDF_Label& sub : subs) {
        const TopoDS_Shape sub_shape = XCAFDoc_ShapeTool::GetShape(sub);
        if (sub_shape.IsNull() || (sub_shape.ShapeType() == TopAbs_FACE) != faces_pass) continue;
        const std::optional<glm::vec4> c = colourOf(sub);
        if (!c) continue;
        const int colour_index = paletteIndex(palette, *c);
        for (TopExp_Explorer it(sub_shape, TopAbs_FACE); it.More(); it.Next())
          face_colour.Bind(it.Current(), colour_index);
      }
    }
    const TopoDS_Shape shape = XCAFDoc_ShapeTool::GetShape(part);

    std::vector<std::vector<TopoDS_Face>> groups(palette.size() + 1);  // last: no colour
    for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
      const int* colour_index = face_colour.Seek(it.Current());
      groups[colour_index ? static_cast<size_t>(*colour_index) : palette.size()].push_back(
          TopoDS::Face(it.Current()));
    }

    std::vector<PartMesh> meshes;
    for (size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].empty()) continue;
      MeshRange range;
      range.first_index = static_cast<uint32_t>(out_.indices.size());
      range.vertex_offset = static_cast<int32_t>(out_.vertices.size());
      for (const TopoDS_Face& face : groups[g]) appendFace(face, range);
      range.index_count = static_cast<uint32_t>(out_.indices.size()) - range.first_index;
      if (range.index_count == 0) continue;  // faces BRepMesh could not triangulate
      out_.meshes.push_back(range);
      PartMesh mesh;
      mesh.mesh = static_cast<uint32_t>(out_.meshes.size() - 1);
      if (g < palette.size()) mesh.colour = palette[g];
      meshes.push_back(mesh);
    }
    return meshes_of_part_.emplace(entry, std::move(meshes)).first->second;
  }

  void appendFace(const TopoDS_Face& face, MeshRange& range) {
    TopLoc_Location location;
    const Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(face, location);
    if (tri.IsNull() || tri->NbTriangles() == 0) return;
    const gp_Trsf trsf = location.Transformation();
    // A reversed face's outside is the surface's inside; a mirroring location turns the
    // winding over once more.
    const bool reversed = face.Orientation() == TopAbs_REVERSED;
    const bool flip = reversed != trsf.IsNegative();
    const std::vector<gp_XYZ> normals = faceNormals(face, *tri, location);

    const uint32_t base = static_cast<uint32_t>(out_.vertices.size() - range.vertex_offset);
    for (int i = 1; i <= tri->NbNodes(); ++i) {
      const gp_Pnt p = tri->Node(i).Transformed(trsf);
      gp_XYZ n = normals[static_cast<size_t>(i - 1)];
      if (n.SquareModulus() > 1e-24) {
        n = gp_Dir(n).Transformed(trsf).XYZ();
        if (reversed) n.Reverse();
      } else {
        n = gp_XYZ(0, 0, 1);  // a degenerate spot (cone apex); any unit vector will do
      }
      const glm::vec3 position = toGlm(p.XYZ() * metres_per_unit_);
      out_.vertices.push_back({position, toGlm(n)});
      range.local_bounds.extend(position);
    }
    for (int t = 1; t <= tri->NbTriangles(); ++t) {
      int a, b, c;
      tri->Triangle(t).Get(a, b, c);
      if (flip) std::swap(b, c);
      for (int v : {a, b, c}) out_.indices.push_back(base + static_cast<uint32_t>(v - 1));
    }
  }

  Handle(XCAFDoc_ColorTool) colours_;
  double metres_per_unit_;
  ModelData& out_;
  std::map<std::string, std::vector<PartMesh>> meshes_of_part_;
  std::optional<uint32_t> default_material_;
};

// IGES ends with its Terminate line: 'T' in column 73 (IGES 5.3 §2.2.4.6). A file cut short
// lacks it, and OCCT 7.6 can crash transferring one (a name entity read past the end), so
// such files are refused before OCCT sees them.
bool igesHasTerminateLine(const std::string& name) {
  std::ifstream in(name, std::ios::binary | std::ios::ate);
  const std::streamoff size = in.tellg();
  if (!in || size <= 0) return false;
  const std::streamoff tail = std::min<std::streamoff>(size, 1024);
  std::string bytes(static_cast<size_t>(tail), '\0');
  in.seekg(size - tail);
  in.read(bytes.data(), tail);
  while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.back()))) bytes.pop_back();
  const size_t line_start = bytes.find_last_of("\r\n") + 1;  // npos + 1 == 0: one line only
  const std::string line = bytes.substr(line_start);
  return line.size() >= 73 && line[72] == 'T';
}

// Reads the file into `doc`; throws with the reason when the file cannot be parsed or turned
// into shapes.
void readDocument(const std::string& name, ModelFormat format, Handle(TDocStd_Document) & doc,
                  const LoadProgress& progress) {
  const char* kind = formatName(format);
  auto read = [&](auto& reader) {
    reader.SetColorMode(true);
    reader.SetNameMode(true);
    reader.SetLayerMode(false);
    if (progress) progress(0.05f, "reading the file");
    const IFSelect_ReturnStatus status = reader.ReadFile(name.c_str());
    if (status == IFSelect_RetVoid)  // parsed, but its DATA section holds nothing
      throw std::runtime_error(name + ": " + kind + " file contains no shapes");
    if (status != IFSelect_RetDone)
      throw std::runtime_error(name + ": cannot be read as " + kind +
                               " (the file is damaged, truncated or not " + kind + ")");
    if (reader.NbRootsForTransfer() == 0)
      throw std::runtime_error(name + ": " + kind + " file contains no shapes");
    if (progress) progress(0.3f, "building the assembly");
    if (!reader.Transfer(doc))
      throw std::runtime_error(name + ": " + kind +
                               " transfer failed (the file's geometry could not be rebuilt)");
  };
  if (format == ModelFormat::Step) {
    STEPCAFControl_Reader reader;
    reader.SetPropsMode(false);
    reader.SetGDTMode(false);
    reader.SetMatMode(false);
    reader.SetViewMode(false);
    read(reader);
  } else {
    if (!igesHasTerminateLine(name))
      throw std::runtime_error(name + ": IGES file is truncated (its Terminate line is missing)");
    IGESCAFControl_Reader reader;
    read(reader);
  }
}

ModelData buildModel(const std::filesystem::path& file, ModelFormat format,
                     const Handle(TDocStd_Document) & doc, const LoadProgress& progress) {
  const std::string name = file.string();
  const Handle(XCAFDoc_ShapeTool) shapes = XCAFDoc_DocumentTool::ShapeTool(doc->Main());
  const Handle(XCAFDoc_ColorTool) colours = XCAFDoc_DocumentTool::ColorTool(doc->Main());
  TDF_LabelSequence roots;
  shapes->GetFreeShapes(roots);
  if (roots.IsEmpty())
    throw std::runtime_error(name + ": " + formatName(format) + " file contains no shapes");

  // The readers convert every length into the document's unit (millimetres unless told
  // otherwise), whatever the file declares.
  double mm_per_unit = 1.0;
  if (!XCAFDoc_DocumentTool::GetLengthUnit(doc, mm_per_unit, UnitsMethods_LengthUnit_Millimeter) ||
      !(mm_per_unit > 0.0))
    mm_per_unit = 1.0;

  // One compound of every free shape: its box picks the tolerance, and meshing it meshes each
  // shared part once however many instances there are.
  TopoDS_Compound all;
  BRep_Builder builder;
  builder.MakeCompound(all);
  for (const TDF_Label& root : roots) builder.Add(all, XCAFDoc_ShapeTool::GetShape(root));
  Bnd_Box box;
  BRepBndLib::Add(all, box);
  if (box.IsVoid())
    throw std::runtime_error(name + ": " + formatName(format) + " file has no geometry");
  const double diagonal_mm = std::sqrt(box.SquareExtent()) * mm_per_unit;
  const double deflection = cadLinearDeflectionMm(diagonal_mm) / mm_per_unit;

  if (progress) progress(0.5f, "tessellating");
  BRepMesh_IncrementalMesh mesher(all, deflection, false, kCadAngularDeflection, true);
  if (!mesher.IsDone())
    throw std::runtime_error(name + ": " + formatName(format) + " tessellation failed");

  if (progress) progress(0.85f, "building the node tree");
  ModelData out;
  CadSceneBuilder scene(colours, mm_per_unit * 1e-3, out);
  const std::string stem = file.stem().string();
  if (roots.Length() == 1) {
    scene.walk(roots.First(), kZUpToYUp, -1, std::nullopt, stem);
  } else {
    // Several top-level shapes (IGES files usually are): one root named after the file.
    SceneNode root;
    root.name = stem;
    root.world = kZUpToYUp;
    out.nodes.push_back(root);
    int i = 0;
    for (const TDF_Label& label : roots)
      scene.walk(label, kZUpToYUp, 0, std::nullopt, stem + "/" + std::to_string(++i));
    out.nodes[0].subtree_end = static_cast<uint32_t>(out.nodes.size());
  }
  // Subtree bounds and counts, children before parents (pre-order read backwards).
  for (size_t i = out.nodes.size(); i-- > 1;) {
    SceneNode& parent = out.nodes[static_cast<size_t>(out.nodes[i].parent)];
    parent.world_bounds.extend(out.nodes[i].world_bounds);
    parent.triangles += out.nodes[i].triangles;
  }
  for (const DrawRecord& draw : out.draws) {
    out.bounds.extend(draw.world_bounds);
    out.triangles += out.meshes[draw.mesh].index_count / 3;
  }
  // A mesh's own material is its first placement's; each draw carries its own anyway.
  std::vector<bool> has_material(out.meshes.size(), false);
  for (const DrawRecord& draw : out.draws)
    if (!has_material[draw.mesh]) {
      out.meshes[draw.mesh].material = draw.material;
      has_material[draw.mesh] = true;
    }
  if (out.materials.empty()) out.materials.push_back(Material{});
  if (out.draws.empty())
    throw std::runtime_error(name + ": " + formatName(format) +
                             " file contains no surfaces to draw (wires or points only)");
  return out;
}

}  // namespace

double cadLinearDeflectionMm(double diagonal_mm) {
  return std::clamp(diagonal_mm * 1e-3, 0.01, 5.0);
}

ModelData loadCadModel(const std::filesystem::path& file, ModelFormat format,
                       const LoadProgress& progress) {
  const std::string name = file.string();
  if (format != ModelFormat::Step && format != ModelFormat::Iges)
    throw std::runtime_error(name + ": " + formatName(format) + " is not a CAD format");
  silenceOcctMessages();
  Handle(XCAFApp_Application) app = XCAFApp_Application::GetApplication();
  Handle(TDocStd_Document) doc;
  app->NewDocument("MDTV-XCAF", doc);
  // Closes the document however we leave, so a test importing many files does not pile up.
  struct CloseDocument {
    Handle(XCAFApp_Application) app;
    Handle(TDocStd_Document) doc;
    ~CloseDocument() {
      if (!doc.IsNull() && doc->IsOpened()) app->Close(doc);
    }
  } closer{app, doc};
  try {
    readDocument(name, format, doc, progress);
    return buildModel(file, format, doc, progress);
  } catch (const Standard_Failure& e) {
    throw std::runtime_error(
        name + ": " + formatName(format) + " import failed inside Open CASCADE (" +
        (e.GetMessageString() && *e.GetMessageString() ? e.GetMessageString()
                                                       : e.DynamicType()->Name()) +
        ")");
  }
}

}  // namespace gt::engine
