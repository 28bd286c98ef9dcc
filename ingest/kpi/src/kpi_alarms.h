// Budget alarms on site totals (code budget_exceeded, quality.h): today's energy or carbon over
// the day's target, and the year-end carbon forecast over the quota; and intensity alarms
// (intensity_above_limit): a month-to-date intensity above its benchmark's limit value. They travel
// the meter alarms' path (stored in the alarm table, published on alarm/site/<kpi id>) and get
// their ids from the same AlarmTracker, so this class runs on the daemon's dispatcher thread and is
// fed the KPI thread's KpiCheck through the dispatcher queue. Hysteresis keeps a figure hovering at
// its budget from flapping:
//
//   raised   after `raise_after` checks in a row with ratio > raise_above (1.0)
//   cleared  after `clear_after` checks in a row with ratio < clear_below (0.95); a new day
//            starts the day's figures near 0, so a day alarm clears shortly after midnight
//
// A check without a ratio (no budget, no data) changes nothing. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "greentwin/messages.h"

namespace gt::kpi {

// The alarm-relevant part of one KPI computation.
struct KpiCheck {
  TimeMs t = 0;
  struct Item {
    std::string id;    // "energy_day", "carbon_day", "quota_forecast": the alarm's `meter`
    double ratio = 0;  // value / budget; NaN: nothing to judge
    std::string text;  // for people: the figure, its budget and the ratio
    // budget_exceeded for totals; intensity_above_limit for "intensity:<indicator>" items,
    // whose ratio is the intensity over its limit value (intensity_check.h).
    AlarmCode code = AlarmCode::BudgetExceeded;
  };
  std::vector<Item> items;
};

struct KpiAlarmRules {
  double raise_above = 1.0;
  double clear_below = 0.95;
  int raise_after = 2;
  int clear_after = 3;
};

// The alarm area of site-level alarms: topic alarm/site/<kpi id>.
inline constexpr const char* kSiteAlarmArea = "site";

class KpiAlarms {
 public:
  explicit KpiAlarms(KpiAlarmRules rules = {});

  // Raise and clear events this check causes; `next_id` hands out the id of a new alarm.
  std::vector<wire::AlarmEvent> update(const KpiCheck& check,
                                       const std::function<int64_t()>& next_id);
  std::vector<wire::AlarmEvent> active() const;  // raise events of the alarms now raised

 private:
  struct State {
    int above = 0, below = 0;  // checks in a row
    bool raised = false;
    wire::AlarmEvent raise;
  };
  KpiAlarmRules rules_;
  std::map<std::string, State> state_;
};

}  // namespace gt::kpi
