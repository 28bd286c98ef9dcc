// WriterLock: the promise that one process at a time writes a reading database. The writer
// keeps per-point state in memory (AggregateWriter's tails), so a second writer on the same
// file (greentwin-entry --direct beside a running greentwin-ingest, or a second daemon) would
// silently desynchronise the aggregates. An advisory flock(2) on "<database>.writer-lock",
// held as long as the ReadingStore is open; the kernel releases it when the process dies, even
// by kill -9, so a crash never leaves a stale lock behind.
#pragma once

#include <filesystem>

#include "greentwin/scoped_fd.h"

namespace gt::ingest {

class WriterLock {
 public:
  // Takes the lock of `database` without waiting. Throws StoreError naming the database when
  // another process holds it, or when the lock file cannot be created.
  static WriterLock take(const std::filesystem::path& database);
  WriterLock() = default;

 private:
  explicit WriterLock(ScopedFd fd) : fd_(std::move(fd)) {}
  ScopedFd fd_;
};

}  // namespace gt::ingest
