// Names of link error kinds, shared by every MeterLink implementation.
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

}  // namespace gt::ingest
