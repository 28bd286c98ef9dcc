// StoreError: the reading database cannot be used (cannot open, disk full, written by a newer
// schema). Its message names the file and the problem for the person on call.
#pragma once

#include <stdexcept>

namespace gt::ingest {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace gt::ingest
