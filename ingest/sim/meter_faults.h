// Faults the simulator can put on a meter, and the board the servers read them from.
//
//   offline  the meter does not answer at all, so the poller times out
//   garbage  it answers with random bytes and malformed frames
//   stuck    its registers freeze at the values they had
//   regress  its cumulative registers read lower than before (a meter fault, not a comm one)
//   clear    back to normal
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gt::sim {

enum class MeterFault { None, Offline, Garbage, Stuck, Regress };

// "offline", "garbage", "stuck", "regress"; "clear" and "none" give MeterFault::None.
std::optional<MeterFault> parseMeterFault(std::string_view name);
std::string_view meterFaultName(MeterFault fault);  // "none" for None

// A --fault argument, "M-03:offline".
struct FaultSetting {
  std::string meter;
  MeterFault fault = MeterFault::None;
};
std::optional<FaultSetting> parseFaultSetting(std::string_view text, std::string* why = nullptr);

// The fault of every meter, by meter index, and the points an operator pinned to a value.
// Written by the control socket, read by the server threads on every request; a mutex is
// plenty at Modbus request rates.
class FaultBoard {
 public:
  // `point_names`: each meter's template point names in template order, for pin(); without
  // them no point can be pinned.
  explicit FaultBoard(std::vector<std::string> meter_ids,
                      std::vector<std::vector<std::string>> point_names = {});

  // False when no meter has this id.
  bool set(std::string_view meter_id, MeterFault fault);
  MeterFault fault(size_t meter_index) const;
  // Meters with a fault, in site order.
  std::vector<std::pair<std::string, MeterFault>> active() const;

  // Pins a point to `value` (canonical units; nullopt unpins): its registers show that value
  // from the next request on, whatever the plant does. A step at a known moment, to measure
  // the daemon's latency. False when there is no such meter or point.
  bool pin(std::string_view meter_id, std::string_view point_name, std::optional<double> value);
  // The pinned points of a meter: (template index, value).
  std::vector<std::pair<size_t, double>> pins(size_t meter_index) const;

  // Sets a meter's clock (the DL/T 645 date and time identifiers) `skew_ms` ahead of the wall
  // clock (behind when negative). False when no meter has this id.
  bool setClockSkew(std::string_view meter_id, int64_t skew_ms);
  int64_t clockSkewMs(size_t meter_index) const;

 private:
  std::vector<std::string> ids_;
  std::vector<std::vector<std::string>> point_names_;
  std::vector<std::vector<std::pair<size_t, double>>> pins_;  // by meter index
  mutable std::mutex mutex_;
  std::vector<MeterFault> faults_;
  std::vector<int64_t> clock_skews_ms_;  // by meter index
};

}  // namespace gt::sim
