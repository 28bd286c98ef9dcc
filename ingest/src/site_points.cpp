// The stored series of a site file (see site_points.h).
#include "site_points.h"

#include "greentwin/counter_continuity.h"

namespace gt::ingest {

std::vector<PointInfo> sitePoints(const SiteConfig& site) {
  std::vector<PointInfo> points;
  for (const Meter& m : site.meters) {
    for (const RegisterPoint& rp : m.tmpl->points) {
      const bool cumulative = rp.kind == PointKind::Cumulative;
      points.push_back(PointInfo{pointId(m, rp), m.id, m.equipment, m.area, rp.canonical,
                                 cumulative ? "cumulative" : "instant",
                                 cumulative ? counterModulus(rp) : std::nullopt});
    }
  }
  return points;
}

}  // namespace gt::ingest
