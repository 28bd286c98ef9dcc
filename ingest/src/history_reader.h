// HistoryReader: answers history requests from the reading database over its own read-only
// connection, so queries never hold up the writer (WAL lets both run at once). Only committed
// rows are visible: the history never shows a reading a crash could still take back.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "greentwin/messages.h"
#include "store_error.h"

namespace gt::ingest {

class HistoryReader {
 public:
  // Opens `file` read-only; the writer must have created it. Throws StoreError.
  static std::unique_ptr<HistoryReader> open(const std::filesystem::path& file);
  ~HistoryReader();
  HistoryReader(const HistoryReader&) = delete;
  HistoryReader& operator=(const HistoryReader&) = delete;

  // Samples of `request.point` with from <= t < to, ascending, at most `limit` (1..100000);
  // `truncated` when more exist in the range. A NULL value comes back as NaN. An unknown
  // point, an empty range or a bad limit give an ErrorReply; so does a database error.
  std::variant<wire::HistoryReply, wire::ErrorReply> query(const wire::HistoryRequest& request);

  static constexpr int64_t kMaxLimit = 100'000;

 private:
  struct Connection;
  explicit HistoryReader(std::unique_ptr<Connection> c);
  std::unique_ptr<Connection> c_;
};

}  // namespace gt::ingest
