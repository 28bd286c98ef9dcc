// The "replaced" request (greentwin-counter replaced, sent to a running greentwin-ingest): a
// meter, or its register, was replaced or reset. The daemon stores it (table counter_event)
// and applies it at once to the point's validator, so the new meter's lower readings are not
// flagged regressed. MessagePack maps with short string keys like messages.h's; decoders
// reject what they do. docs/protocol.md, "Requests and replies".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greentwin/clock.h"

namespace gt::wire {

struct ReplacedRequest {
  std::string point;     // cumulative point, "<meter>.<point>" (M-04.ep_imp)
  TimeMs t = 0;          // when the new meter took over, UTC ms
  double old_last = 0;   // the old meter's last reading, canonical unit
  double new_first = 0;  // the new meter's first reading, canonical unit
  std::string by;        // who records it
  std::string why;       // work order, serial numbers
};

// Reply (type "replaced"): stored and applied.
struct ReplacedReply {
  std::string point;
  TimeMs t = 0;
};

// The request is encoded by wire::encode(Request) and decoded by decodeRequest (messages.h).
std::string encode(const ReplacedReply& m);
// A body of type "error" is not a ReplacedReply: decode it with decodeReply (messages.h).
std::optional<ReplacedReply> decodeReplacedReply(std::string_view body, std::string* why = nullptr);

}  // namespace gt::wire
