// The fields of an "enter" request inside messages.cpp's Request encoding (entry_messages.h).
// Internal to greentwin_common.
#pragma once

#include <string>

#include "greentwin/entry_messages.h"
#include "msgpack_fields.h"

namespace gt::wire::detail {

// A whole request body (header included).
std::string encodeEnterRequest(const EnterRequest& m);
// The request from its already unpacked, version-checked map (op "enter").
EnterRequest enterRequestFrom(const Fields& f);

}  // namespace gt::wire::detail
