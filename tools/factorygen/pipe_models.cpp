// Pipes, racks and cable trays. Colours follow the plant's pipe code (GB 7231-2003 basic
// identification colours): gas yellow, water green, air light blue, steam silver-grey
// cladding with red service bands.
#include <cmath>

#include "site_models.h"

namespace gt::factorygen {

void pipeRun(MeshBuilder& m, Paint paint, float radius, const std::vector<glm::vec3>& route) {
  // Routes are written as corner lists; a repeated corner would make a zero-length pipe.
  std::vector<glm::vec3> points;
  for (const glm::vec3& p : route) {
    if (points.empty() || glm::length(p - points.back()) > 1e-3f) points.push_back(p);
  }
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    m.rod(paint, points[i], points[i + 1], radius, 12);
    if (i > 0) m.sphere(paint, placedAt(points[i]), radius * 1.05f, 12, 6);
  }
}

void insulatedPipeRun(MeshBuilder& m, Paint service, float radius,
                      const std::vector<glm::vec3>& points) {
  pipeRun(m, Paint::Aluminium, radius, points);
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const glm::vec3 span = points[i + 1] - points[i];
    const float length = glm::length(span);
    if (length < 1e-3f) continue;
    const glm::vec3 dir = span / length;
    for (float s = 1.0f; s + 0.3f < length; s += 6.0f) {
      m.rod(service, points[i] + dir * s, points[i] + dir * (s + 0.3f), radius * 1.06f, 12);
    }
  }
}

void pipeRack(MeshBuilder& m, glm::vec3 from, glm::vec3 to, float width, float height) {
  const glm::vec3 along = glm::normalize(to - from);
  const glm::vec3 across = glm::normalize(glm::cross(along, glm::vec3{0, 1, 0})) * (width * 0.5f);
  const float length = glm::length(to - from);
  const int portals = static_cast<int>(std::floor(length / 6.0f)) + 1;
  for (int p = 0; p < portals; ++p) {
    const glm::vec3 base =
        from + along * (length * static_cast<float>(p) / static_cast<float>(portals - 1));
    for (float side : {-1.0f, 1.0f}) {
      const glm::vec3 foot = base + across * side;
      m.block(Paint::Concrete, foot - glm::vec3{0.35f, 0, 0.35f},
              foot + glm::vec3{0.35f, 0.3f, 0.35f});
      m.bar(Paint::SteelStructure, foot, foot + glm::vec3{0, height, 0}, {0.25f, 0.25f});
    }
    for (float y : {height - 1.3f, height}) {
      m.bar(Paint::SteelStructure, base - across * 1.05f + glm::vec3{0, y, 0},
            base + across * 1.05f + glm::vec3{0, y, 0}, {0.2f, 0.25f});
    }
  }
  for (float side : {-1.0f, 1.0f}) {  // longitudinal stringers tie the portals together
    m.bar(Paint::SteelStructure, from + across * side + glm::vec3{0, height, 0},
          to + across * side + glm::vec3{0, height, 0}, {0.15f, 0.2f});
  }
}

void cableTray(MeshBuilder& m, glm::vec3 from, glm::vec3 to, float width) {
  const glm::vec3 along = glm::normalize(to - from);
  const glm::vec3 across = glm::normalize(glm::cross(along, glm::vec3{0, 1, 0})) * (width * 0.5f);
  m.bar(Paint::SteelGalvanised, from, to, {width, 0.03f});
  for (float side : {-1.0f, 1.0f}) {
    const glm::vec3 lip = across * side + glm::vec3{0, 0.06f, 0};
    m.bar(Paint::SteelGalvanised, from + lip, to + lip, {0.02f, 0.12f});
  }
  // Cables laid in the tray: dark bundles.
  m.bar(Paint::Rubber, from + glm::vec3{0, 0.05f, 0}, to + glm::vec3{0, 0.05f, 0},
        {width * 0.7f, 0.06f});
}

}  // namespace gt::factorygen
