// Loads site.toml into SiteConfig and checks every reference, so a mistake is reported once,
// at start, as "file:line:col: what is wrong", instead of surfacing later as a silent gap.
#include "greentwin/site_config.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "greentwin/cjt188.h"
#include "greentwin/dlt645.h"
#include "greentwin/units.h"

namespace gt {
namespace {

std::string location(const std::string& file, const toml::source_region& where) {
  std::ostringstream out;
  out << file << ':' << where.begin.line << ':' << where.begin.column;
  return out.str();
}

// Reads one TOML table with typed accessors; every error names file:line:col and the object
// ("meter 'M-03'"), and keys that nobody read are reported as unknown (typos are common).
class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string what)
      : table_(table), file_(std::move(file)), what_(std::move(what)) {}

  [[noreturn]] void fail(const toml::node* at, const std::string& message) const {
    const toml::source_region& where = at ? at->source() : table_.source();
    throw ConfigError(location(file_, where) + ": " + message);
  }
  [[noreturn]] void failKey(std::string_view key, const std::string& message) const {
    fail(table_.get(key), message);
  }

  const toml::node* node(std::string_view key) {
    used_.insert(std::string(key));
    return table_.get(key);
  }

  std::string requiredString(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) fail(nullptr, what_ + " has no '" + std::string(key) + "'");
    if (!n->is_string()) fail(n, what_ + ": '" + std::string(key) + "' must be a string");
    return std::string(n->as_string()->get());
  }
  std::string optionalString(std::string_view key, std::string fallback) {
    return node(key) ? requiredString(key) : std::move(fallback);
  }

  int64_t requiredInteger(std::string_view key, int64_t min, int64_t max) {
    const toml::node* n = node(key);
    if (!n) fail(nullptr, what_ + " has no '" + std::string(key) + "'");
    if (!n->is_integer()) fail(n, what_ + ": '" + std::string(key) + "' must be an integer");
    const int64_t v = n->as_integer()->get();
    if (v < min || v > max) {
      fail(n, what_ + ": '" + std::string(key) + "' is " + std::to_string(v) + ", expected " +
                  std::to_string(min) + " to " + std::to_string(max));
    }
    return v;
  }
  int64_t optionalInteger(std::string_view key, int64_t fallback, int64_t min, int64_t max) {
    return node(key) ? requiredInteger(key, min, max) : fallback;
  }

  double optionalNumber(std::string_view key, double fallback) {
    const toml::node* n = node(key);
    if (!n) return fallback;
    if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
    if (n->is_floating_point()) return n->as_floating_point()->get();
    fail(n, what_ + ": '" + std::string(key) + "' must be a number");
  }

  // Three numbers, [x, y, z]: a point in model coordinates.
  std::array<double, 3> requiredPoint(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) fail(nullptr, what_ + " has no '" + std::string(key) + "'");
    const toml::array* a = n->as_array();
    std::array<double, 3> out{};
    if (!a || a->size() != 3)
      fail(n, what_ + ": '" + std::string(key) + "' must be [x, y, z] in metres");
    for (size_t i = 0; i < 3; ++i) {
      const std::optional<double> v = (*a)[i].value<double>();
      if (!v || !std::isfinite(*v))
        fail(&(*a)[i], what_ + ": '" + std::string(key) + "' must hold three numbers");
      out[i] = *v;
    }
    return out;
  }
  bool optionalBool(std::string_view key, bool fallback) {
    const toml::node* n = node(key);
    if (!n) return fallback;
    if (!n->is_boolean()) fail(n, what_ + ": '" + std::string(key) + "' must be true or false");
    return n->as_boolean()->get();
  }

  void rejectUnknownKeys() const {
    for (const auto& [key, value] : table_) {
      if (!used_.contains(std::string(key.str()))) {
        fail(&value, what_ + " has an unknown key '" + std::string(key.str()) + "'");
      }
    }
  }

  // Once an object's id is read, later messages name it ("meter 'M-03'").
  void setWhat(std::string what) { what_ = std::move(what); }

 private:
  const toml::table& table_;
  std::string file_;
  std::string what_;
  std::set<std::string> used_;
};

// Iterates an array of tables ([[meter]]) that may be absent; anything else is an error.
template <typename F>
void forEachTable(const toml::table& root, std::string_view key, const std::string& file, F&& f) {
  const toml::node* n = root.get(key);
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) {
    throw ConfigError(location(file, n->source()) + ": '" + std::string(key) +
                      "' must be an array of tables ([[" + std::string(key) + "]])");
  }
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (!t) {
      throw ConfigError(location(file, item.source()) + ": each '" + std::string(key) +
                        "' entry must be a table");
    }
    f(*t);
  }
}

