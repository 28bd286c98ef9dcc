// The storage decisions of one point (see storage_policy.h).
#include "storage_policy.h"

#include <algorithm>
#include <cmath>

namespace gt::ingest {

namespace {
bool isGood(const StoredReading& r) {
  return !std::isnan(r.value) && (r.quality & kAggregateExcluded) == 0;
}

TimeMs slotOf(TimeMs t, TimeMs length) {
  const TimeMs q = t / length;
  return (q * length > t ? q - 1 : q) * length;
}
}  // namespace

void StoragePolicy::offer(const StoredReading& reading, std::vector<StoredReading>& out) {
  StoredReading r = reading;
  r.summary = {};
  switch (config_.mode) {
    case StoreMode::All:
      out.push_back(r);
      return;
    case StoreMode::Deadband: {
      bool store = !stored_;
      if (!store) {
        const StoredReading& last = *stored_;
        const bool was_nan = std::isnan(last.value), is_nan = std::isnan(r.value);
        store = r.quality != last.quality || was_nan != is_nan ||
                r.t - last.t >= config_.heartbeat_s * 1000LL ||
                (!is_nan && std::abs(r.value - last.value) > config_.deadband);
      }
      if (store) {
        stored_ = r;
        out.push_back(r);
      }
      return;
    }
    case StoreMode::Interval: {
      const TimeMs slot = slotOf(r.t, config_.interval_s * 1000LL);
      if (slot_open_ && slot != slot_) {
        if (auto row = finish()) out.push_back(*row);
      }
      if (!slot_open_) {
        slot_open_ = true;
        slot_ = slot;
        slot_has_good_ = false;
        slot_row_ = r;
      }
      if (isGood(r)) {
        IntervalSummary& s = slot_row_.summary;
        if (!slot_has_good_) {
          s = {1, r.value, r.value, r.value};
        } else {
          s = {s.count + 1, std::min(s.min, r.value), std::max(s.max, r.value), s.sum + r.value};
        }
        const IntervalSummary kept = s;
        slot_row_ = r;
        slot_row_.summary = kept;
        slot_has_good_ = true;
      } else if (!slot_has_good_) {
        slot_row_ = r;
      }
      return;
    }
  }
}

std::optional<StoredReading> StoragePolicy::finish() {
  if (!slot_open_) return std::nullopt;
  slot_open_ = false;
  return slot_row_;
}

}  // namespace gt::ingest
