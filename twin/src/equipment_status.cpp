// Per-equipment state and value text from a snapshot; the precedence is in the header.
#include "equipment_status.h"

#include "value_format.h"

namespace gt::twin {
namespace {

bool hasActiveCommFault(const TwinSnapshot& snapshot, const std::string& meter) {
  for (const auto& [id, alarm] : snapshot.alarms) {
    if (alarm.meter == meter && alarm.code == AlarmCode::CommunicationFault) return true;
  }
  return false;
}

bool isOffline(const TwinSnapshot& snapshot, const std::string& meter) {
  auto it = snapshot.meters.find(meter);
  if (it != snapshot.meters.end() && !it->second.online) return true;
  return hasActiveCommFault(snapshot, meter);
}

}  // namespace

const char* equipmentStateName(EquipmentState state) {
  switch (state) {
    case EquipmentState::Normal:
      return "normal";
    case EquipmentState::Alarm:
      return "alarm";
    case EquipmentState::Offline:
      return "offline";
    case EquipmentState::NoData:
      return "nodata";
  }
  return "?";
}

std::optional<PrimaryPoint> primaryPointOf(const SiteConfig& site, const Equipment& equipment) {
  for (const Meter& meter : site.meters) {
    if (meter.equipment != equipment.id || meter.tmpl == nullptr) continue;
    for (const RegisterPoint& point : meter.tmpl->points) {
      if (point.primary) return PrimaryPoint{pointId(meter, point), &meter, &point};
    }
  }
  return std::nullopt;
}

EquipmentStatus equipmentStatus(const SiteConfig& site, const Equipment& equipment,
                                const TwinSnapshot& snapshot) {
  EquipmentStatus status;
  status.value_text = std::string(kNoValue);
  if (auto primary = primaryPointOf(site, equipment)) {
    auto it = snapshot.points.find(primary->id);
    if (it != snapshot.points.end()) {
      status.value_text = formatValue(it->second.value, it->second.unit);
      status.has_value = true;
      status.quality = it->second.quality;
    }
  }

  int meters = 0, offline = 0;
  bool alarmed = false;
  for (const Meter& meter : site.meters) {
    if (meter.equipment != equipment.id) continue;
    ++meters;
    offline += isOffline(snapshot, meter.id) ? 1 : 0;
  }
  for (const auto& [id, alarm] : snapshot.alarms) {
    if (alarm.equipment == equipment.id) alarmed = true;
    const Meter* meter = site.findMeter(alarm.meter);
    if (meter != nullptr && meter->equipment == equipment.id) alarmed = true;
  }

  if (meters > 0 && offline == meters) {
    status.state = EquipmentState::Offline;
  } else if (alarmed) {
    status.state = EquipmentState::Alarm;
  } else if (status.has_value) {
    status.state = EquipmentState::Normal;
  } else {
    status.state = EquipmentState::NoData;
  }
  return status;
}

std::string displayedValue(const EquipmentStatus& status, Language language) {
  if (status.state == EquipmentState::Offline) return uiText(UiText::StateOffline, language);
  return status.value_text;
}

}  // namespace gt::twin
