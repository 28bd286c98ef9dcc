// StoragePolicy: decides which readings of one point are stored ([[template]] store =
// "all" | "deadband" | "interval", docs/site-config.md). Publishing is not its business: the
// viewer gets every reading at the polling rate. Pure: no I/O, no clock; readings come in with
// their sample times, in order. One policy per point.
//
//   all       every reading.
//   deadband  a reading whose value differs from the last stored one by more than `deadband`,
//             whose quality differs from it, or that comes `heartbeat_s` or more after it (so a
//             flat line stays distinguishable from a dead meter). The first reading is stored.
//   interval  one row per `interval_s` slot (slots on multiples of interval_s since the epoch,
//             which fall on 15-minute boundaries because interval_s divides 900): the slot's
//             last good reading, or its last reading if none was good, carrying the count,
//             min, max and sum of the slot's good readings. A slot's row is released when a
//             reading of a later slot arrives, or by finish() when the daemon stops.
#pragma once

#include <optional>
#include <vector>

#include "greentwin/site_config.h"
#include "reading_store.h"

namespace gt::ingest {

class StoragePolicy {
 public:
  explicit StoragePolicy(const StoragePolicyConfig& config) : config_(config) {}

  // One reading (StoredReading::summary ignored); appends what to store now to `out`.
  void offer(const StoredReading& reading, std::vector<StoredReading>& out);
  // The daemon stops: the row of the slot in progress, if any.
  std::optional<StoredReading> finish();

 private:
  StoragePolicyConfig config_;
  // deadband: the last stored reading
  std::optional<StoredReading> stored_;
  // interval: the slot in progress
  bool slot_open_ = false;
  TimeMs slot_ = 0;
  StoredReading slot_row_;  // last good reading of the slot (else its last reading)
  bool slot_has_good_ = false;
};

}  // namespace gt::ingest
