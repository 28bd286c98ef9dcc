// Sends a meter replacement to the running greentwin-ingest (the "replaced" request,
// counter_messages.h), which stores it and applies it to the point's validation at once.
#pragma once

#include <chrono>
#include <string>

#include "greentwin/counter_messages.h"

namespace gt::counter {

// One REQ round trip to `endpoint`. Returns the daemon's reply; throws std::runtime_error with
// a message for people when no daemon answers within `timeout` or the daemon refuses (unknown
// point, database error).
wire::ReplacedReply sendReplacement(const std::string& endpoint,
                                    const wire::ReplacedRequest& request,
                                    std::chrono::milliseconds timeout);

}  // namespace gt::counter
