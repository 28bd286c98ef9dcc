// IFC4 -> ModelData through IFC++: its STEP reader builds the entity graph, its Carve-based
// GeometryConverter tessellates each product (openings subtracted, lengths already in metres)
// and resolves the spatial tree; the walk below turns that tree into nodes, one mesh per
// product and colour, placed by the product's world matrix.
#include "ifc_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <ifcpp/IFC4/include/IfcBeam.h>
#include <ifcpp/IFC4/include/IfcColumn.h>
#include <ifcpp/IFC4/include/IfcCovering.h>
#include <ifcpp/IFC4/include/IfcCurtainWall.h>
#include <ifcpp/IFC4/include/IfcDoor.h>
#include <ifcpp/IFC4/include/IfcGloballyUniqueId.h>
#include <ifcpp/IFC4/include/IfcLabel.h>
#include <ifcpp/IFC4/include/IfcPlate.h>
#include <ifcpp/IFC4/include/IfcProject.h>
#include <ifcpp/IFC4/include/IfcRoof.h>
#include <ifcpp/IFC4/include/IfcSlab.h>
#include <ifcpp/IFC4/include/IfcSpace.h>
#include <ifcpp/IFC4/include/IfcWall.h>
#include <ifcpp/IFC4/include/IfcWindow.h>
#include <ifcpp/geometry/Carve/GeometryConverter.h>
#include <ifcpp/model/BuildingModel.h>
#include <ifcpp/reader/ReaderSTEP.h>
#include <carve/triangulator.hpp>

