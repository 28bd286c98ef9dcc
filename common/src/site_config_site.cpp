// site.toml's description of the plant: [site], [ingest], [[area]], [[equipment]], and the
// 3D scene ([[model]], [[viewpoint]]).
#include <cmath>

#include "site_config_parts.h"

namespace gt::site_sections {
namespace {

// NHJC-02 style combined code: six non-empty segments of digits or capital letters.
bool isCombinedCode(std::string_view code) {
  int segments = 1;
  size_t segment_length = 0;
  for (char c : code) {
    if (c == '-') {
      if (segment_length == 0) return false;
      ++segments;
      segment_length = 0;
    } else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
      ++segment_length;
    } else {
      return false;
    }
  }
  return segments == 6 && segment_length > 0;
}

}  // namespace

void readSite(const toml::table& root, const std::string& file, SiteConfig& site) {
  const std::filesystem::path folder = site.file.parent_path();
  {
    const toml::table* t = root["site"].as_table();
    if (!t) throw ConfigError(file + ":1:1: the file has no [site] table");
    TomlTableReader r(*t, file, "[site]");
    site.id = r.requiredString("id");
    site.name_zh = r.optionalString("name_zh", site.id);
    site.name_en = r.optionalString("name_en", site.id);
    site.timezone = r.optionalString("timezone", site.timezone);
    const std::string model = r.optionalString("model", "");
    if (!model.empty()) site.model = folder / model;
    const std::string accounting = r.optionalString("accounting", "");
    if (!accounting.empty()) site.accounting = folder / accounting;
    if (const toml::node* n = r.node("cutaway")) {
      const toml::array* names = n->as_array();
      if (!names) r.fail(n, "'cutaway' must be an array of node names");
      for (const toml::node& item : *names) {
        if (!item.is_string()) r.fail(&item, "'cutaway' entries must be strings");
        site.cutaway.emplace_back(item.as_string()->get());
      }
    }
    r.rejectUnknownKeys();
  }

  if (const toml::node* n = root.get("ingest")) {
    const toml::table* t = n->as_table();
    if (!t) throw ConfigError(tomlLocation(file, n->source()) + ": 'ingest' must be a table");
    TomlTableReader r(*t, file, "[ingest]");
    site.ingest.publish = r.optionalString("publish", site.ingest.publish);
    site.ingest.request = r.optionalString("request", site.ingest.request);
    site.ingest.database = r.optionalString("database", site.ingest.database.string());
    site.ingest.comm_fault_after = static_cast<int>(
        r.optionalInteger("comm_fault_after", site.ingest.comm_fault_after, 1, 1000));
    site.ingest.batch_ms =
        static_cast<int>(r.optionalInteger("batch_ms", site.ingest.batch_ms, 1, 60000));
    site.ingest.stage_fold_s =
        static_cast<int>(r.optionalInteger("stage_fold_s", site.ingest.stage_fold_s, 0, 3600));
    // Seed 003 §4.4: raw readings are kept at least three years.
    site.ingest.raw_retention_days = static_cast<int>(
        r.optionalInteger("raw_retention_days", site.ingest.raw_retention_days, 1096, 100000));
    if (site.ingest.publish == site.ingest.request) {
      r.failKey("request", "publish and request must be different endpoints");
    }
    r.rejectUnknownKeys();
  }
}

void readPlant(const toml::table& root, const std::string& file, SiteConfig& site) {
  forEachTomlTable(root, "area", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "area");
    Area a;
    a.id = r.requiredString("id");
    r.setWhat("area '" + a.id + "'");
    if (site.findArea(a.id)) r.failKeyVerbatim("id", "area '" + a.id + "' is defined twice");
    a.name_zh = r.optionalString("name_zh", a.id);
    a.name_en = r.optionalString("name_en", a.id);
    r.rejectUnknownKeys();
    site.areas.push_back(std::move(a));
  });

  forEachTomlTable(root, "equipment", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "equipment");
    Equipment e;
    e.id = r.requiredString("id");
    const std::string what = "equipment '" + e.id + "'";
    r.setWhat(what);
    if (site.findEquipment(e.id)) r.failKeyVerbatim("id", what + " is defined twice");
    e.name_zh = r.optionalString("name_zh", e.id);
    e.name_en = r.optionalString("name_en", e.id);
    e.code = r.optionalString("code", "");
    if (!e.code.empty() && !isCombinedCode(e.code)) {
      r.failKey("code", "code '" + e.code +
                            "' is not six dash-separated segments (process-unit-equipment-"
                            "dataclass-energy-purpose, seed 003 §4.4.2)");
    }
    e.node = r.optionalString("node", e.id);
    e.area = r.requiredString("area");
    if (!site.findArea(e.area)) {
      r.failKeyVerbatim("area", what + " is in area '" + e.area + "' which is not defined");
    }
    r.rejectUnknownKeys();
    site.equipment.push_back(std::move(e));
  });
}

void readScene(const toml::table& root, const std::string& file, SiteConfig& site) {
  const std::filesystem::path folder = site.file.parent_path();
  forEachTomlTable(root, "model", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "model");
    if (!site.model.empty())
      r.failVerbatim(nullptr,
                     "[[model]] and [site] model cannot both name the 3D model; move the [site] "
                     "model into a [[model]] entry");
    SiteModel m;
    const std::string model_file = r.requiredString("file");
    m.file = folder / model_file;
    m.id = r.optionalString("id", std::filesystem::path(model_file).stem().string());
    r.setWhat("model '" + m.id + "'");
    // The id prefixes node names ("<id>/<node>"), so it must be one plain word.
    if (m.id.empty() || m.id.find('/') != std::string::npos)
      r.failKey("id", "the id must not be empty or contain '/'");
    for (const SiteModel& other : site.models)
      if (other.id == m.id)
        r.failKeyVerbatim(r.node("id") ? "id" : "file",
                          "model '" + m.id + "' is defined twice; give each [[model]] its own id");
    if (r.node("translate")) m.translate = r.requiredPoint("translate");
    if (r.node("rotate_deg") && r.node("yaw")) r.failKey("yaw", "give rotate_deg or yaw, not both");
    if (r.node("rotate_deg")) m.rotate_deg = r.requiredPoint("rotate_deg");
    m.rotate_deg[1] = r.optionalNumber("yaw", m.rotate_deg[1]);  // about Y, the up axis
    m.scale = r.optionalNumber("scale", 1.0);
    if (!(m.scale > 0.0) || !std::isfinite(m.scale))
      r.failKey("scale", "scale must be a number above 0");
    r.rejectUnknownKeys();
    site.models.push_back(std::move(m));
  });
  if (site.models.empty() && !site.model.empty())
    site.models.push_back({{}, site.model, {}, {}, 1.0});

  forEachTomlTable(root, "viewpoint", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "viewpoint");
    SiteViewpoint v;
    v.id = r.requiredString("id");
    r.setWhat("viewpoint '" + v.id + "'");
    for (const SiteViewpoint& other : site.viewpoints)
      if (other.id == v.id) r.failKeyVerbatim("id", "viewpoint '" + v.id + "' is defined twice");
    v.name_zh = r.optionalString("name_zh", v.id);
    v.name_en = r.optionalString("name_en", v.id);
    v.eye = r.requiredPoint("eye");
    v.target = r.requiredPoint("target");
    if (v.eye == v.target) r.failKey("target", "eye and target are the same point");
    r.rejectUnknownKeys();
    site.viewpoints.push_back(std::move(v));
  });
}

}  // namespace gt::site_sections