std::optional<EnergyType> parseEnergyType(std::string_view name) {
  for (EnergyType t :
       {EnergyType::Electricity, EnergyType::NaturalGas, EnergyType::Water, EnergyType::Steam,
        EnergyType::CompressedAir, EnergyType::Heat, EnergyType::Environment}) {
    if (energyTypeName(t) == name) return t;
  }
  return std::nullopt;
}

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

constexpr const char* kSerialKeys[] = {"serial", "baud", "parity", "data_bits", "stop_bits"};

// "9600 8N1": how field engineers write a serial line's settings.
std::string describeSerial(const SerialSettings& s) {
  return std::to_string(s.baud) + " " + std::to_string(s.data_bits) + s.parity +
         std::to_string(s.stop_bits);
}

// `defaults` gives the framing when the file leaves it out (Modbus: 9600 8N1; DL/T 645-2007
// §5.1: 2400 8E1).
SerialSettings readSerialSettings(TableReader& r, const std::string& what,
                                  SerialSettings defaults) {
  SerialSettings s = std::move(defaults);
  s.device = r.requiredString("serial");
  if (s.device.empty()) {
    r.failKey("serial", what + ": 'serial' must name a device, e.g. /dev/ttyUSB0");
  }
  static constexpr int kBauds[] = {1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};
  s.baud = static_cast<int>(r.optionalInteger("baud", s.baud, 1, 10'000'000));
  if (std::find(std::begin(kBauds), std::end(kBauds), s.baud) == std::end(kBauds)) {
    r.failKey("baud", what + ": 'baud' is " + std::to_string(s.baud) +
                          ", expected a standard rate: 1200, 2400, 4800, 9600, 19200, 38400, "
                          "57600 or 115200");
  }
  const std::string parity = r.optionalString("parity", std::string(1, s.parity));
  if (parity != "N" && parity != "E" && parity != "O") {
    r.failKey("parity", what + ": 'parity' is '" + parity +
                            "', expected \"N\" (none), \"E\" (even) or \"O\" (odd)");
  }
  s.parity = parity[0];
  s.data_bits = static_cast<int>(r.optionalInteger("data_bits", s.data_bits, 7, 8));
  s.stop_bits = static_cast<int>(r.optionalInteger("stop_bits", s.stop_bits, 1, 2));
  return s;
}

// A Modbus point's registers: address, function, type, word order and scale.
void readRegisterLayout(TableReader& r, RegisterPoint& p, const std::string& what) {
  p.address = static_cast<uint16_t>(r.requiredInteger("address", 0, 65535));

  const std::string function = r.optionalString("function", "holding");
  if (function == "holding") {
    p.function = RegisterFunction::Holding;
  } else if (function == "input") {
    p.function = RegisterFunction::Input;
  } else {
    r.failKey("function", what + ": function '" + function + "' is not 'holding' or 'input'");
  }

  const std::string type = r.requiredString("type");
  if (auto t = parseDataType(type)) {
    p.type = *t;
  } else {
    r.failKey("type", what + ": unknown type '" + type +
                          "' (expected int16, uint16, int32, uint32, int64, uint64, float32, "
                          "float64, bcd16 or bcd32)");
  }
  if (static_cast<int>(p.address) + registerCount(p.type) > 65536) {
    r.failKey("address", what + ": value runs past register 65535");
  }
  const std::string order = r.optionalString("order", "ABCD");
  if (auto o = parseWordOrder(order)) {
    p.order = *o;
  } else {
    r.failKey("order", what + ": unknown order '" + order + "' (expected ABCD, CDAB, BADC, DCBA)");
  }

  p.scale = r.optionalNumber("scale", 1.0);
  if (p.scale == 0.0) r.failKey("scale", what + ": scale must not be 0");
}

// The storage keys of a template (its points' default) or of a point (overrides `s`).
StoragePolicyConfig readStoragePolicy(TableReader& r, StoragePolicyConfig s,
                                      const std::string& what) {
  if (r.node("store")) {
    const std::string mode = r.requiredString("store");
    if (mode == "all") {
      s.mode = StoreMode::All;
    } else if (mode == "deadband") {
      s.mode = StoreMode::Deadband;
    } else if (mode == "interval") {
      s.mode = StoreMode::Interval;
    } else {
      r.failKey("store", what + ": store '" + mode + "' is not 'all', 'deadband' or 'interval'");
    }
  }
  s.deadband = r.optionalNumber("deadband", s.deadband);
  if (!(s.deadband >= 0)) r.failKey("deadband", what + ": deadband must be 0 or more");
  s.heartbeat_s = static_cast<int>(r.optionalInteger("store_heartbeat_s", s.heartbeat_s, 1, 86400));
  s.interval_s = static_cast<int>(r.optionalInteger("store_interval_s", s.interval_s, 1, 900));
  if (900 % s.interval_s != 0) {
    r.failKey("store_interval_s", what + ": store_interval_s " + std::to_string(s.interval_s) +
                                      " does not divide 900: stored rows must end on the "
                                      "15-minute boundaries of the totals (e.g. 10, 60, 300)");
  }
  return s;
}

