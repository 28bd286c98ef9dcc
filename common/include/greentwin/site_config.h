// The site configuration (site.toml): areas, equipment, meters, register-map templates and the
// daemon's endpoints. Both programs load it through loadSiteConfig(); docs/site-config.md
// documents every key.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "greentwin/register_codec.h"

namespace gt {

// A configuration mistake. what() reads "site.toml:42:7: meter 'M-07' uses template 'dtsu'
// which is not defined": file, line, column, problem, as a compiler would say it.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class EnergyType { Electricity, NaturalGas, Water, Steam, CompressedAir, Heat, Environment };
std::string_view energyTypeName(EnergyType type);  // "electricity", "natural_gas", ...

enum class PointKind {
  Instant,     // a measured value at the sample time (power, flow, temperature)
  Cumulative,  // a register that only grows (kWh, m3); regressions are meter faults
};

enum class RegisterFunction { Holding, Input };  // Modbus function 0x03 or 0x04

// Which readings of a point are stored (docs/storage.md, "Storage policy"). Publishing is not
// affected: every reading is published at the polling rate.
enum class StoreMode {
  All,       // every reading
  Deadband,  // on a change beyond `deadband`, a quality change, or `heartbeat_s` of silence
  Interval,  // one row per `interval_s` (the last good reading) with count/min/max/mean
};

struct StoragePolicyConfig {
  StoreMode mode = StoreMode::All;
  double deadband = 0;    // canonical units; Deadband: store when |v - last stored| > deadband
  int heartbeat_s = 900;  // Deadband: store at least this often (a flat line is not a dead meter)
  int interval_s = 60;    // Interval: divides 900, so rows end on 15-minute boundaries
};

// One value in a register-map template: a Modbus register range (address, function, type,
// order) or, in a DL/T 645 template, a data identifier (di), or in a CJ/T 188 template a field
// of the reply to a data identifier (di and field). A template holds one kind only.
struct RegisterPoint {
  std::string name;  // short name inside the template: "p", "ep_imp", "ua"
  std::string name_zh, name_en;
  std::optional<uint32_t> di;  // DL/T 645-2007 data identifier 0xDI3DI2DI1DI0; Modbus: none
  std::string field;           // CJ/T 188: which field of the reply to `di` ("current_flow")
  uint16_t address = 0;        // zero-based register address (protocol address, not 4xxxx)
  RegisterFunction function = RegisterFunction::Holding;
  DataType type = DataType::UInt16;
  WordOrder order = WordOrder::ABCD;
  double scale = 1.0;     // raw * scale = value in `unit`
  std::string unit;       // as the meter reports it ("Wh", "W", "0.01 kWh" is not a unit)
  std::string canonical;  // canonical unit after conversion ("kWh", "kW")
  double unit_factor = 1.0, unit_offset = 0.0;  // value in unit -> canonical
  PointKind kind = PointKind::Instant;
  double min = -1e300, max = 1e300;  // plausible range in canonical units
  // Where a cumulative register wraps (canonical units), when its layout does not say it
  // (`rollover` key; counterModulus() derives it otherwise).
  std::optional<double> rollover = std::nullopt;
  bool primary = false;         // the value shown on the equipment's label
  StoragePolicyConfig storage;  // the point's, or its template's default
};

struct RegisterTemplate {
  std::string id;
  std::string description;
  std::vector<RegisterPoint> points;
  int line = 0;  // where it was defined, for messages
};

struct Area {
  std::string id, name_zh, name_en;
};

// A named view of the 3D model ([[viewpoint]]): where the eye is and what it looks at, model
// coordinates in metres (Y up). The viewer lists them and flies there; tours will chain them.
struct SiteViewpoint {
  std::string id, name_zh, name_en;
  std::array<double, 3> eye{}, target{};
};

// One model of the site's 3D scene ([[model]]: buildings, equipment, terrain), or the one
// [site] model. Placed by scale, then rotations about X, Y, Z (degrees), then translation
// (metres, Y up). Its nodes are named "<id>/<node>" in the scene; the lone [site] model has an
// empty id and keeps its own node names (docs/site-config.md).
struct SiteModel {
  std::string id;
  std::filesystem::path file;  // resolved against the config's folder
  std::array<double, 3> translate{}, rotate_deg{};
  double scale = 1.0;
};

struct Equipment {
  std::string id;  // also the default node name in the 3D model
  std::string name_zh, name_en;
  std::string code;  // NHJC-02 style combined code (003 §4.4.2)
  std::string node;  // name of its node in the 3D model
  std::string area;  // Area::id
};

enum class Protocol {
  ModbusTcp,  // a meter or gateway on Ethernet
  ModbusRtu,  // a meter on an RS-485 line behind a serial port
  Dlt645,     // a DL/T 645-2007 meter on a serial line, or behind a serial-to-Ethernet converter
  Cjt188,     // a CJ/T 188-2004 water, gas or heat meter: serial line (M-Bus, RS-485) or converter
};
std::string_view protocolName(Protocol protocol);  // "modbus-tcp", "modbus-rtu", "dlt645", ...

// Serial line settings of a Modbus RTU or DL/T 645 meter; every meter on one line shares them.
struct SerialSettings {
  std::string device;  // "/dev/ttyUSB0"
  int baud = 9600;     // one of the standard rates 1200 .. 115200
  char parity = 'N';   // 'N', 'E' or 'O'
  int data_bits = 8;   // 7 or 8
  int stop_bits = 1;   // 1 or 2
  friend bool operator==(const SerialSettings&, const SerialSettings&) = default;
};

struct Meter {
  std::string id;
  EnergyType energy = EnergyType::Electricity;
  Protocol protocol = Protocol::ModbusTcp;
  std::string host = "127.0.0.1";  // Modbus TCP, or DL/T 645 over TCP
  uint16_t port = 502;             // Modbus TCP, or DL/T 645 over TCP
  SerialSettings serial;           // Modbus RTU, or DL/T 645 on a serial line (serial.device set)
  int unit_id = 1;                 // Modbus only
  std::string address;             // DL/T 645: 12 digits; CJ/T 188: 14 digits (nameplate)
  uint8_t meter_type = 0;          // CJ/T 188 only: T byte (0x10 cold water, 0x20 heat, ...)
  std::string template_id;
  int interval_ms = 1000;
  int timeout_ms = 500;
  // Rated power of what the meter measures, kW (`rated_kw`): the limit of the spike rule
  // (point_validator.h). nullopt: no spike check.
  std::optional<double> rated_kw = std::nullopt;
  // DL/T 645 only: the meter's clock is read every `clock_read_s`, and an offset from the
  // daemon's beyond `clock_alarm_s` raises alarm meter_clock (ingest meter_clock.h).
  int clock_read_s = 3600;
  int clock_alarm_s = 300;
  std::string equipment;                   // Equipment::id it measures
  std::string area;                        // derived: the equipment's area
  const RegisterTemplate* tmpl = nullptr;  // resolved, points into SiteConfig::templates
};

struct IngestSettings {
  std::string publish = "tcp://127.0.0.1:6601";     // ZeroMQ PUB: readings and alarms
  std::string request = "tcp://127.0.0.1:6602";     // ZeroMQ ROUTER: snapshot, history
  std::filesystem::path database = "greentwin.db";  // relative to the working directory
  int comm_fault_after = 3;  // consecutive failed polls before a communication-fault alarm
  int batch_ms = 200;        // longest a reading waits before its transaction commits
  // Gateway scale (docs/storage.md, "Staging"): new readings are appended to a staging table
  // and folded into the reading table every this many seconds. 0: off (readings go straight
  // to the reading table; right for sites of a few thousand points).
  int stage_fold_s = 0;
  // Raw readings older than this are deleted; aggregates are kept for ever. Seed 003 §4.4:
  // at least three years (1096 days); the default counts each year as a leap year.
  int raw_retention_days = 3 * 366;
};

// An upper centre this site forwards its stored readings to ([[forward]], docs/protocol.md
// "Store and forward"): resent until the centre acknowledges them.
struct ForwardTarget {
  std::string id;         // names the centre in logs and in the outbox cursor
  std::string endpoint;   // the centre's [centre] bind, "tcp://centre:5560"
  int batch_rows = 5000;  // readings per message
  int resend_ms = 5000;   // no acknowledgement within this: send the batch again (with backoff)
  // Alarm forward_backlog when the centre is unreachable this long, or its oldest waiting
  // reading is this old.
  int alarm_after_s = 600;
};

// Centre mode ([centre]): receive other sites' forwarded readings. Empty bind: not a centre.
struct CentreSettings {
  std::string bind;  // ZeroMQ ROUTER endpoint, "tcp://*:5560"
};

// An energy flow the viewer draws ([[flow]]): a ribbon from one place to another whose width
// and speed follow live meter values (docs/site-config.md). Either `from` and `to` (the viewer
// routes between the two nodes, through `via` when given) or an explicit `path`.
struct SiteFlow {
  std::string id;
  EnergyType carrier = EnergyType::Electricity;  // any but Environment
  // Model node names (an equipment id is replaced by its node here). The model is not known
  // to the config, so the viewer checks the names and reports a missing one at *_where.
  std::string from, to;
  std::string from_where, to_where;         // "site.toml:612:8" of the value
  std::vector<std::array<double, 3>> via;   // waypoints between from and to, metres
  std::vector<std::array<double, 3>> path;  // explicit path, >= 2 points, metres
  std::vector<std::string> points;          // "M-01.p"; the flow is their sum
  std::string unit;                         // the points' canonical unit ("kW", "t/h")
  double max = 0;                           // |sum| drawn at full width, in `unit` (> 0)
  double width = 1.2;                       // full width, metres
};

// Everything site.toml says. Kept apart from SiteConfig so that copying is the compiler's
// member-by-member copy, which cannot forget a member when one is added.
struct SiteConfigData {
  std::filesystem::path file;  // the file it was loaded from
  std::string id, name_zh, name_en;
  std::string timezone = "Asia/Shanghai";
  std::filesystem::path model;  // [site] model, resolved against the config's folder
  // The scene's models: the [[model]] entries, else the [site] model alone; empty when none.
  std::vector<SiteModel> models;
  // Accounting bindings (meter point -> energy carrier, role, factors) for reports; resolved
  // against the config's folder; empty when the site has none (docs/reports.md).
  std::filesystem::path accounting;
  // Model nodes the viewer hides so the equipment inside stays visible (roofs, ceilings).
  std::vector<std::string> cutaway;
  IngestSettings ingest;
  std::vector<ForwardTarget> forward;  // [[forward]]
  CentreSettings centre;               // [centre]
  std::vector<Area> areas;
  std::vector<Equipment> equipment;
  std::map<std::string, RegisterTemplate> templates;
  std::vector<Meter> meters;
  std::vector<SiteViewpoint> viewpoints;
  std::vector<SiteFlow> flows;  // [[flow]]
};

struct SiteConfig : SiteConfigData {
  SiteConfig() = default;
  // Copies re-point Meter::tmpl into their own templates; moves keep the map's nodes.
  SiteConfig(const SiteConfig& other);
  SiteConfig& operator=(const SiteConfig& other);
  SiteConfig(SiteConfig&&) noexcept = default;
  SiteConfig& operator=(SiteConfig&&) noexcept = default;

  const Area* findArea(std::string_view id) const;
  const Equipment* findEquipment(std::string_view id) const;
  const Meter* findMeter(std::string_view id) const;
};

// True for a meter on a serial line (Modbus RTU, DL/T 645 with `serial`), false over TCP.
bool usesSerial(const Meter& meter);

// Where the meter's link goes: "host:port" over TCP, the serial device on a serial line.
// Meters with the same address share one link (a gateway connection or an RS-485 line) and
// are polled in turn.
std::string linkAddress(const Meter& meter);

// Point identifiers are "<meter>.<point>", e.g. "M-02.p". They name a stored series.
std::string pointId(const Meter& meter, const RegisterPoint& point);

// Loads and validates a site file. Throws ConfigError naming file:line:column on any mistake
// (syntax, missing key, wrong type, unknown reference, duplicate id, unknown unit).
SiteConfig loadSiteConfig(const std::filesystem::path& file);

// Same, from text (for tests); `name` is used in messages.
SiteConfig parseSiteConfig(std::string_view text, const std::filesystem::path& name);

}  // namespace gt
