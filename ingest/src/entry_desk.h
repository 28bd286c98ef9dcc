// EntryDesk: readings typed in by a person (a meter that cannot be read automatically) or
// imported from another system's history, validated like polled readings and handed to the
// one ReadingStore writer (seed 003 §4.4.3-2 validation, §4.4 audit; docs/storage.md "Manual
// entry and import"). The daemon answers the "enter" request with it; greentwin-entry --direct
// uses it on a database no daemon is running on.
//
// Per row, in request order:
//   rejected   unknown point, no value (NaN), or older than the raw retention horizon (its
//              bucket could no longer be recomputed). Nothing stored.
//   duplicate  the point already has a reading at that time: the stored one stays.
//   stored     with the flags of PointValidator's rules (out_of_range; regressed for a
//              cumulative point below the stored or entered reading before it, or above the
//              stored reading after it), plus manual (kind "manual"), imported (kind
//              "import") and estimated (when asked). `stuck` is not judged: it needs a run of
//              polls. Flagged rows are stored and flagged, never dropped.
// Every row, whatever its result, gets an audit row (table entry) in the transaction that
// stores it. A dry run answers the same without storing anything.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "greentwin/entry_messages.h"
#include "greentwin/site_config.h"
#include "reading_store.h"

namespace gt::ingest {

struct EntryDeskOptions {
  int utc_offset_minutes = 480;  // [site] timezone: where retention's 15-minute cut falls
  int raw_retention_days = 0;    // [ingest] raw_retention_days; 0: keep everything
  std::function<TimeMs()> now = nowUtcMs;
};

class EntryDesk {
 public:
  // Opens its own read connection to `database` (the neighbours of each row) beside `store`,
  // which must outlive it and write that database. Throws StoreError.
  static std::unique_ptr<EntryDesk> open(const SiteConfig& site,
                                         const std::filesystem::path& database, ReadingStore& store,
                                         EntryDeskOptions options = {});
  ~EntryDesk();
  EntryDesk(const EntryDesk&) = delete;
  EntryDesk& operator=(const EntryDesk&) = delete;

  // Validates, stores (unless a dry run) and audits `request`; returns once it is committed.
  // One result per row, in order. Not thread-safe: one caller (the publisher thread).
  // Throws StoreError when the database cannot be read.
  wire::EnterReply enter(const wire::EnterRequest& request);

  struct Impl;

 private:
  explicit EntryDesk(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gt::ingest