// CJ/T 188: the point takes one field of the reply to `di`; the field fixes the unit.
void readCjt188Point(TableReader& r, RegisterPoint& p, const std::string& what) {
  for (const char* key : {"address", "function", "type", "order", "scale"}) {
    if (r.node(key)) r.failKey(key, what + ": '" + key + "' is for Modbus points");
  }
  if (r.requiredInteger("di", 0, 0xFFFF) != cjt188::kDiMeteringData) {
    r.failKey("di", what +
                        ": CJ/T 188 points read di = 0x901F (metering data), the only one "
                        "this daemon knows");
  }
  p.di = cjt188::kDiMeteringData;
  p.field = r.requiredString("field");
  const cjt188::FieldInfo* f = cjt188::findField(p.field);
  std::string names;
  for (const cjt188::FieldInfo& known : cjt188::fields())
    names += (names.empty() ? "" : ", ") + std::string(known.name);
  if (!f) r.failKey("field", what + ": unknown CJ/T 188 field '" + p.field + "' (" + names + ")");
  p.unit = r.requiredString("unit");
  if (p.unit != f->unit) {
    r.failKey("unit", what + ": field '" + p.field + "' comes in '" + std::string(f->unit) +
                          "' (converted from the meter's unit code), not '" + p.unit + "'");
  }
}

// CJ/T 188 meter: 14-digit address and the meter type the requests carry.
void readCjt188Identity(TableReader& r, Meter& m, const std::string& what) {
  if (!cjt188::isMeterAddress(m.address)) {
    r.failKey("address", what + ": address '" + m.address +
                             "' is not a CJ/T 188 meter address: 14 digits as on the meter, "
                             "e.g. \"00000012345678\"");
  }
  const std::string type = r.requiredString("meter_type");
  const auto code = cjt188::meterTypeFromName(type);
  if (!code) {
    r.failKey("meter_type", what + ": meter_type '" + type +
                                "' is not water, hot-water, drinking-water, reclaimed-water, "
                                "heat, cooling or gas");
  }
  m.meter_type = *code;
}

// A heat field on a water meter (or the reverse) would fail on every poll: refuse it here.
void checkCjt188Fields(TableReader& r, const Meter& m, const RegisterTemplate& tmpl,
                       const std::string& what) {
  for (const RegisterPoint& p : tmpl.points) {
    if (!cjt188::fieldApplies(*cjt188::findField(p.field), m.meter_type)) {
      r.failKey("template", what + " is a " + std::string(cjt188::meterTypeName(m.meter_type)) +
                                " meter, whose reply has no field '" + p.field + "' (point '" +
                                p.name + "' of template '" + tmpl.id + "')");
    }
  }
}

