// site.toml's [[template]] tables: register maps and their points (Modbus registers, DL/T 645
// data identifiers or CJ/T 188 fields), with units, ranges and storage policies.
#include <cstdio>

#include "greentwin/cjt188.h"
#include "greentwin/dlt645.h"
#include "greentwin/units.h"
#include "site_config_parts.h"

namespace gt::site_sections {
namespace {

// A Modbus point's registers: address, function, type, word order and scale.
void readRegisterLayout(TomlTableReader& r, RegisterPoint& p) {
  p.address = static_cast<uint16_t>(r.requiredInteger("address", 0, 65535));

  const std::string function = r.optionalString("function", "holding");
  if (function == "holding") {
    p.function = RegisterFunction::Holding;
  } else if (function == "input") {
    p.function = RegisterFunction::Input;
  } else {
    r.failKey("function", "function '" + function + "' is not 'holding' or 'input'");
  }

  const std::string type = r.requiredString("type");
  if (auto t = parseDataType(type)) {
    p.type = *t;
  } else {
    r.failKey("type", "unknown type '" + type +
                          "' (expected int16, uint16, int32, uint32, int64, uint64, float32, "
                          "float64, bcd16 or bcd32)");
  }
  if (static_cast<int>(p.address) + registerCount(p.type) > 65536) {
    r.failKey("address", "value runs past register 65535");
  }
  const std::string order = r.optionalString("order", "ABCD");
  if (auto o = parseWordOrder(order)) {
    p.order = *o;
  } else {
    r.failKey("order", "unknown order '" + order + "' (expected ABCD, CDAB, BADC, DCBA)");
  }

  p.scale = r.optionalNumber("scale", 1.0);
  if (p.scale == 0.0) r.failKey("scale", "scale must not be 0");
}

// The storage keys of a template (its points' default) or of a point (overrides `s`).
StoragePolicyConfig readStoragePolicy(TomlTableReader& r, StoragePolicyConfig s) {
  if (r.node("store")) {
    const std::string mode = r.requiredString("store");
    if (mode == "all") {
      s.mode = StoreMode::All;
    } else if (mode == "deadband") {
      s.mode = StoreMode::Deadband;
    } else if (mode == "interval") {
      s.mode = StoreMode::Interval;
    } else {
      r.failKey("store", "store '" + mode + "' is not 'all', 'deadband' or 'interval'");
    }
  }
  s.deadband = r.optionalNumber("deadband", s.deadband);
  if (!(s.deadband >= 0)) r.failKey("deadband", "deadband must be 0 or more");
  s.heartbeat_s = static_cast<int>(r.optionalInteger("store_heartbeat_s", s.heartbeat_s, 1, 86400));
  s.interval_s = static_cast<int>(r.optionalInteger("store_interval_s", s.interval_s, 1, 900));
  if (900 % s.interval_s != 0) {
    r.failKey("store_interval_s", "store_interval_s " + std::to_string(s.interval_s) +
                                      " does not divide 900: stored rows must end on the "
                                      "15-minute boundaries of the totals (e.g. 10, 60, 300)");
  }
  return s;
}

// CJ/T 188: the point takes one field of the reply to `di`; the field fixes the unit.
void readCjt188Point(TomlTableReader& r, RegisterPoint& p) {
  for (const char* key : {"address", "function", "type", "order", "scale"}) {
    if (r.node(key)) r.failKey(key, std::string("'") + key + "' is for Modbus points");
  }
  if (r.requiredInteger("di", 0, 0xFFFF) != cjt188::kDiMeteringData) {
    r.failKey("di",
              "CJ/T 188 points read di = 0x901F (metering data), the only one "
              "this daemon knows");
  }
  p.di = cjt188::kDiMeteringData;
  p.field = r.requiredString("field");
  const cjt188::FieldInfo* f = cjt188::findField(p.field);
  std::string names;
  for (const cjt188::FieldInfo& known : cjt188::fields())
    names += (names.empty() ? "" : ", ") + std::string(known.name);
  if (!f) r.failKey("field", "unknown CJ/T 188 field '" + p.field + "' (" + names + ")");
  p.unit = r.requiredString("unit");
  if (p.unit != f->unit) {
    r.failKey("unit", "field '" + p.field + "' comes in '" + std::string(f->unit) +
                          "' (converted from the meter's unit code), not '" + p.unit + "'");
  }
}

RegisterPoint readPoint(TomlTableReader& r, const std::string& template_id,
                        StoragePolicyConfig storage) {
  RegisterPoint p;
  p.name = r.requiredString("name");
  r.setWhat("point '" + p.name + "' of template '" + template_id + "'");
  p.name_zh = r.optionalString("name_zh", p.name);
  p.name_en = r.optionalString("name_en", p.name);
  if (r.node("field")) {
    readCjt188Point(r, p);
  } else if (const toml::node* di = r.node("di")) {
    // DL/T 645: the identifier fixes the format and the unit; register keys make no sense.
    for (const char* key : {"address", "function", "type", "order", "scale"}) {
      if (r.node(key)) {
        r.failKey(key, std::string("'") + key +
                           "' is for Modbus points; a point with 'di' takes its format from "
                           "DL/T 645-2007");
      }
    }
    const int64_t v = r.requiredInteger("di", 0, 0xFFFFFFFF);
    const dlt645::DataIdentifier* known = dlt645::findDataIdentifier(static_cast<uint32_t>(v));
    if (!known) {
      std::string list;
      for (const dlt645::DataIdentifier& d : dlt645::dataIdentifiers()) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08X", d.di);
        list += (list.empty() ? "" : ", ") + std::string(hex);
      }
      r.fail(di, "data identifier is not one this daemon knows (" + list + ")");
    }
    p.di = static_cast<uint32_t>(v);
    p.unit = r.requiredString("unit");
    if (p.unit != known->unit) {
      r.failKey("unit", "unit '" + p.unit + "' does not match the " + std::string(known->name) +
                            " of DL/T 645-2007, which is in '" + std::string(known->unit) + "'");
    }
  } else {
    readRegisterLayout(r, p);
    p.unit = r.requiredString("unit");
  }

