// Quality flags of a stored reading and codes of alarms. These values are FROZEN: they are
// stored in SQLite and sent on the wire (docs/protocol.md, docs/storage.md). Add new values;
// never renumber.
#pragma once

#include <cstdint>
#include <string>

namespace gt {

// A reading's quality is a bit set; 0 means good. The reading is always stored, with the
// flags that say why it should not be trusted (seed 003 §4.4.3-2: three-layer validation).
namespace quality {
inline constexpr uint32_t kGood = 0;
inline constexpr uint32_t kOutOfRange = 1u << 0;    // outside the template's min/max
inline constexpr uint32_t kRegressed = 1u << 1;     // cumulative register went backwards
inline constexpr uint32_t kStuck = 1u << 2;         // value frozen longer than allowed
inline constexpr uint32_t kSpike = 1u << 3;         // implausible jump between polls
inline constexpr uint32_t kNotANumber = 1u << 4;    // bytes did not decode (NaN, bad BCD)
inline constexpr uint32_t kManual = 1u << 5;        // entered by a person, not measured
inline constexpr uint32_t kEstimated = 1u << 6;     // filled in, not measured
inline constexpr uint32_t kClockSuspect = 1u << 7;  // sample time earlier than the last one
inline constexpr uint32_t kRollover = 1u << 8;      // cumulative register wrapped: usable
// Imported from another system's history (greentwin-entry import): not polled by this daemon,
// so a report can say where a figure came from.
inline constexpr uint32_t kImported = 1u << 9;
}  // namespace quality

// Comma-separated names of the set flags ("out_of_range,spike"), "good" for 0.
std::string qualityNames(uint32_t flags);

// Alarm codes (003 §4.5.12-3 asks that meter faults and communication faults differ).
enum class AlarmCode : uint16_t {
  CommunicationFault = 1,  // meter does not answer, times out, or answers with bad frames
  MeterFault = 2,          // meter answers, but with values that cannot be right
  // A site total over its budget: today's energy or carbon above the day's target, or the
  // year-end carbon forecast above the quota (greentwin-ingest KPIs, docs/protocol.md).
  BudgetExceeded = 3,
  // A month-to-date intensity (energy or CO2 per unit of product or per 10^4 yuan) above the
  // limit value (限定值) of its [[benchmark]] (greentwin-ingest KPIs, docs/protocol.md).
  IntensityAboveLimit = 4,
  // An upper centre ([[forward]]) unreachable, or its outbox backlog older than the centre's
  // alarm_after_s (greentwin-ingest store and forward, docs/protocol.md).
  ForwardBacklog = 5,
  // A DL/T 645 meter whose own clock is off the daemon's by more than its [[meter]]
  // clock_alarm_s (greentwin-ingest meter_clock.h): its tariff periods and frozen readings
  // are off by as much, and it needs a technician to set it.
  MeterClockOff = 6,
};

enum class AlarmState : uint8_t { Raised = 1, Cleared = 2 };

const char* alarmCodeName(AlarmCode code);  // "comm_fault", "meter_fault", "budget_exceeded"

}  // namespace gt