RegisterPoint readPoint(TableReader& r, const std::string& template_id,
                        StoragePolicyConfig storage) {
  RegisterPoint p;
  p.name = r.requiredString("name");
  r.setWhat("point '" + p.name + "' of template '" + template_id + "'");
  p.name_zh = r.optionalString("name_zh", p.name);
  p.name_en = r.optionalString("name_en", p.name);
  const std::string what = "point '" + p.name + "' of template '" + template_id + "'";
  if (r.node("field")) {
    readCjt188Point(r, p, what);
  } else if (const toml::node* di = r.node("di")) {
    // DL/T 645: the identifier fixes the format and the unit; register keys make no sense.
    for (const char* key : {"address", "function", "type", "order", "scale"}) {
      if (r.node(key)) {
        r.failKey(key, what + ": '" + key +
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
      r.fail(di, what + ": data identifier is not one this daemon knows (" + list + ")");
    }
    p.di = static_cast<uint32_t>(v);
    p.unit = r.requiredString("unit");
    if (p.unit != known->unit) {
      r.failKey("unit", what + ": unit '" + p.unit + "' does not match the " +
                            std::string(known->name) + " of DL/T 645-2007, which is in '" +
                            std::string(known->unit) + "'");
    }
  } else {
    readRegisterLayout(r, p, what);
    p.unit = r.requiredString("unit");
  }

  const auto conversion = lookupUnit(p.unit);
  if (!conversion) {
    r.failKey("unit", what + ": unknown unit '" + p.unit + "' (known: " + knownUnitNames() + ")");
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
    r.failKey("kind", what + ": kind '" + kind + "' is not 'instant' or 'cumulative'");
  }
  p.min = r.optionalNumber("min", p.min);
  p.max = r.optionalNumber("max", p.max);
  if (p.min > p.max) r.failKey("max", what + ": max is below min");
  if (r.node("rollover")) {
    if (p.kind != PointKind::Cumulative) {
      r.failKey("rollover", what + ": rollover is for cumulative points");
    }
    p.rollover = r.optionalNumber("rollover", 0);
    if (!(*p.rollover > 0)) r.failKey("rollover", what + ": rollover must be above zero");
  }
  p.primary = r.optionalBool("primary", false);
  // A deadband would shift energy between periods: cumulative points store every reading
  // unless they say "interval" (which keeps each interval's last reading, so stays exact).
  if (p.kind == PointKind::Cumulative && storage.mode == StoreMode::Deadband) {
    storage.mode = StoreMode::All;
  }
  p.storage = readStoragePolicy(r, storage, what);
  if (p.kind == PointKind::Cumulative && p.storage.mode == StoreMode::Deadband) {
    r.failKey("store", what +
                           ": a cumulative register cannot use store = \"deadband\" (energy "
                           "would move between periods); use \"interval\" or \"all\"");
  }
  r.rejectUnknownKeys();
  return p;
}

// [[forward]] and [centre]: store and forward to upper centres (docs/site-config.md).
void readForwarding(const toml::table& root, const std::string& file, SiteConfig& site) {
  forEachTable(root, "forward", file, [&](const toml::table& t) {
    TableReader r(t, file, "forward");
    ForwardTarget f;
    f.id = r.requiredString("id");
    r.setWhat("forward '" + f.id + "'");
    for (const ForwardTarget& other : site.forward)
      if (other.id == f.id) r.failKey("id", "forward '" + f.id + "' is defined twice");
    f.endpoint = r.requiredString("endpoint");
    if (f.endpoint.find("://") == std::string::npos) {
      r.failKey("endpoint", "forward '" + f.id +
                                "': 'endpoint' must be a ZeroMQ endpoint such as "
                                "\"tcp://centre:5560\"");
    }
    for (const ForwardTarget& other : site.forward)
      if (other.endpoint == f.endpoint)
        r.failKey("endpoint",
                  "forward '" + f.id + "' has the same endpoint as forward '" + other.id + "'");
    f.batch_rows = static_cast<int>(r.optionalInteger("batch_rows", f.batch_rows, 1, 100000));
    f.resend_ms = static_cast<int>(r.optionalInteger("resend_ms", f.resend_ms, 100, 3600000));
    r.rejectUnknownKeys();
    site.forward.push_back(std::move(f));
  });
  if (const toml::node* n = root.get("centre")) {
    const toml::table* t = n->as_table();
    if (!t) throw ConfigError(location(file, n->source()) + ": 'centre' must be a table");
    TableReader r(*t, file, "[centre]");
    site.centre.bind = r.requiredString("bind");
    if (site.centre.bind.find("://") == std::string::npos) {
      r.failKey("bind", "[centre]: 'bind' must be a ZeroMQ endpoint such as \"tcp://*:5560\"");
    }
    r.rejectUnknownKeys();
  }
}

}  // namespace

std::string_view protocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::ModbusTcp:
      return "modbus-tcp";
    case Protocol::ModbusRtu:
      return "modbus-rtu";
    case Protocol::Dlt645:
      return "dlt645";
    case Protocol::Cjt188:
      return "cjt188";
  }
  return "?";
}

bool usesSerial(const Meter& meter) {
  return meter.protocol == Protocol::ModbusRtu ||
         ((meter.protocol == Protocol::Dlt645 || meter.protocol == Protocol::Cjt188) &&
          !meter.serial.device.empty());
}

std::string linkAddress(const Meter& meter) {
  if (usesSerial(meter)) return meter.serial.device;
  return meter.host + ":" + std::to_string(meter.port);
}

std::string_view energyTypeName(EnergyType type) {
  switch (type) {
    case EnergyType::Electricity:
      return "electricity";
    case EnergyType::NaturalGas:
      return "natural_gas";
    case EnergyType::Water:
      return "water";
    case EnergyType::Steam:
      return "steam";
    case EnergyType::CompressedAir:
      return "compressed_air";
    case EnergyType::Heat:
      return "heat";
    case EnergyType::Environment:
      return "environment";
  }
  return "?";
}

std::string pointId(const Meter& meter, const RegisterPoint& point) {
  return meter.id + "." + point.name;
}

