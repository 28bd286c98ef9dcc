// Shared by the accounting tests: the message of the AccountingError a call throws.
#pragma once

#include <string>

#include "accounting/accounting_error.h"

namespace gt::accounting::testing {

// Runs f and returns the AccountingError's message, or "" when nothing was thrown.
template <typename F>
std::string accountingError(F&& f) {
  try {
    f();
  } catch (const AccountingError& e) {
    return e.what();
  }
  return "";
}

}  // namespace gt::accounting::testing
