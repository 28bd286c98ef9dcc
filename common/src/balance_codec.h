// The fields of a "balance" request inside messages.cpp's Request encoding
// (balance_messages.h). Internal to greentwin_common.
#pragma once

#include <string>

#include "greentwin/balance_messages.h"
#include "msgpack_fields.h"

namespace gt::wire::detail {

// A whole request body (header included).
std::string encodeBalanceRequest(const BalanceRequest& m);
// The request from its already unpacked, version-checked map (op "balance").
BalanceRequest balanceRequestFrom(const Fields& f);

}  // namespace gt::wire::detail