SiteConfig::SiteConfig(const SiteConfig& other)
    : file(other.file),
      id(other.id),
      name_zh(other.name_zh),
      name_en(other.name_en),
      timezone(other.timezone),
      model(other.model),
      models(other.models),
      accounting(other.accounting),
      cutaway(other.cutaway),
      ingest(other.ingest),
      forward(other.forward),
      centre(other.centre),
      areas(other.areas),
      equipment(other.equipment),
      templates(other.templates),
      meters(other.meters),
      viewpoints(other.viewpoints) {
  for (Meter& m : meters) m.tmpl = &templates.at(m.template_id);
}

SiteConfig& SiteConfig::operator=(const SiteConfig& other) {
  if (this != &other) {
    SiteConfig copy(other);
    *this = std::move(copy);
  }
  return *this;
}

const Area* SiteConfig::findArea(std::string_view area_id) const {
  for (const Area& a : areas)
    if (a.id == area_id) return &a;
  return nullptr;
}
const Equipment* SiteConfig::findEquipment(std::string_view equipment_id) const {
  for (const Equipment& e : equipment)
    if (e.id == equipment_id) return &e;
  return nullptr;
}
const Meter* SiteConfig::findMeter(std::string_view meter_id) const {
  for (const Meter& m : meters)
    if (m.id == meter_id) return &m;
  return nullptr;
}

