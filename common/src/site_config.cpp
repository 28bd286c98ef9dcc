// Loads site.toml into SiteConfig and checks every reference, so a mistake is reported once,
// at start, as "file:line:col: what is wrong", instead of surfacing later as a silent gap.
// The sections are read by site_config_{site,templates,meters,forward}.cpp, in the order
// their references need.
#include "greentwin/site_config.h"

#include "site_config_parts.h"

namespace gt {

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

SiteConfig::SiteConfig(const SiteConfig& other) : SiteConfigData(other) {
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
  const toml::table root = parseTomlText(text, file);

  SiteConfig site;
  site.file = name;
  site_sections::readSite(root, file, site);
  site_sections::readPlant(root, file, site);
  site_sections::readTemplates(root, file, site);
  site_sections::readMeters(root, file, site);
  site_sections::readScene(root, file, site);
  site_sections::readForwarding(root, file, site);
  site_sections::readFlows(root, file, site);

  // Resolve after all meters are read: std::map nodes are stable, so the pointers stay valid
  // for the life of the SiteConfig (its copy constructor re-resolves them).
  for (Meter& m : site.meters) m.tmpl = &site.templates.at(m.template_id);

  rejectUnknownTables(root, file,
                      {"site", "ingest", "area", "equipment", "template", "meter", "viewpoint",
                       "model", "forward", "centre", "flow"});
  return site;
}

SiteConfig loadSiteConfig(const std::filesystem::path& file) {
  return parseSiteConfig(readTextFile(file, "site configuration"), file);
}

}  // namespace gt
