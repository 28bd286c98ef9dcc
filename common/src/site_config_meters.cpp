// site.toml's [[meter]] tables: protocol, link (TCP or serial line), address and template of
// each meter, checked against each other so that two meters never collide on one link.
#include <algorithm>
#include <iterator>

#include "greentwin/cjt188.h"
#include "greentwin/dlt645.h"
#include "site_config_parts.h"

namespace gt::site_sections {
namespace {

std::optional<EnergyType> parseEnergyType(std::string_view name) {
  for (EnergyType t :
       {EnergyType::Electricity, EnergyType::NaturalGas, EnergyType::Water, EnergyType::Steam,
        EnergyType::CompressedAir, EnergyType::Heat, EnergyType::Environment}) {
    if (energyTypeName(t) == name) return t;
  }
  return std::nullopt;
}

constexpr const char* kSerialKeys[] = {"serial", "baud", "parity", "data_bits", "stop_bits"};

// "9600 8N1": how field engineers write a serial line's settings.
std::string describeSerial(const SerialSettings& s) {
  return std::to_string(s.baud) + " " + std::to_string(s.data_bits) + s.parity +
         std::to_string(s.stop_bits);
}

// `defaults` gives the framing when the file leaves it out (Modbus: 9600 8N1; DL/T 645-2007
// §5.1: 2400 8E1).
SerialSettings readSerialSettings(TomlTableReader& r, SerialSettings defaults) {
  SerialSettings s = std::move(defaults);
  s.device = r.requiredString("serial");
  if (s.device.empty()) {
    r.failKey("serial", "'serial' must name a device, e.g. /dev/ttyUSB0");
  }
  static constexpr int kBauds[] = {1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};
  s.baud = static_cast<int>(r.optionalInteger("baud", s.baud, 1, 10'000'000));
  if (std::find(std::begin(kBauds), std::end(kBauds), s.baud) == std::end(kBauds)) {
    r.failKey("baud", "'baud' is " + std::to_string(s.baud) +
                          ", expected a standard rate: 1200, 2400, 4800, 9600, 19200, 38400, "
                          "57600 or 115200");
  }
  const std::string parity = r.optionalString("parity", std::string(1, s.parity));
  if (parity != "N" && parity != "E" && parity != "O") {
    r.failKey("parity",
              "'parity' is '" + parity + "', expected \"N\" (none), \"E\" (even) or \"O\" (odd)");
  }
  s.parity = parity[0];
  s.data_bits = static_cast<int>(r.optionalInteger("data_bits", s.data_bits, 7, 8));
  s.stop_bits = static_cast<int>(r.optionalInteger("stop_bits", s.stop_bits, 1, 2));
  return s;
}

// CJ/T 188 meter: 14-digit address and the meter type the requests carry.
void readCjt188Identity(TomlTableReader& r, Meter& m) {
  if (!cjt188::isMeterAddress(m.address)) {
    r.failKey("address", "address '" + m.address +
                             "' is not a CJ/T 188 meter address: 14 digits as on the meter, "
                             "e.g. \"00000012345678\"");
  }
  const std::string type = r.requiredString("meter_type");
  const auto code = cjt188::meterTypeFromName(type);
  if (!code) {
    r.failKey("meter_type", "meter_type '" + type +
                                "' is not water, hot-water, drinking-water, reclaimed-water, "
                                "heat, cooling or gas");
  }
  m.meter_type = *code;
}

// A heat field on a water meter (or the reverse) would fail on every poll: refuse it here.
void checkCjt188Fields(TomlTableReader& r, const Meter& m, const RegisterTemplate& tmpl,
                       const std::string& what) {
  for (const RegisterPoint& p : tmpl.points) {
    if (!cjt188::fieldApplies(*cjt188::findField(p.field), m.meter_type)) {
      r.failKeyVerbatim("template", what + " is a " +
                                        std::string(cjt188::meterTypeName(m.meter_type)) +
                                        " meter, whose reply has no field '" + p.field +
                                        "' (point '" + p.name + "' of template '" + tmpl.id + "')");
    }
  }
}

}  // namespace

void readMeters(const toml::table& root, const std::string& file, SiteConfig& site) {
  forEachTomlTable(root, "meter", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "meter");
    Meter m;
    m.id = r.requiredString("id");
    const std::string what = "meter '" + m.id + "'";
    r.setWhat(what);
    if (m.id.find('.') != std::string::npos || m.id.find('/') != std::string::npos) {
      r.failKey("id", "ids may not contain '.' or '/' (they build point ids and topics)");
    }
    if (site.findMeter(m.id)) r.failKeyVerbatim("id", what + " is defined twice");
    const std::string energy = r.requiredString("energy");
    if (auto e = parseEnergyType(energy)) {
      m.energy = *e;
    } else {
      r.failKey("energy", "unknown energy type '" + energy +
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
      r.failKey("protocol", "protocol '" + protocol +
                                "' is not supported (modbus-tcp, modbus-rtu, dlt645, cjt188)");
    }
    const bool addressed = m.protocol == Protocol::Dlt645 || m.protocol == Protocol::Cjt188;
    if (!addressed && r.node("address")) {
      r.failKey("address",
                "'address' is for dlt645 and cjt188 meters; a Modbus meter has "
                "a 'unit_id'");
    }
    if (!addressed && r.node("meter_type")) {
      r.failKey("meter_type", "'meter_type' is for cjt188 meters only");
    }
    if (addressed) {
      if (r.node("unit_id")) {
        r.failKey("unit_id", "a " + std::string(protocolName(m.protocol)) + " meter has a " +
                                 (m.protocol == Protocol::Cjt188 ? "14" : "12") +
                                 "-digit 'address', not a 'unit_id'");
      }
      m.address = r.requiredString("address");
      const bool digits =
          m.address.size() == 12 && std::all_of(m.address.begin(), m.address.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
      if (m.protocol == Protocol::Cjt188) {
        readCjt188Identity(r, m);
      } else if (r.node("meter_type")) {
        r.failKey("meter_type", "'meter_type' is for cjt188 meters only");
      } else if (!digits || m.address == dlt645::kBroadcastAddress) {
        r.failKey("address", "address '" + m.address +
                                 "' is not a meter address: 12 digits as on the nameplate, "
                                 "e.g. \"000012345678\" (999999999999 is broadcast)");
      }
      if (r.node("serial")) {
        for (const char* key : {"host", "port"}) {
          if (r.node(key)) {
            r.failKey(key, std::string("'") + key + "' and 'serial' exclude each other: a " +
                               std::string(protocolName(m.protocol)) +
                               " meter is on a serial line or behind a TCP converter");
          }
        }
        m.serial = readSerialSettings(r, SerialSettings{"", 2400, 'E', 8, 1});
      } else {
        for (const char* key : kSerialKeys) {
          if (r.node(key)) {
            r.failKey(key, std::string("'") + key +
                               "' needs 'serial'; over TCP give 'host' and "
                               "'port'");
          }
        }
        if (!r.node("host")) {
          r.fail(nullptr, "a " + std::string(protocolName(m.protocol)) +
                              " meter needs 'serial' (a serial line) or 'host' and 'port' (a "
                              "serial-to-Ethernet converter)");
        }
        m.host = r.requiredString("host");
        m.port = static_cast<uint16_t>(r.requiredInteger("port", 1, 65535));
      }
    } else if (m.protocol == Protocol::ModbusTcp) {
      for (const char* key : kSerialKeys) {
        if (r.node(key)) r.failKey(key, std::string("'") + key + "' is for modbus-rtu meters only");
      }
      m.host = r.requiredString("host");
      m.port = static_cast<uint16_t>(r.requiredInteger("port", 1, 65535));
      m.unit_id = static_cast<int>(r.optionalInteger("unit_id", 1, 0, 255));
    } else {
      for (const char* key : {"host", "port"}) {
        if (r.node(key)) {
          r.failKey(key, std::string("'") + key +
                             "' is for modbus-tcp meters; a modbus-rtu meter names its 'serial' "
                             "port");
        }
      }
      m.serial = readSerialSettings(r, SerialSettings{});
      // Modbus over serial line v1.02 §2.2: 0 is broadcast (no answer), 248..255 reserved.
      m.unit_id = static_cast<int>(r.optionalInteger("unit_id", 1, 1, 247));
    }
    m.template_id = r.requiredString("template");
    m.interval_ms = static_cast<int>(r.optionalInteger("interval_ms", 1000, 100, 86'400'000));
    m.timeout_ms = static_cast<int>(r.optionalInteger("timeout_ms", 500, 10, 60'000));
    if (r.node("rated_kw")) {
      m.rated_kw = r.optionalNumber("rated_kw", 0);
      if (!(*m.rated_kw > 0)) r.failKey("rated_kw", "rated_kw must be above zero");
    }
    for (const char* key : {"clock_read_s", "clock_alarm_s"}) {
      if (r.node(key) && m.protocol != Protocol::Dlt645) {
        r.failKey(key, std::string("'") + key +
                           "' is for dlt645 meters only (the others' clocks are not read)");
      }
    }
    m.clock_read_s = static_cast<int>(r.optionalInteger("clock_read_s", 3600, 1, 86'400));
    m.clock_alarm_s = static_cast<int>(r.optionalInteger("clock_alarm_s", 300, 1, 86'400));
    m.equipment = r.requiredString("equipment");
    const Equipment* e = site.findEquipment(m.equipment);
    if (!e) {
      r.failKeyVerbatim("equipment",
                        what + " measures equipment '" + m.equipment + "' which is not defined");
    }
    m.area = e->area;
    if (!site.templates.contains(m.template_id)) {
      r.failKeyVerbatim("template",
                        what + " uses template '" + m.template_id + "' which is not defined");
    }
    {
      const RegisterTemplate& tmpl = site.templates.at(m.template_id);
      const RegisterPoint& first = tmpl.points.front();
      const bool cjt = !first.field.empty();
      const bool dlt = first.di.has_value() && !cjt;
      if (dlt != (m.protocol == Protocol::Dlt645) || cjt != (m.protocol == Protocol::Cjt188)) {
        r.failKeyVerbatim("template", what + " uses template '" + m.template_id + "' of " +
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
        r.failKeyVerbatim("protocol", what + " speaks " + std::string(protocolName(m.protocol)) +
                                          " on " + linkAddress(m) + " but meter '" + other.id +
                                          "' there speaks " +
                                          std::string(protocolName(other.protocol)) +
                                          " (one line or port carries one protocol)");
      }
      if (addressed) {
        if (usesSerial(m) && other.serial != m.serial) {
          r.failKeyVerbatim("serial", what + " is on line " + m.serial.device + " at " +
                                          describeSerial(m.serial) + " but meter '" + other.id +
                                          "' on the same line is at " +
                                          describeSerial(other.serial) +
                                          " (one line has one speed and framing)");
        }
        if (other.address == m.address) {
          r.failKeyVerbatim("address", what + " has the same address " + m.address + " as meter '" +
                                           other.id + "' on " + linkAddress(m));
        }
        continue;
      }
      if (m.protocol == Protocol::ModbusRtu && other.serial != m.serial) {
        r.failKeyVerbatim("serial", what + " is on line " + m.serial.device + " at " +
                                        describeSerial(m.serial) + " but meter '" + other.id +
                                        "' on the same line is at " + describeSerial(other.serial) +
                                        " (one RS-485 line has one speed and framing)");
      }
      if (other.unit_id == m.unit_id) {
        r.failKeyVerbatim(
            "unit_id",
            m.protocol == Protocol::ModbusRtu
                ? what + " has the same unit id " + std::to_string(m.unit_id) + " as meter '" +
                      other.id + "' on line " + m.serial.device
                : what + " has the same host, port and unit id as meter '" + other.id + "'");
      }
    }
    r.rejectUnknownKeys();
    site.meters.push_back(std::move(m));
  });
}

}  // namespace gt::site_sections
