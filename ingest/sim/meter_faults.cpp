// Meter faults and the board that holds them (see meter_faults.h).
#include "meter_faults.h"

#include <algorithm>

namespace gt::sim {

std::optional<MeterFault> parseMeterFault(std::string_view name) {
  if (name == "offline") return MeterFault::Offline;
  if (name == "garbage") return MeterFault::Garbage;
  if (name == "stuck") return MeterFault::Stuck;
  if (name == "regress") return MeterFault::Regress;
  if (name == "clear" || name == "none") return MeterFault::None;
  return std::nullopt;
}

std::string_view meterFaultName(MeterFault fault) {
  switch (fault) {
    case MeterFault::None:
      return "none";
    case MeterFault::Offline:
      return "offline";
    case MeterFault::Garbage:
      return "garbage";
    case MeterFault::Stuck:
      return "stuck";
    case MeterFault::Regress:
      return "regress";
  }
  return "none";
}

std::optional<FaultSetting> parseFaultSetting(std::string_view text, std::string* why) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    if (why)
      *why = std::string("'").append(text).append("' should read METER:FAULT, e.g. M-03:offline");
    return std::nullopt;
  }
  const std::string_view name = text.substr(colon + 1);
  const std::optional<MeterFault> fault = parseMeterFault(name);
  if (!fault) {
    if (why) {
      *why = "unknown fault '" + std::string(name) +
             "'; expected offline, garbage, stuck, regress or clear";
    }
    return std::nullopt;
  }
  return FaultSetting{std::string(text.substr(0, colon)), *fault};
}

FaultBoard::FaultBoard(std::vector<std::string> meter_ids,
                       std::vector<std::vector<std::string>> point_names)
    : ids_(std::move(meter_ids)),
      point_names_(std::move(point_names)),
      pins_(ids_.size()),
      faults_(ids_.size(), MeterFault::None),
      clock_skews_ms_(ids_.size(), 0) {}

bool FaultBoard::setClockSkew(std::string_view meter_id, int64_t skew_ms) {
  const auto it = std::find(ids_.begin(), ids_.end(), meter_id);
  if (it == ids_.end()) return false;
  std::lock_guard lock(mutex_);
  clock_skews_ms_[static_cast<size_t>(it - ids_.begin())] = skew_ms;
  return true;
}

int64_t FaultBoard::clockSkewMs(size_t meter_index) const {
  std::lock_guard lock(mutex_);
  return meter_index < clock_skews_ms_.size() ? clock_skews_ms_[meter_index] : 0;
}

bool FaultBoard::pin(std::string_view meter_id, std::string_view point_name,
                     std::optional<double> value) {
  const auto it = std::find(ids_.begin(), ids_.end(), meter_id);
  const auto meter = static_cast<size_t>(it - ids_.begin());
  if (it == ids_.end() || meter >= point_names_.size()) return false;
  const auto& names = point_names_[meter];
  const auto p = std::find(names.begin(), names.end(), point_name);
  if (p == names.end()) return false;
  const auto point = static_cast<size_t>(p - names.begin());
  std::lock_guard lock(mutex_);
  auto& pins = pins_[meter];
  std::erase_if(pins, [&](const auto& pin) { return pin.first == point; });
  if (value) pins.emplace_back(point, *value);
  return true;
}

std::vector<std::pair<size_t, double>> FaultBoard::pins(size_t meter_index) const {
  std::lock_guard lock(mutex_);
  return meter_index < pins_.size() ? pins_[meter_index] : std::vector<std::pair<size_t, double>>{};
}

bool FaultBoard::set(std::string_view meter_id, MeterFault fault) {
  const auto it = std::find(ids_.begin(), ids_.end(), meter_id);
  if (it == ids_.end()) return false;
  std::lock_guard lock(mutex_);
  faults_[static_cast<size_t>(it - ids_.begin())] = fault;
  return true;
}

MeterFault FaultBoard::fault(size_t meter_index) const {
  std::lock_guard lock(mutex_);
  return meter_index < faults_.size() ? faults_[meter_index] : MeterFault::None;
}

std::vector<std::pair<std::string, MeterFault>> FaultBoard::active() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, MeterFault>> out;
  for (size_t i = 0; i < ids_.size(); ++i) {
    if (faults_[i] != MeterFault::None) out.emplace_back(ids_[i], faults_[i]);
  }
  return out;
}

}  // namespace gt::sim
