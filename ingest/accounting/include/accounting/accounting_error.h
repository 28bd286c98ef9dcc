// The error an accounting calculation throws when it cannot produce a figure an assessor could
// trust: a factor missing for the year, an energy key the factor files do not know, activity
// data in a unit that does not fit the factor. what() says what to configure, in words a plant
// energy manager understands. Mistakes inside the factor files themselves are gt::ConfigError
// ("file:line:col: ..."), like the site configuration's.
#pragma once

#include <stdexcept>

namespace gt::accounting {

class AccountingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace gt::accounting
