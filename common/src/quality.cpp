// Names of quality flags and alarm codes, as they appear in logs, docs and the wire.
#include "greentwin/quality.h"

#include <array>
#include <utility>

namespace gt {

std::string qualityNames(uint32_t flags) {
  static constexpr std::array<std::pair<uint32_t, const char*>, 10> kNames{{
      {quality::kOutOfRange, "out_of_range"},
      {quality::kRegressed, "regressed"},
      {quality::kStuck, "stuck"},
      {quality::kSpike, "spike"},
      {quality::kNotANumber, "not_a_number"},
      {quality::kManual, "manual"},
      {quality::kEstimated, "estimated"},
      {quality::kClockSuspect, "clock_suspect"},
      {quality::kRollover, "rollover"},
      {quality::kImported, "imported"},
  }};
  if (flags == quality::kGood) return "good";
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((flags & bit) == 0) continue;
    if (!out.empty()) out += ',';
    out += name;
    flags &= ~bit;
  }
  if (flags != 0) {
    if (!out.empty()) out += ',';
    out += "unknown_0x" + [flags] {
      static const char* digits = "0123456789abcdef";
      std::string hex;
      for (uint32_t f = flags; f != 0; f >>= 4) hex.insert(hex.begin(), digits[f & 0xF]);
      return hex;
    }();
  }
  return out;
}

const char* alarmCodeName(AlarmCode code) {
  switch (code) {
    case AlarmCode::CommunicationFault:
      return "comm_fault";
    case AlarmCode::MeterFault:
      return "meter_fault";
    case AlarmCode::BudgetExceeded:
      return "budget_exceeded";
    case AlarmCode::IntensityAboveLimit:
      return "intensity_above_limit";
    case AlarmCode::ForwardBacklog:
      return "forward_backlog";
    case AlarmCode::MeterClockOff:
      return "meter_clock_off";
  }
  return "unknown";
}

}  // namespace gt
