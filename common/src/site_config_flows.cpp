// site.toml's [[flow]] tables: the energy flows the viewer draws, each from one place to
// another (or along an explicit path) with its width and speed following meter points
// (docs/site-config.md).
#include <algorithm>
#include <cmath>

#include "site_config_parts.h"

namespace gt::site_sections {
namespace {

std::optional<EnergyType> parseCarrier(std::string_view name) {
  for (EnergyType t : {EnergyType::Electricity, EnergyType::NaturalGas, EnergyType::Water,
                       EnergyType::Steam, EnergyType::CompressedAir, EnergyType::Heat}) {
    if (energyTypeName(t) == name) return t;
  }
  return std::nullopt;
}

// "M-01.p" must name a point of a meter's template that measures a rate: a cumulative
// register (kWh, m3) has no direction or speed to draw.
const RegisterPoint& resolvePoint(const SiteConfig& site, const TomlTableReader& r,
                                  const toml::node* at, const std::string& id) {
  const size_t dot = id.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == id.size())
    r.fail(at, "point '" + id + "' must be \"<meter>.<point>\", e.g. \"M-01.p\"");
  const std::string meter_id = id.substr(0, dot), name = id.substr(dot + 1);
  const Meter* meter = site.findMeter(meter_id);
  if (!meter) r.fail(at, "point '" + id + "' names meter '" + meter_id + "', which is not defined");
  const RegisterTemplate& tmpl = site.templates.at(meter->template_id);
  const auto found = std::find_if(tmpl.points.begin(), tmpl.points.end(),
                                  [&](const RegisterPoint& p) { return p.name == name; });
  if (found == tmpl.points.end()) {
    std::string names;
    for (const RegisterPoint& p : tmpl.points) {
      if (!names.empty()) names += ", ";
      names += p.name;
    }
    r.fail(at, "meter '" + meter_id + "' has no point '" + name + "' (its template '" + tmpl.id +
                   "' has " + names + ")");
  }
  if (found->kind == PointKind::Cumulative)
    r.fail(at, "point '" + id + "' is a cumulative register (" + found->canonical +
                   "); a flow follows a rate such as power or flow");
  return *found;
}

void readPoints(const SiteConfig& site, TomlTableReader& r, SiteFlow& flow) {
  const toml::node* n = r.node("point");
  if (!n) r.fail(nullptr, "'point' is missing: the meter point whose value drives it, \"M-01.p\"");
  std::vector<const toml::node*> items;
  if (n->is_string()) {
    items.push_back(n);
  } else if (const toml::array* a = n->as_array(); a && !a->empty()) {
    for (const toml::node& item : *a) items.push_back(&item);
  } else {
    r.fail(n, "'point' must be a point id such as \"M-01.p\", or a list of them to add up");
  }
  for (const toml::node* item : items) {
    if (!item->is_string()) r.fail(item, "each 'point' entry must be a string such as \"M-01.p\"");
    const std::string id = item->as_string()->get();
    const RegisterPoint& point = resolvePoint(site, r, item, id);
    if (!flow.unit.empty() && point.canonical != flow.unit)
      r.fail(item, "point '" + id + "' is in " + point.canonical + " but '" + flow.points.front() +
                       "' is in " + flow.unit + "; the points of one flow add up");
    flow.unit = point.canonical;
    flow.points.push_back(id);
  }
}

std::vector<std::array<double, 3>> readPointList(TomlTableReader& r, std::string_view key,
                                                 size_t min_points) {
  const toml::node* n = r.node(key);
  const toml::array* a = n ? n->as_array() : nullptr;
  std::string quoted = "'";
  quoted.append(key).append("'");
  if (!a || a->size() < min_points)
    r.fail(n, quoted + " must be a list of at least " + std::to_string(min_points) +
                  " points [[x, y, z], ...] in metres");
  std::vector<std::array<double, 3>> out;
  for (const toml::node& item : *a) {
    const toml::array* p = item.as_array();
    if (!p || p->size() != 3) r.fail(&item, "each point of " + quoted + " must be [x, y, z]");
    std::array<double, 3> xyz{};
    for (size_t i = 0; i < 3; ++i) {
      const std::optional<double> v = (*p)[i].value<double>();
      if (!v || !std::isfinite(*v)) r.fail(&(*p)[i], quoted + " must hold numbers (metres)");
      xyz[i] = *v;
    }
    out.push_back(xyz);
  }
  return out;
}

// An equipment id stands for its node; anything else must be a node of the model, which the
// viewer checks.
std::string readEnd(const SiteConfig& site, TomlTableReader& r, std::string_view key,
                    std::string& where) {
  const std::string name = r.requiredString(key);
  if (name.empty()) r.failKey(key, std::string(key) + " must name a node or equipment");
  where = r.location(key);
  if (const Equipment* e = site.findEquipment(name)) return e->node;
  return name;
}

}  // namespace

void readFlows(const toml::table& root, const std::string& file, SiteConfig& site) {
  forEachTomlTable(root, "flow", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "flow");
    SiteFlow f;
    f.id = r.requiredString("id");
    r.setWhat("flow '" + f.id + "'");
    for (const SiteFlow& other : site.flows)
      if (other.id == f.id) r.failKeyVerbatim("id", "flow '" + f.id + "' is defined twice");
    const std::string carrier = r.requiredString("carrier");
    if (const auto c = parseCarrier(carrier)) {
      f.carrier = *c;
    } else {
      r.failKey("carrier", "unknown carrier '" + carrier +
                               "' (electricity, natural_gas, water, steam, compressed_air, heat)");
    }

    const bool has_path = r.has("path"), has_ends = r.has("from") || r.has("to");
    if (has_path && has_ends) r.failKey("path", "give either 'path' or 'from' and 'to', not both");
    if (has_path) {
      f.path = readPointList(r, "path", 2);
    } else {
      if (!has_ends) r.fail(nullptr, "needs 'from' and 'to' (nodes or equipment), or a 'path'");
      f.from = readEnd(site, r, "from", f.from_where);
      f.to = readEnd(site, r, "to", f.to_where);
      if (f.from == f.to) r.failKey("to", "'to' is the same node as 'from'");
      if (r.has("via")) f.via = readPointList(r, "via", 1);
    }

    readPoints(site, r, f);
    f.max = r.requiredNumber("max", 1e-9, 1e12);
    f.width = r.has("width") ? r.requiredNumber("width", 0.05, 20.0) : f.width;
    r.rejectUnknownKeys();
    site.flows.push_back(std::move(f));
  });
}

}  // namespace gt::site_sections
