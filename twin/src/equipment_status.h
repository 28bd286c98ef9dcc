// What one piece of equipment looks like right now: its state (the colour of its tint, label
// and status dot) and the text of its primary value. Pure: reads the site and a snapshot.
//
// Precedence, from the meaning of the two alarm codes (003 §4.5.12-3): a communication fault
// means no data, a meter fault means bad data.
//   Offline  every meter of the equipment is without communication (offline, or an active
//            communication-fault alarm). Grey wins over red: nothing current is known, and
//            a meter-fault alarm raised before the link died is stale.
//   Alarm    otherwise, any active alarm on any of its meters (a meter fault, or a
//            communication fault on one of several meters while the others still report).
//   Normal   otherwise, the primary value is known.
//   NoData   otherwise (the daemon has not told us anything about it yet).
#pragma once

#include <optional>
#include <string>

#include "greentwin/site_config.h"
#include "twin_state.h"
#include "ui_strings.h"

namespace gt::twin {

enum class EquipmentState { Normal, Alarm, Offline, NoData };

// "normal", "alarm", "offline", "nodata" (as written into probes).
const char* equipmentStateName(EquipmentState state);

// The point shown on the equipment's label: the `primary = true` point of the first of its
// meters (in site order) whose template has one. nullopt when none has.
struct PrimaryPoint {
  std::string id;  // "M-03.p"
  const Meter* meter = nullptr;
  const RegisterPoint* point = nullptr;
};
std::optional<PrimaryPoint> primaryPointOf(const SiteConfig& site, const Equipment& equipment);

struct EquipmentStatus {
  EquipmentState state = EquipmentState::NoData;
  std::string value_text;  // formatted primary value ("18.4 kW"), or kNoValue
  bool has_value = false;
  uint32_t quality = 0;  // of the primary value
};

EquipmentStatus equipmentStatus(const SiteConfig& site, const Equipment& equipment,
                                const TwinSnapshot& snapshot);

// The value as displayed: the localised word "offline" for offline equipment (its last value
// is stale and must not pass for a live one), otherwise value_text.
std::string displayedValue(const EquipmentStatus& status, Language language);

}  // namespace gt::twin
