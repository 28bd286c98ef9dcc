// MessagePack encoding of the "replaced" request and its reply (counter_messages.h,
// docs/protocol.md "replaced").
#include "greentwin/counter_messages.h"

#include "counter_codec.h"

namespace gt::wire {
namespace detail {

std::string encodeReplacedRequest(const ReplacedRequest& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 6, "op", "replaced");
  packStr(p, "point");
  packStr(p, m.point);
  packStr(p, "t");
  p.pack_int64(m.t);
  packStr(p, "old_last");
  p.pack_double(m.old_last);
  packStr(p, "new_first");
  p.pack_double(m.new_first);
  packStr(p, "by");
  packStr(p, m.by);
  packStr(p, "why");
  packStr(p, m.why);
  return finish(buffer);
}

ReplacedRequest replacedRequestFrom(const Fields& f) {
  ReplacedRequest m{f.str("point"),        f.integer("t"), f.number("old_last"),
                    f.number("new_first"), f.str("by"),    f.str("why")};
  // Meter readings: a negative or non-finite one is a typing error, never a register value.
  if (!(m.old_last >= 0) || !(m.new_first >= 0) || m.old_last > 1e300 || m.new_first > 1e300) {
    throw DecodeError("'old_last' and 'new_first' must be meter readings (>= 0)");
  }
  return m;
}

}  // namespace detail

std::string encode(const ReplacedReply& m) {
  msgpack::sbuffer buffer;
  detail::Packer p(buffer);
  detail::packHeader(p, 2, "type", "replaced");
  detail::packStr(p, "point");
  detail::packStr(p, m.point);
  detail::packStr(p, "t");
  p.pack_int64(m.t);
  return detail::finish(buffer);
}

std::optional<ReplacedReply> decodeReplacedReply(std::string_view body, std::string* why) {
  using detail::Fields;
  return detail::decodeBody(body, why, "type", [](Fields& f, std::string& type) {
    detail::expectType(type, "replaced");
    return ReplacedReply{f.str("point"), f.integer("t")};
  });
}

}  // namespace gt::wire