SiteConfig parseSiteConfig(std::string_view text, const std::filesystem::path& name) {
  const std::string file = name.string();
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw ConfigError(location(file, e.source()) + ": " + std::string(e.description()));
  }

  SiteConfig site;
  site.file = name;
  const std::filesystem::path folder = name.parent_path();

  {
    const toml::table* t = root["site"].as_table();
    if (!t) throw ConfigError(file + ":1:1: the file has no [site] table");
    TableReader r(*t, file, "[site]");
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
      if (!names) r.fail(n, "[site]: 'cutaway' must be an array of node names");
      for (const toml::node& item : *names) {
        if (!item.is_string()) r.fail(&item, "[site]: 'cutaway' entries must be strings");
        site.cutaway.emplace_back(item.as_string()->get());
      }
    }
    r.rejectUnknownKeys();
  }

  if (const toml::node* n = root.get("ingest")) {
    const toml::table* t = n->as_table();
    if (!t) throw ConfigError(location(file, n->source()) + ": 'ingest' must be a table");
    TableReader r(*t, file, "[ingest]");
    site.ingest.publish = r.optionalString("publish", site.ingest.publish);
    site.ingest.request = r.optionalString("request", site.ingest.request);
    site.ingest.database = r.optionalString("database", site.ingest.database.string());
    site.ingest.comm_fault_after = static_cast<int>(
        r.optionalInteger("comm_fault_after", site.ingest.comm_fault_after, 1, 1000));
    site.ingest.batch_ms =
        static_cast<int>(r.optionalInteger("batch_ms", site.ingest.batch_ms, 1, 60000));
    // Seed 003 §4.4: raw readings are kept at least three years.
    site.ingest.raw_retention_days = static_cast<int>(
        r.optionalInteger("raw_retention_days", site.ingest.raw_retention_days, 1096, 100000));
    if (site.ingest.publish == site.ingest.request) {
      r.failKey("request", "[ingest]: publish and request must be different endpoints");
    }
    r.rejectUnknownKeys();
  }

  forEachTable(root, "area", file, [&](const toml::table& t) {
    TableReader r(t, file, "area");
    Area a;
    a.id = r.requiredString("id");
    r.setWhat("area '" + a.id + "'");
    if (site.findArea(a.id)) r.failKey("id", "area '" + a.id + "' is defined twice");
    a.name_zh = r.optionalString("name_zh", a.id);
    a.name_en = r.optionalString("name_en", a.id);
    r.rejectUnknownKeys();
    site.areas.push_back(std::move(a));
  });

  forEachTable(root, "equipment", file, [&](const toml::table& t) {
    TableReader r(t, file, "equipment");
    Equipment e;
    e.id = r.requiredString("id");
    const std::string what = "equipment '" + e.id + "'";
    r.setWhat(what);
    if (site.findEquipment(e.id)) r.failKey("id", what + " is defined twice");
    e.name_zh = r.optionalString("name_zh", e.id);
    e.name_en = r.optionalString("name_en", e.id);
    e.code = r.optionalString("code", "");
    if (!e.code.empty() && !isCombinedCode(e.code)) {
      r.failKey("code", what + ": code '" + e.code +
                            "' is not six dash-separated segments (process-unit-equipment-"
                            "dataclass-energy-purpose, seed 003 §4.4.2)");
    }
    e.node = r.optionalString("node", e.id);
    e.area = r.requiredString("area");
    if (!site.findArea(e.area)) {
      r.failKey("area", what + " is in area '" + e.area + "' which is not defined");
    }
    r.rejectUnknownKeys();
    site.equipment.push_back(std::move(e));
  });

  forEachTable(root, "template", file, [&](const toml::table& t) {
    TableReader r(t, file, "template");
    RegisterTemplate tmpl;
    tmpl.id = r.requiredString("id");
    tmpl.line = static_cast<int>(t.source().begin.line);
    const std::string what = "template '" + tmpl.id + "'";
    r.setWhat(what);
    if (site.templates.contains(tmpl.id)) r.failKey("id", what + " is defined twice");
    tmpl.description = r.optionalString("description", "");
    const StoragePolicyConfig storage = readStoragePolicy(r, {}, what);
    const toml::node* points = r.node("points");
    if (!points || !points->is_array() || points->as_array()->empty()) {
      r.fail(points, what + " needs a non-empty 'points' array");
    }
    int primaries = 0;
    for (const toml::node& item : *points->as_array()) {
      const toml::table* pt = item.as_table();
      if (!pt) r.fail(&item, what + ": each point must be a table { name = ..., ... }");
      TableReader pr(*pt, file, "a point of " + what);  // named once its name is read
      RegisterPoint p = readPoint(pr, tmpl.id, storage);
      for (const RegisterPoint& other : tmpl.points) {
        if (other.name == p.name) pr.fail(pt, what + ": point '" + p.name + "' is defined twice");
      }
      if (!tmpl.points.empty() && (tmpl.points.front().di.has_value() != p.di.has_value() ||
                                   tmpl.points.front().field.empty() != p.field.empty())) {
        pr.fail(pt, what + ": point '" + p.name +
                        "' mixes kinds: a template's points are all Modbus registers (address), "
                        "all DL/T 645 data identifiers (di) or all CJ/T 188 fields (di, field)");
      }
      primaries += p.primary ? 1 : 0;
      if (primaries > 1) pr.failKey("primary", what + ": only one point may be primary");
      tmpl.points.push_back(std::move(p));
    }
    r.rejectUnknownKeys();
    site.templates.emplace(tmpl.id, std::move(tmpl));
  });

  forEachTable(root, "meter", file, [&](const toml::table& t) {
    TableReader r(t, file, "meter");
    Meter m;
    m.id = r.requiredString("id");
    const std::string what = "meter '" + m.id + "'";
    r.setWhat(what);
    if (m.id.find('.') != std::string::npos || m.id.find('/') != std::string::npos) {
      r.failKey("id", what + ": ids may not contain '.' or '/' (they build point ids and topics)");
    }
    if (site.findMeter(m.id)) r.failKey("id", what + " is defined twice");
    const std::string energy = r.requiredString("energy");
    if (auto e = parseEnergyType(energy)) {
      m.energy = *e;
    } else {
      r.failKey("energy", what + ": unknown energy type '" + energy +
                              "' (expected electricity, natural_gas, water, steam, "
                              "compressed_air, heat, environment)");
    }
    const std::string protocol = r.optionalString("protocol", "modbus-tcp");
    if (protocol == "modbus-tcp") {
      m.protocol = Protocol::ModbusTcp;
    } else if (protocol == "modbus-rtu") {
      m.protocol = Protocol::ModbusRtu;
    } else if (protocol == "dlt645") {
      m.protocol = Protocol::Dlt645;
    } else if (protocol == "cjt188") {
      m.protocol = Protocol::Cjt188;
    } else {
      r.failKey("protocol", what + ": protocol '" + protocol +
                                "' is not supported (modbus-tcp, modbus-rtu, dlt645, cjt188)");
    }
    const bool addressed = m.protocol == Protocol::Dlt645 || m.protocol == Protocol::Cjt188;
    if (!addressed && r.node("address")) {
      r.failKey("address", what +
                               ": 'address' is for dlt645 and cjt188 meters; a Modbus meter has "
                               "a 'unit_id'");
    }
    if (!addressed && r.node("meter_type")) {
      r.failKey("meter_type", what + ": 'meter_type' is for cjt188 meters only");
    }
    if (addressed) {
      if (r.node("unit_id")) {
        r.failKey("unit_id", what + ": a " + std::string(protocolName(m.protocol)) +
                                 " meter has a " + (m.protocol == Protocol::Cjt188 ? "14" : "12") +
                                 "-digit 'address', not a 'unit_id'");
      }
      m.address = r.requiredString("address");
      const bool digits =
          m.address.size() == 12 && std::all_of(m.address.begin(), m.address.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
      if (m.protocol == Protocol::Cjt188) {
        readCjt188Identity(r, m, what);
      } else if (r.node("meter_type")) {
        r.failKey("meter_type", what + ": 'meter_type' is for cjt188 meters only");
      } else if (!digits || m.address == dlt645::kBroadcastAddress) {
        r.failKey("address", what + ": address '" + m.address +
                                 "' is not a meter address: 12 digits as on the nameplate, "
                                 "e.g. \"000012345678\" (999999999999 is broadcast)");
      }
      if (r.node("serial")) {
        for (const char* key : {"host", "port"}) {
          if (r.node(key)) {
            r.failKey(key, what + ": '" + key + "' and 'serial' exclude each other: a " +
                               std::string(protocolName(m.protocol)) +
                               " meter is on a serial line or behind a TCP converter");
          }
        }
        m.serial = readSerialSettings(r, what, SerialSettings{"", 2400, 'E', 8, 1});
      } else {
        for (const char* key : kSerialKeys) {
          if (r.node(key)) {
            r.failKey(key, what + ": '" + key +
                               "' needs 'serial'; over TCP give 'host' and "
                               "'port'");
          }
        }
        if (!r.node("host")) {
          r.fail(nullptr, what + ": a " + std::string(protocolName(m.protocol)) +
                              " meter needs 'serial' (a serial line) or 'host' and 'port' (a "
                              "serial-to-Ethernet converter)");
        }
        m.host = r.requiredString("host");
        m.port = static_cast<uint16_t>(r.requiredInteger("port", 1, 65535));
      }
    } else if (m.protocol == Protocol::ModbusTcp) {
      for (const char* key : kSerialKeys) {
        if (r.node(key)) r.failKey(key, what + ": '" + key + "' is for modbus-rtu meters only");
      }
      m.host = r.requiredString("host");
      m.port = static_cast<uint16_t>(r.requiredInteger("port", 1, 65535));
      m.unit_id = static_cast<int>(r.optionalInteger("unit_id", 1, 0, 255));
    } else {
      for (const char* key : {"host", "port"}) {
        if (r.node(key)) {
          r.failKey(key, what + ": '" + key +
                             "' is for modbus-tcp meters; a modbus-rtu meter names its 'serial' "
                             "port");
        }
      }
      m.serial = readSerialSettings(r, what, SerialSettings{});
      // Modbus over serial line v1.02 §2.2: 0 is broadcast (no answer), 248..255 reserved.
      m.unit_id = static_cast<int>(r.optionalInteger("unit_id", 1, 1, 247));
    }
    m.template_id = r.requiredString("template");
    m.interval_ms = static_cast<int>(r.optionalInteger("interval_ms", 1000, 100, 86'400'000));
    m.timeout_ms = static_cast<int>(r.optionalInteger("timeout_ms", 500, 10, 60'000));
    if (r.node("rated_kw")) {
      m.rated_kw = r.optionalNumber("rated_kw", 0);
      if (!(*m.rated_kw > 0)) r.failKey("rated_kw", what + ": rated_kw must be above zero");
    }
    m.equipment = r.requiredString("equipment");
    const Equipment* e = site.findEquipment(m.equipment);
    if (!e) {
      r.failKey("equipment",
                what + " measures equipment '" + m.equipment + "' which is not defined");
    }
    m.area = e->area;
    if (!site.templates.contains(m.template_id)) {
      r.failKey("template", what + " uses template '" + m.template_id + "' which is not defined");
    }
    {
      const RegisterTemplate& tmpl = site.templates.at(m.template_id);
      const RegisterPoint& first = tmpl.points.front();
      const bool cjt = !first.field.empty();
      const bool dlt = first.di.has_value() && !cjt;
      if (dlt != (m.protocol == Protocol::Dlt645) || cjt != (m.protocol == Protocol::Cjt188)) {
        r.failKey("template", what + " uses template '" + m.template_id + "' of " +
                                  (cjt   ? "CJ/T 188 fields"
                                   : dlt ? "DL/T 645 data identifiers"
                                         : "Modbus registers") +
                                  " but speaks " + std::string(protocolName(m.protocol)));
      }
      if (cjt) checkCjt188Fields(r, m, tmpl, what);
    }
    for (const Meter& other : site.meters) {
      if (linkAddress(other) != linkAddress(m)) continue;
      if (other.protocol != m.protocol) {
        r.failKey("protocol", what + " speaks " + std::string(protocolName(m.protocol)) + " on " +
                                  linkAddress(m) + " but meter '" + other.id + "' there speaks " +
                                  std::string(protocolName(other.protocol)) +
                                  " (one line or port carries one protocol)");
      }
      if (addressed) {
        if (usesSerial(m) && other.serial != m.serial) {
          r.failKey("serial", what + " is on line " + m.serial.device + " at " +
                                  describeSerial(m.serial) + " but meter '" + other.id +
                                  "' on the same line is at " + describeSerial(other.serial) +
                                  " (one line has one speed and framing)");
        }
        if (other.address == m.address) {
          r.failKey("address", what + " has the same address " + m.address + " as meter '" +
                                   other.id + "' on " + linkAddress(m));
        }
        continue;
      }
      if (m.protocol == Protocol::ModbusRtu && other.serial != m.serial) {
        r.failKey("serial", what + " is on line " + m.serial.device + " at " +
                                describeSerial(m.serial) + " but meter '" + other.id +
                                "' on the same line is at " + describeSerial(other.serial) +
                                " (one RS-485 line has one speed and framing)");
      }
      if (other.unit_id == m.unit_id) {
        r.failKey("unit_id",
                  m.protocol == Protocol::ModbusRtu
                      ? what + " has the same unit id " + std::to_string(m.unit_id) +
                            " as meter '" + other.id + "' on line " + m.serial.device
                      : what + " has the same host, port and unit id as meter '" + other.id + "'");
      }
    }
    r.rejectUnknownKeys();
    site.meters.push_back(std::move(m));
  });

  forEachTable(root, "model", file, [&](const toml::table& t) {
    TableReader r(t, file, "model");
    if (!site.model.empty())
      r.fail(nullptr,
             "[[model]] and [site] model cannot both name the 3D model; move the [site] "
             "model into a [[model]] entry");
    SiteModel m;
    const std::string model_file = r.requiredString("file");
    m.file = folder / model_file;
    m.id = r.optionalString("id", std::filesystem::path(model_file).stem().string());
    r.setWhat("model '" + m.id + "'");
    // The id prefixes node names ("<id>/<node>"), so it must be one plain word.
    if (m.id.empty() || m.id.find('/') != std::string::npos)
      r.failKey("id", "model '" + m.id + "': the id must not be empty or contain '/'");
    for (const SiteModel& other : site.models)
      if (other.id == m.id)
        r.failKey(r.node("id") ? "id" : "file",
                  "model '" + m.id + "' is defined twice; give each [[model]] its own id");
    if (r.node("translate")) m.translate = r.requiredPoint("translate");
    if (r.node("rotate_deg") && r.node("yaw"))
      r.failKey("yaw", "model '" + m.id + "': give rotate_deg or yaw, not both");
    if (r.node("rotate_deg")) m.rotate_deg = r.requiredPoint("rotate_deg");
    m.rotate_deg[1] = r.optionalNumber("yaw", m.rotate_deg[1]);  // about Y, the up axis
    m.scale = r.optionalNumber("scale", 1.0);
    if (!(m.scale > 0.0) || !std::isfinite(m.scale))
      r.failKey("scale", "model '" + m.id + "': scale must be a number above 0");
    r.rejectUnknownKeys();
    site.models.push_back(std::move(m));
  });
  if (site.models.empty() && !site.model.empty())
    site.models.push_back({{}, site.model, {}, {}, 1.0});

  forEachTable(root, "viewpoint", file, [&](const toml::table& t) {
    TableReader r(t, file, "viewpoint");
    SiteViewpoint v;
    v.id = r.requiredString("id");
    r.setWhat("viewpoint '" + v.id + "'");
    for (const SiteViewpoint& other : site.viewpoints)
      if (other.id == v.id) r.failKey("id", "viewpoint '" + v.id + "' is defined twice");
    v.name_zh = r.optionalString("name_zh", v.id);
    v.name_en = r.optionalString("name_en", v.id);
    v.eye = r.requiredPoint("eye");
    v.target = r.requiredPoint("target");
    if (v.eye == v.target)
      r.failKey("target", "viewpoint '" + v.id + "': eye and target are the same point");
    r.rejectUnknownKeys();
    site.viewpoints.push_back(std::move(v));
  });

  readForwarding(root, file, site);

  // Resolve after all meters are read: std::map nodes are stable, so the pointers stay valid
  // for the life of the SiteConfig (its copy constructor re-resolves them).
  for (Meter& m : site.meters) m.tmpl = &site.templates.at(m.template_id);

  for (const auto& [key, value] : root) {
    static const std::set<std::string> kTopLevel{"site",     "ingest", "area",      "equipment",
                                                 "template", "meter",  "viewpoint", "model",
                                                 "forward",  "centre"};
    if (!kTopLevel.contains(std::string(key.str()))) {
      throw ConfigError(location(file, value.source()) + ": unknown table '" +
                        std::string(key.str()) + "'");
    }
  }
  return site;
}

SiteConfig loadSiteConfig(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot open the site configuration");
  std::ostringstream text;
  text << in.rdbuf();
  return parseSiteConfig(text.str(), file);
}

}  // namespace gt
