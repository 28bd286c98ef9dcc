// BucketStats: the summary of the readings of one point in one aggregate bucket, built one
// reading (or one lower bucket) at a time. Pure: no I/O. What enters the totals:
//   - readings whose quality has a "bad" flag (kAggregateExcluded) are only counted
//     (bad_count): a frozen, out-of-range or undecodable value would falsify min, max, mean
//     and energy. Manual and estimated values are substitutes made to be used: they count.
//   - a reading stored for an interval (storage policy "interval") brings the count, min,
//     max and sum of all readings of its interval, so totals stay those of every poll.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

#include "greentwin/clock.h"
#include "greentwin/quality.h"

namespace gt::ingest {

inline constexpr uint32_t kAggregateExcluded = quality::kOutOfRange | quality::kRegressed |
                                               quality::kStuck | quality::kSpike |
                                               quality::kNotANumber | quality::kClockSuspect;

// What an interval-stored reading stands for (StoredReading::summary).
struct IntervalSummary {
  int64_t count = 0;  // readings polled in the interval, the stored one included
  double min = 0, max = 0, sum = 0;
};

struct BucketStats {
  int64_t count = 0;      // good readings (summaries: the readings they stand for)
  int64_t bad_count = 0;  // readings left out for their quality flags
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  double sum = 0;  // of the good readings, canonical unit; mean = sum / count
  // First and last good reading (cumulative points: meter readings at the bucket's edges);
  // meaningful only when has_value.
  bool has_value = false;
  TimeMs first_t = 0, last_t = 0;
  double first_v = 0, last_v = 0;
  // Cumulative points: the last good reading before the bucket; the bucket's energy is
  // last_v - prior, so consecutive buckets add up exactly to the difference of their end
  // readings. nullopt: no good reading before (then last_v - first_v).
  std::optional<double> prior;

  // One reading, in time order.
  void add(TimeMs t, std::optional<double> value, uint32_t quality,
           const IntervalSummary* summary = nullptr) {
    if (!value || (quality & kAggregateExcluded) != 0) {
      ++bad_count;
      return;
    }
    const double v = *value;
    if (summary != nullptr && summary->count > 0) {
      count += summary->count;
      min = std::min(min, summary->min);
      max = std::max(max, summary->max);
      sum += summary->sum;
    } else {
      ++count;
      min = std::min(min, v);
      max = std::max(max, v);
      sum += v;
    }
    if (!has_value) {
      first_t = t;
      first_v = v;
      has_value = true;
    }
    last_t = t;
    last_v = v;
  }

  // A finer bucket of the same point, in time order (hour from quarters, day from hours...).
  void merge(const BucketStats& lower, bool is_first) {
    if (is_first) prior = lower.prior;
    count += lower.count;
    bad_count += lower.bad_count;
    if (!lower.has_value) return;
    min = std::min(min, lower.min);
    max = std::max(max, lower.max);
    sum += lower.sum;
    if (!has_value) {
      first_t = lower.first_t;
      first_v = lower.first_v;
      has_value = true;
    }
    last_t = lower.last_t;
    last_v = lower.last_v;
  }
};

}  // namespace gt::ingest
