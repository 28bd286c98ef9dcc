// DownLines: the links (a gateway's host:port, a serial line) whose every meter has an active
// communication fault. The alarm list shows one "line down" row for each of them instead of
// one comm_fault row per meter: 32 meters behind one dead converter are one fault to fix, and
// their rows would push every other alarm off the panel. The daemon still raises, stores and
// publishes each meter's alarm (the record says which meters were dark and when); only the
// view groups them. Pure: no ImGui, no clock.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "greentwin/messages.h"
#include "greentwin/site_config.h"

namespace gt::twin {

struct DownLine {
  std::string link;                 // linkAddress(): "10.0.0.7:502", "/dev/ttyS1"
  std::vector<std::string> meters;  // its meters, in site-file order; all of them down
  TimeMs since = 0;                 // the earliest of their comm_fault raises
};

// Links with at least two meters, all of them with an active comm_fault in `alarms`, in the
// order of their first meter in the site file. A link of one meter is that meter's own alarm.
std::vector<DownLine> downLines(const SiteConfig& site,
                                const std::map<int64_t, wire::AlarmEvent>& alarms);

// Whether `meter` is on one of `lines` (its comm_fault row is shown as the line's).
bool onDownLine(const std::vector<DownLine>& lines, const std::string& meter);

}  // namespace gt::twin