namespace gt::engine {
namespace {

// IFC is Z up, the scene is Y up (docs/models.md): the same -90 degree turn about X as CAD.
const glm::mat4 kZUpToYUp{glm::vec4(1, 0, 0, 0), glm::vec4(0, 0, -1, 0), glm::vec4(0, 1, 0, 0),
                          glm::vec4(0, 0, 0, 1)};

std::string utf8(const std::wstring& text) {
  std::string out;
  for (const wchar_t wc : text) {
    const auto c = static_cast<uint32_t>(wc);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | c >> 6);
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | c >> 12);
      out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | c >> 18);
      out += static_cast<char>(0x80 | (c >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// IFC++ prints a few diagnostics on std::cout, where greentwin-import speaks its progress
// protocol; while an import runs they go to stderr instead.
class CoutToStderr {
 public:
  CoutToStderr() : saved_(std::cout.rdbuf(std::cerr.rdbuf())) {}
  ~CoutToStderr() { std::cout.rdbuf(saved_); }
  CoutToStderr(const CoutToStderr&) = delete;
  CoutToStderr& operator=(const CoutToStderr&) = delete;

 private:
  std::streambuf* saved_;
};

// IFC++'s messages: progress goes on to LoadProgress, the first error is kept for the message
// when nothing could be drawn, the rest is dropped (a large model yields thousands).
struct MessageSink {
  const LoadProgress* progress = nullptr;
  float from = 0.f, to = 1.f;  // the slice of the whole import this stage reports into
  const char* stage = "";
  std::string first_error;
  size_t errors = 0;

  static void receive(void* self, shared_ptr<StatusCallback::Message> m) {
    auto& sink = *static_cast<MessageSink*>(self);
    if (m->m_message_type == StatusCallback::MESSAGE_TYPE_PROGRESS_VALUE) {
      if (*sink.progress && m->m_progress_value >= 0.)
        (*sink.progress)(sink.from + (sink.to - sink.from) *
                                         static_cast<float>(std::min(m->m_progress_value, 1.)),
                         sink.stage);
    } else if (m->m_message_type == StatusCallback::MESSAGE_TYPE_ERROR) {
      if (sink.errors++ == 0) sink.first_error = utf8(m->m_message_text);
    }
  }
};

std::string nameOf(const shared_ptr<IfcObjectDefinition>& object) {
  if (object->m_Name && !object->m_Name->m_value.empty()) return utf8(object->m_Name->m_value);
  if (object->m_GlobalId) return utf8(object->m_GlobalId->m_value);
  return "#" + std::to_string(object->m_entity_id);
}

// Colours for elements whose file gives none, by what the element is (sRGB-ish, as IFC's own).
Material defaultMaterialFor(const shared_ptr<IfcObjectDefinition>& object) {
  Material m;
  if (dynamic_pointer_cast<IfcWindow>(object) || dynamic_pointer_cast<IfcPlate>(object) ||
      dynamic_pointer_cast<IfcCurtainWall>(object)) {
    m.name = "glass";
    m.base_colour = {0.55f, 0.7f, 0.85f, 0.35f};
    m.roughness = 0.1f;
    m.blend = true;
  } else if (dynamic_pointer_cast<IfcWall>(object)) {
    m.name = "wall";
    m.base_colour = {0.85f, 0.85f, 0.83f, 1.f};
  } else if (dynamic_pointer_cast<IfcSlab>(object) || dynamic_pointer_cast<IfcRoof>(object) ||
             dynamic_pointer_cast<IfcCovering>(object)) {
    m.name = "slab";
    m.base_colour = {0.6f, 0.6f, 0.6f, 1.f};
  } else if (dynamic_pointer_cast<IfcDoor>(object)) {
    m.name = "door";
    m.base_colour = {0.55f, 0.42f, 0.3f, 1.f};
  } else if (dynamic_pointer_cast<IfcColumn>(object) || dynamic_pointer_cast<IfcBeam>(object)) {
    m.name = "structure";
    m.base_colour = {0.7f, 0.7f, 0.72f, 1.f};
  } else {
    m.name = "element";
  }
  return m;
}

// The surface colour styled onto `item`, else onto its representation, else its product.
const AppearanceData* surfaceAppearance(const ItemShapeData& item, const RepresentationData& rep,
                                        ProductShapeData& product) {
  for (const auto* list : {&item.m_vec_item_appearances, &rep.m_vec_representation_appearances,
                           &product.getAppearances()}) {
    for (const shared_ptr<AppearanceData>& a : *list) {
      if (a && a->m_complete &&
          (a->m_apply_to_geometry_type == AppearanceData::GEOM_TYPE_SURFACE ||
           a->m_apply_to_geometry_type == AppearanceData::GEOM_TYPE_ANY))
        return a.get();
    }
  }
  return nullptr;
}

// Shape representations meant to be seen: "Body" when the product has one, else everything but
// the bounding box (which would draw a solid block around the element).
std::vector<const RepresentationData*> visibleRepresentations(const ProductShapeData& product) {
  std::vector<const RepresentationData*> body, other;
  for (const shared_ptr<RepresentationData>& rep : product.m_vec_representations) {
    if (!rep) continue;
    if (rep->m_representation_identifier == L"Body") body.push_back(rep.get());
    if (rep->m_representation_identifier != L"Box" && rep->m_representation_type != L"BoundingBox")
      other.push_back(rep.get());
  }
  return body.empty() ? other : body;
}

glm::mat4 toGlm(const carve::math::Matrix& m) {
  glm::mat4 out;  // carve's m[column][row], as glm's
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r) out[c][r] = static_cast<float>(m.m[c][r]);
  return out;
}

class SceneBuilder {
 public:
  explicit SceneBuilder(ModelData& out) : out_(out) {}

  void walk(ProductShapeData& product, int32_t parent) {
    const shared_ptr<IfcObjectDefinition> object = product.m_ifc_object_definition.lock();
    if (!object) return;
    const auto index = static_cast<uint32_t>(out_.nodes.size());
    SceneNode node;
    node.name = nameOf(object);
    node.parent = parent;
    node.world = kZUpToYUp * toGlm(product.getTransform());
    out_.nodes.push_back(node);
    if (!dynamic_pointer_cast<IfcSpace>(object)) addMeshes(product, object, index);
    for (const shared_ptr<ProductShapeData>& child : product.getChildren())
      if (child) walk(*child, static_cast<int32_t>(index));
    out_.nodes[index].subtree_end = static_cast<uint32_t>(out_.nodes.size());
  }

 private:
  using Triangle = std::array<glm::vec3, 3>;

  void addMeshes(ProductShapeData& product, const shared_ptr<IfcObjectDefinition>& object,
                 uint32_t node) {
    std::map<uint32_t, std::vector<Triangle>> by_material;
    for (const RepresentationData* rep : visibleRepresentations(product)) {
      for (const shared_ptr<ItemShapeData>& item : rep->m_vec_item_data) {
        if (!item) continue;
        const AppearanceData* look = surfaceAppearance(*item, *rep, product);
        const uint32_t material = look ? materialOf(*look) : defaultMaterial(object);
        for (const auto* sets : {&item->m_meshsets, &item->m_meshsets_open})
          for (const shared_ptr<carve::mesh::MeshSet<3>>& set : *sets)
            if (set) appendTriangles(*set, by_material[material]);
      }
    }
    for (const auto& [material, triangles] : by_material) {
      if (triangles.empty()) continue;
      MeshRange range;
      range.first_index = static_cast<uint32_t>(out_.indices.size());
      range.vertex_offset = static_cast<int32_t>(out_.vertices.size());
      range.material = material;
      // Flat normals (architecture has hard edges), corners shared between the triangles of
      // one face: a box is 24 vertices, not 36.
      std::map<std::array<float, 6>, uint32_t> corners;
      for (const Triangle& t : triangles) {
        const glm::vec3 n = glm::normalize(glm::cross(t[1] - t[0], t[2] - t[0]));
        for (const glm::vec3& p : t) {
          const auto [it, added] =
              corners.emplace(std::array<float, 6>{p.x, p.y, p.z, n.x, n.y, n.z},
                              static_cast<uint32_t>(corners.size()));
          if (added) out_.vertices.push_back({p, n});
          out_.indices.push_back(it->second);
          range.local_bounds.extend(p);
        }
      }
      range.index_count = static_cast<uint32_t>(out_.indices.size()) - range.first_index;
      DrawRecord draw;
      draw.node = node;
      draw.mesh = static_cast<uint32_t>(out_.meshes.size());
      draw.material = material;
      draw.world = out_.nodes[node].world;
      draw.world_bounds = transformBounds(range.local_bounds, draw.world);
      out_.meshes.push_back(range);
      out_.draws.push_back(draw);
      out_.nodes[node].world_bounds.extend(draw.world_bounds);
      out_.nodes[node].triangles += range.index_count / 3;
    }
  }

  // Carve faces are planar polygons, convex or not (openings cut L shapes): ear clipping in the
  // face's own projection, each triangle then wound to face along the face's normal.
  static void appendTriangles(const carve::mesh::MeshSet<3>& set, std::vector<Triangle>& out) {
    std::vector<carve::mesh::MeshSet<3>::vertex_t*> corners;
    std::vector<carve::geom::vector<2>> projected;
    std::vector<carve::triangulate::tri_idx> triangles;
    for (const carve::mesh::Mesh<3>* mesh : set.meshes) {
      for (const carve::mesh::MeshSet<3>::face_t* face : mesh->faces) {
        if (!face || face->nVertices() < 3) continue;
        corners.clear();
        projected.clear();
        triangles.clear();
        face->getVertices(corners);
        face->getProjectedVertices(projected);
        if (corners.size() == 3) {
          triangles.push_back({});
          triangles.back().a = 0, triangles.back().b = 1, triangles.back().c = 2;
        } else {
          try {
            carve::triangulate::triangulate(projected, triangles);
          } catch (...) {  // a degenerate polygon: a fan is the best left
            triangles.clear();
            for (unsigned i = 1; i + 1 < corners.size(); ++i) {
              triangles.push_back({});
              triangles.back().a = 0, triangles.back().b = i, triangles.back().c = i + 1;
            }
          }
        }
        const glm::vec3 normal(face->plane.N.x, face->plane.N.y, face->plane.N.z);
        for (const carve::triangulate::tri_idx& t : triangles) {
          Triangle tri;
          for (int k = 0; k < 3; ++k) {
            const carve::geom::vector<3>& v = corners[t.v[k]]->v;
            tri[static_cast<size_t>(k)] = glm::vec3(v.x, v.y, v.z);
          }
          const glm::vec3 n = glm::cross(tri[1] - tri[0], tri[2] - tri[0]);
          if (glm::dot(n, n) < 1e-20f) continue;  // a sliver draws nothing
          if (glm::dot(n, normal) < 0.f) std::swap(tri[1], tri[2]);
          out.push_back(tri);
        }
      }
    }
  }

  uint32_t materialOf(const AppearanceData& look) {
    Material m;
    m.name = "style #" + std::to_string(look.m_step_style_id);
    m.base_colour = {
        static_cast<float>(look.m_color_diffuse.r()), static_cast<float>(look.m_color_diffuse.g()),
        static_cast<float>(look.m_color_diffuse.b()), static_cast<float>(look.m_color_diffuse.a())};
    m.blend = look.m_set_transparent || m.base_colour.a < 0.99f;
    return intern(m);
  }

  uint32_t defaultMaterial(const shared_ptr<IfcObjectDefinition>& object) {
    return intern(defaultMaterialFor(object));
  }

  uint32_t intern(const Material& m) {
    const auto key =
        std::make_tuple(m.name, m.base_colour.r, m.base_colour.g, m.base_colour.b, m.base_colour.a);
    const auto [it, added] = materials_.emplace(key, static_cast<uint32_t>(out_.materials.size()));
    if (added) out_.materials.push_back(m);
    return it->second;
  }

  ModelData& out_;
  std::map<std::tuple<std::string, float, float, float, float>, uint32_t> materials_;
};

std::string readWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot be opened");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// ISO 10303-21 §5: the exchange structure ends with END-ISO-10303-21; a file cut short (an
// interrupted copy or export) lacks it, and IFC++ would read whatever came before it.
bool endsProperly(const std::string& text) {
  size_t end = text.size();
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  static constexpr std::string_view kEnd = "END-ISO-10303-21;";
  return end >= kEnd.size() &&
         std::string_view(text).substr(end - kEnd.size(), kEnd.size()) == kEnd;
}

// This IFC++ accepts FILE_SCHEMA 'IFC4' only ("Unsupported IFC version" for IFC4_ADD2, IFC4X1 ..
// IFC4X3_ADD2), yet those schemas keep IFC4's building entities: the name is rewritten to IFC4
// and the entities IFC4 does not know are left out, which stderr says.
void readAsIfc4(const std::string& name, std::string& text) {
  const size_t at = text.find("FILE_SCHEMA");
  if (at == std::string::npos) return;
  const size_t open = text.find('\'', at);
  const size_t close = open == std::string::npos ? open : text.find('\'', open + 1);
  if (close == std::string::npos || close - open > 64) return;
  std::string schema = text.substr(open + 1, close - open - 1);
  for (char& c : schema) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (schema == "IFC4" || !schema.starts_with("IFC4")) return;
  text.replace(open + 1, close - open - 1, "IFC4");
  std::fprintf(stderr,
               "[model] %s: IFC schema %s read as IFC4 (what IFC++ reads); entities added "
               "after IFC4 are left out\n",
               name.c_str(), schema.c_str());
}

}  // namespace

ModelData loadIfcModel(const std::filesystem::path& file, ModelFormat format,
                       const LoadProgress& progress) {
  const std::string name = file.string();
  if (format != ModelFormat::Ifc)
    throw std::runtime_error(name + ": is not IFC; the IFC importer reads only IFC");
  if (progress) progress(0.05f, "reading the file");
  // IFC++'s loadModelFromFile reads nothing on Linux (its wide-path stream); the string
  // overload works.
  std::string text = readWhole(file);
  if (!endsProperly(text))
    throw std::runtime_error(name +
                             ": the IFC file is truncated (it does not end with "
                             "END-ISO-10303-21;); copy or export it again");
  readAsIfc4(name, text);

  const CoutToStderr quiet;
  MessageSink sink;
  sink.progress = &progress;
  sink.from = 0.05f, sink.to = 0.4f, sink.stage = "reading the file";
  auto model = std::make_shared<BuildingModel>();
  auto reader = std::make_shared<ReaderSTEP>();
  reader->setMessageCallBack(&sink, &MessageSink::receive);
  model->setMessageCallBack(&sink, &MessageSink::receive);
  model->getUnitConverter()->setMessageCallBack(&sink, &MessageSink::receive);
  try {
    reader->loadModelFromString(text, model);
  } catch (const std::exception& e) {
    throw std::runtime_error(name + ": cannot be read as IFC (IFC++: " + e.what() + ")");
  } catch (...) {  // IFC++ and Carve throw types of their own too
    throw std::runtime_error(name + ": cannot be read as IFC (IFC++ failed)");
  }
  text.clear();
  text.shrink_to_fit();
  if (model->getMapIfcEntities().empty() || !model->getIfcProject())
    throw std::runtime_error(
        name + ": cannot be read as IFC: no IfcProject" +
        (sink.first_error.empty() ? "" : " (IFC++: " + sink.first_error + ")"));

  sink.from = 0.4f, sink.to = 0.85f, sink.stage = "tessellating the elements";
  auto converter = std::make_shared<GeometryConverter>(model);
  converter->setMessageCallBack(&sink, &MessageSink::receive);
  try {
    converter->convertGeometry();
  } catch (const std::exception& e) {
    throw std::runtime_error(name + ": IFC geometry failed (IFC++: " + e.what() + ")");
  } catch (...) {
    throw std::runtime_error(name + ": IFC geometry failed (IFC++ or Carve)");
  }

  if (progress) progress(0.85f, "building the node tree");
  ModelData out;
  SceneBuilder builder(out);
  std::map<int, shared_ptr<ProductShapeData>>& shapes = converter->getShapeInputData();
  const auto project = shapes.find(model->getIfcProject()->m_entity_id);
  if (project != shapes.end() && project->second) builder.walk(*project->second, -1);
  // Elements outside the spatial tree (no containment relation) still belong to the model.
  const ProductShapeData* root = project != shapes.end() ? project->second.get() : nullptr;
  for (auto& [id, shape] : shapes) {
    if (!shape || shape->m_added_to_spatial_structure || shape.get() == root) continue;
    const shared_ptr<IfcObjectDefinition> object = shape->m_ifc_object_definition.lock();
    if (!dynamic_pointer_cast<IfcProduct>(object) || !shape->m_parent.expired()) continue;
    builder.walk(*shape, out.nodes.empty() ? -1 : 0);
  }
  if (!out.nodes.empty()) out.nodes[0].subtree_end = static_cast<uint32_t>(out.nodes.size());

  // Subtree bounds and counts, children before parents (pre-order read backwards).
  for (size_t i = out.nodes.size(); i-- > 1;) {
    if (out.nodes[i].parent < 0) continue;
    SceneNode& parent = out.nodes[static_cast<size_t>(out.nodes[i].parent)];
    parent.world_bounds.extend(out.nodes[i].world_bounds);
    parent.triangles += out.nodes[i].triangles;
  }
  for (const DrawRecord& draw : out.draws) {
    out.bounds.extend(draw.world_bounds);
    out.triangles += out.meshes[draw.mesh].index_count / 3;
  }
  if (out.draws.empty())
    throw std::runtime_error(
        name + ": contains no IFC geometry this viewer can draw" +
        (sink.first_error.empty() ? "" : " (IFC++: " + sink.first_error + ")"));
  if (out.materials.empty()) out.materials.push_back(Material{});
  return out;
}

}  // namespace gt::engine