  const auto conversion = lookupUnit(p.unit);
  if (!conversion) {
    r.failKey("unit", "unknown unit '" + p.unit + "' (known: " + knownUnitNames() + ")");
  }
  p.canonical = conversion->canonical;
  p.unit_factor = conversion->factor;
  p.unit_offset = conversion->offset;

  const std::string kind = r.optionalString("kind", "instant");
  if (kind == "instant") {
    p.kind = PointKind::Instant;
  } else if (kind == "cumulative") {
    p.kind = PointKind::Cumulative;
  } else {
    r.failKey("kind", "kind '" + kind + "' is not 'instant' or 'cumulative'");
  }
  p.min = r.optionalNumber("min", p.min);
  p.max = r.optionalNumber("max", p.max);
  if (p.min > p.max) r.failKey("max", "max is below min");
  if (r.node("rollover")) {
    if (p.kind != PointKind::Cumulative) {
      r.failKey("rollover", "rollover is for cumulative points");
    }
    p.rollover = r.optionalNumber("rollover", 0);
    if (!(*p.rollover > 0)) r.failKey("rollover", "rollover must be above zero");
  }
  p.primary = r.optionalBool("primary", false);
  // A deadband would shift energy between periods: cumulative points store every reading
  // unless they say "interval" (which keeps each interval's last reading, so stays exact).
  if (p.kind == PointKind::Cumulative && storage.mode == StoreMode::Deadband) {
    storage.mode = StoreMode::All;
  }
  p.storage = readStoragePolicy(r, storage);
  if (p.kind == PointKind::Cumulative && p.storage.mode == StoreMode::Deadband) {
    r.failKey("store",
              "a cumulative register cannot use store = \"deadband\" (energy "
              "would move between periods); use \"interval\" or \"all\"");
  }
  r.rejectUnknownKeys();
  return p;
}

}  // namespace

void readTemplates(const toml::table& root, const std::string& file, SiteConfig& site) {
  forEachTomlTable(root, "template", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "template");
    RegisterTemplate tmpl;
    tmpl.id = r.requiredString("id");
    tmpl.line = static_cast<int>(t.source().begin.line);
    const std::string what = "template '" + tmpl.id + "'";
    r.setWhat(what);
    if (site.templates.contains(tmpl.id)) r.failKeyVerbatim("id", what + " is defined twice");
    tmpl.description = r.optionalString("description", "");
    const StoragePolicyConfig storage = readStoragePolicy(r, {});
    const toml::node* points = r.node("points");
    if (!points || !points->is_array() || points->as_array()->empty()) {
      r.failVerbatim(points, what + " needs a non-empty 'points' array");
    }
    int primaries = 0;
    for (const toml::node& item : *points->as_array()) {
      const toml::table* pt = item.as_table();
      if (!pt) r.fail(&item, "each point must be a table { name = ..., ... }");
      TomlTableReader pr(*pt, file, "a point of " + what);  // named once its name is read
      RegisterPoint p = readPoint(pr, tmpl.id, storage);
      for (const RegisterPoint& other : tmpl.points) {
        if (other.name == p.name)
          pr.failVerbatim(pt, what + ": point '" + p.name + "' is defined twice");
      }
      if (!tmpl.points.empty() && (tmpl.points.front().di.has_value() != p.di.has_value() ||
                                   tmpl.points.front().field.empty() != p.field.empty())) {
        pr.failVerbatim(
            pt, what + ": point '" + p.name +
                    "' mixes kinds: a template's points are all Modbus registers (address), "
                    "all DL/T 645 data identifiers (di) or all CJ/T 188 fields (di, field)");
      }
      primaries += p.primary ? 1 : 0;
      if (primaries > 1) pr.failKeyVerbatim("primary", what + ": only one point may be primary");
      tmpl.points.push_back(std::move(p));
    }
    r.rejectUnknownKeys();
    site.templates.emplace(tmpl.id, std::move(tmpl));
  });
}

}  // namespace gt::site_sections
