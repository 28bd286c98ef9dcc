// Budget alarm hysteresis (see kpi_alarms.h for the rules).
#include "kpi_alarms.h"

#include <cassert>
#include <cmath>

namespace gt::kpi {

KpiAlarms::KpiAlarms(KpiAlarmRules rules) : rules_(rules) {
  assert(rules_.raise_after >= 1 && rules_.clear_after >= 1 &&
         rules_.clear_below <= rules_.raise_above);
}

std::vector<wire::AlarmEvent> KpiAlarms::update(const KpiCheck& check,
                                                const std::function<int64_t()>& next_id) {
  std::vector<wire::AlarmEvent> events;
  for (const KpiCheck::Item& item : check.items) {
    State& s = state_[item.id];
    if (std::isnan(item.ratio)) {
      // Nothing to judge (no budget, no readings yet): neither evidence for nor against.
      s.above = 0;
      s.below = 0;
      continue;
    }
    if (item.ratio > rules_.raise_above) {
      ++s.above;
      s.below = 0;
    } else if (item.ratio < rules_.clear_below) {
      ++s.below;
      s.above = 0;
    } else {
      // Between the thresholds: hold the present state.
      s.above = 0;
      s.below = 0;
    }
    if (!s.raised && s.above >= rules_.raise_after) {
      s.raised = true;
      s.raise = wire::AlarmEvent{next_id(),          item.id, "",       kSiteAlarmArea, item.code,
                                 AlarmState::Raised, check.t, item.text};
      events.push_back(s.raise);
    } else if (s.raised && s.below >= rules_.clear_after) {
      s.raised = false;
      wire::AlarmEvent clear = s.raise;
      clear.state = AlarmState::Cleared;
      clear.t = check.t;
      clear.text = (item.code == AlarmCode::IntensityAboveLimit ? "back within the limit: "
                                                                : "back within budget: ") +
                   item.text;
      events.push_back(std::move(clear));
    }
  }
  return events;
}

std::vector<wire::AlarmEvent> KpiAlarms::active() const {
  std::vector<wire::AlarmEvent> all;
  for (const auto& [id, s] : state_) {
    if (s.raised) all.push_back(s.raise);
  }
  return all;
}

}  // namespace gt::kpi
