// Names of link error kinds, shared by every MeterLink implementation, and the default of
// MeterLink::readValue for links that carry registers.
#include "meter_link.h"

namespace gt::ingest {

const char* linkErrorKindName(LinkErrorKind kind) {
  switch (kind) {
    case LinkErrorKind::Timeout:
      return "timeout";
    case LinkErrorKind::Connection:
      return "connection";
    case LinkErrorKind::Exception:
      return "exception";
    case LinkErrorKind::BadFrame:
      return "bad_frame";
  }
  return "unknown";
}

ValueResult MeterLink::readValue(const LinkTarget& /*target*/, const ValueRead& /*request*/) {
  return LinkError{LinkErrorKind::BadFrame, 0,
                   describe() + " reads registers, not DL/T 645 data identifiers"};
}

}  // namespace gt::ingest
