// Links whose every meter is down (see down_lines.h).
#include "down_lines.h"

#include <algorithm>
#include <limits>

namespace gt::twin {

std::vector<DownLine> downLines(const SiteConfig& site,
                                const std::map<int64_t, wire::AlarmEvent>& alarms) {
  std::map<std::string, TimeMs> down_since;  // meter -> its comm_fault raise
  for (const auto& [id, alarm] : alarms) {
    if (alarm.code != AlarmCode::CommunicationFault || alarm.state != AlarmState::Raised) continue;
    auto [it, fresh] = down_since.emplace(alarm.meter, alarm.t);
    if (!fresh) it->second = std::min(it->second, alarm.t);
  }
  std::vector<DownLine> lines;
  std::map<std::string, std::size_t> index;  // link -> index in lines
  std::map<std::string, bool> all_down;
  for (const Meter& meter : site.meters) {
    const std::string link = linkAddress(meter);
    auto [it, fresh] = index.emplace(link, lines.size());
    if (fresh) {
      lines.push_back(DownLine{link, {}, std::numeric_limits<TimeMs>::max()});
      all_down[link] = true;
    }
    DownLine& line = lines[it->second];
    line.meters.push_back(meter.id);
    const auto down = down_since.find(meter.id);
    if (down == down_since.end()) {
      all_down[link] = false;
    } else {
      line.since = std::min(line.since, down->second);
    }
  }
  std::erase_if(lines, [&](const DownLine& line) {
    return line.meters.size() < 2 || !all_down.at(line.link);
  });
  return lines;
}

bool onDownLine(const std::vector<DownLine>& lines, const std::string& meter) {
  return std::any_of(lines.begin(), lines.end(), [&](const DownLine& line) {
    return std::find(line.meters.begin(), line.meters.end(), meter) != line.meters.end();
  });
}

}  // namespace gt::twin
