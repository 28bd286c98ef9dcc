// Answers to control requests (see control_protocol.h).
#include "control_protocol.h"

#include <sstream>
#include <vector>

#include "site_time.h"

namespace gt::sim {
namespace {

std::vector<std::string> words(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string formatSpeed(double speed) {
  std::ostringstream out;
  out << speed;
  return out.str();
}

}  // namespace

ControlAnswer answerControlRequest(FaultBoard& board, std::string_view request, TimeMs sim_now,
                                   double speed) {
  const std::vector<std::string> w = words(request);
  if (w.size() == 1 && w[0] == "status") {
    std::string faults;
    for (const auto& [meter, fault] : board.active()) {
      if (!faults.empty()) faults += ",";
      faults += meter + ":" + std::string(meterFaultName(fault));
    }
    return {"ok time=" + formatLocalTime(sim_now) + " speed=" + formatSpeed(speed) +
                " faults=" + (faults.empty() ? "none" : faults),
            std::nullopt};
  }
  if (!w.empty() && w[0] == "fault") {
    if (w.size() != 3)
      return {"error: expected 'fault METER offline|garbage|stuck|regress|clear'", {}};
    const std::optional<MeterFault> fault = parseMeterFault(w[2]);
    if (!fault) {
      return {
          "error: unknown fault '" + w[2] + "'; expected offline, garbage, stuck, regress or clear",
          std::nullopt};
    }
    if (!board.set(w[1], *fault)) return {"error: no meter '" + w[1] + "'", std::nullopt};
    const std::string change =
        w[1] + " " + std::string(*fault == MeterFault::None ? "clear" : meterFaultName(*fault));
    return {"ok " + change, change};
  }
  return {"error: unknown request '" + std::string(request) +
              "'; expected 'status' or "
              "'fault METER offline|garbage|stuck|regress|clear'",
          std::nullopt};
}

}  // namespace gt::sim
