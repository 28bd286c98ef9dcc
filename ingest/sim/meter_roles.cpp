// Recognising a meter's role from the site configuration (see meter_roles.h).
#include "meter_roles.h"

namespace gt::sim {

MeterRole meterRoleOf(const Meter& meter) {
  const std::string_view eq = meter.equipment;
  const auto is = [&](std::string_view prefix) { return eq.starts_with(prefix); };
  const bool electric = meter.energy == EnergyType::Electricity;
  if (meter.energy == EnergyType::Environment || is("WS-")) return MeterRole::WeatherStation;
  if (electric) {
    if (is("TR-")) return MeterRole::Incomer;
    if (is("CNC-")) return MeterRole::CncMachine;
    if (is("ASM-")) return MeterRole::AssemblyLine;
    if (is("PNT-")) return MeterRole::PaintBooth;
    if (is("AC-")) return MeterRole::AirCompressor;
    if (is("CH-")) return MeterRole::Chiller;
    if (is("PV-")) return MeterRole::PvPlant;
    return MeterRole::OtherElectric;
  }
  if (meter.energy == EnergyType::NaturalGas && is("PNT-")) return MeterRole::PaintBoothGas;
  if (meter.energy == EnergyType::NaturalGas && is("BLR-")) return MeterRole::BoilerGas;
  if (meter.energy == EnergyType::Steam) return MeterRole::BoilerSteam;
  if (meter.energy == EnergyType::CompressedAir) return MeterRole::CompressedAirHeader;
  if (meter.energy == EnergyType::Water) return MeterRole::WaterTreatment;
  return MeterRole::OtherFlow;
}

std::string_view meterRoleName(MeterRole role) {
  switch (role) {
    case MeterRole::Incomer:
      return "incomer";
    case MeterRole::CncMachine:
      return "cnc-machine";
    case MeterRole::AssemblyLine:
      return "assembly-line";
    case MeterRole::PaintBooth:
      return "paint-booth";
    case MeterRole::PaintBoothGas:
      return "paint-booth-gas";
    case MeterRole::AirCompressor:
      return "air-compressor";
    case MeterRole::CompressedAirHeader:
      return "compressed-air-header";
    case MeterRole::BoilerGas:
      return "boiler-gas";
    case MeterRole::BoilerSteam:
      return "boiler-steam";
    case MeterRole::Chiller:
      return "chiller";
    case MeterRole::PvPlant:
      return "pv-plant";
    case MeterRole::WaterTreatment:
      return "water-treatment";
    case MeterRole::WeatherStation:
      return "weather-station";
    case MeterRole::OtherElectric:
      return "other-electric";
    case MeterRole::OtherFlow:
      return "other-flow";
  }
  return "unknown";
}

bool isElectrical(MeterRole role) {
  switch (role) {
    case MeterRole::Incomer:
    case MeterRole::CncMachine:
    case MeterRole::AssemblyLine:
    case MeterRole::PaintBooth:
    case MeterRole::AirCompressor:
    case MeterRole::Chiller:
    case MeterRole::PvPlant:
    case MeterRole::OtherElectric:
      return true;
    default:
      return false;
  }
}

}  // namespace gt::sim
