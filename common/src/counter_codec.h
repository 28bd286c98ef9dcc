// The fields of a "replaced" request inside messages.cpp's Request encoding
// (counter_messages.h). Internal to greentwin_common.
#pragma once

#include <string>

#include "greentwin/counter_messages.h"
#include "msgpack_fields.h"

namespace gt::wire::detail {

// A whole request body (header included).
std::string encodeReplacedRequest(const ReplacedRequest& m);
// The request from its already unpacked, version-checked map (op "replaced").
ReplacedRequest replacedRequestFrom(const Fields& f);

}  // namespace gt::wire::detail
