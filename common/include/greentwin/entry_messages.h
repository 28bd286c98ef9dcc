// The "enter" request (docs/protocol.md): readings typed in by a person or imported from
// another system's history, handed to the running greentwin-ingest so that its one writer
// validates and stores them like polled readings (docs/storage.md, "Manual entry and import").
// MessagePack maps with short string keys like messages.h's; decoders reject what they do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/clock.h"

namespace gt::wire {

// One reading to enter, already in the point's canonical unit. NaN travels as nil (and is
// rejected: there is nothing to store).
struct EnterRow {
  std::string point;   // "<meter>.<point>"
  TimeMs t = 0;        // sample time, UTC ms
  double value = 0;    // canonical unit
  std::string source;  // where it came from: "history.csv:12" or "cli"
};

struct EnterRequest {
  std::string kind = "manual";  // "manual" (typed in) or "import" (another system's history)
  std::string by;               // who enters it (a name, any script)
  std::string why;              // the reason, for the audit
  bool estimated = false;       // the value is an estimate, not read off a meter
  bool dry_run = false;         // validate and answer, store nothing
  std::vector<EnterRow> rows;
};

// The outcome of one row, in request order.
struct EnterResult {
  std::string result;    // "stored", "duplicate" (that point already has a reading at t),
                         // "rejected" (nothing stored; `why` says why)
  uint32_t quality = 0;  // flags it is (or, in a dry run, would be) stored with
  std::string why;       // rejected: the reason; stored: "" or what the flags mean
};

struct EnterReply {
  std::vector<EnterResult> results;
};

// The request is encoded by wire::encode(Request) and decoded by decodeRequest (messages.h).
std::string encode(const EnterReply& m);
// A body of type "error" is not an EnterReply: decode it with decodeReply (messages.h).
std::optional<EnterReply> decodeEnterReply(std::string_view body, std::string* why = nullptr);

}  // namespace gt::wire
