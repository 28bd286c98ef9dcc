// The error greentwin-report stops with when it cannot produce a report a plant engineer could
// sign: a bad --period, a database that is missing or not GreenTwin's, a binding to a meter
// point the site does not have. what() says what is wrong and what to do about it. Mistakes in
// the bindings file itself are gt::ConfigError ("file:line:col: ..."), like site.toml's.
#pragma once

#include <stdexcept>

namespace gt::report {

class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace gt::report
