// MessagePack encoding of the "enter" request and its reply (entry_messages.h,
// docs/protocol.md "enter").
#include "greentwin/entry_messages.h"

#include "entry_codec.h"

namespace gt::wire {
namespace detail {

std::string encodeEnterRequest(const EnterRequest& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 6, "op", "enter");
  packStr(p, "kind");
  packStr(p, m.kind);
  packStr(p, "by");
  packStr(p, m.by);
  packStr(p, "why");
  packStr(p, m.why);
  packStr(p, "estimated");
  p.pack(m.estimated);
  packStr(p, "dry_run");
  p.pack(m.dry_run);
  packStr(p, "rows");
  p.pack_array(static_cast<uint32_t>(m.rows.size()));
  for (const EnterRow& r : m.rows) {
    // [point, t, value, source]: 100 000-row imports stay compact.
    p.pack_array(4);
    packStr(p, r.point);
    p.pack_int64(r.t);
    packValue(p, r.value);
    packStr(p, r.source);
  }
  return finish(buffer);
}

EnterRequest enterRequestFrom(const Fields& f) {
  EnterRequest m;
  m.kind = f.str("kind");
  if (m.kind != "manual" && m.kind != "import") {
    throw DecodeError("'kind' must be \"manual\" or \"import\", not \"" + m.kind + "\"");
  }
  m.by = f.str("by");
  m.why = f.str("why");
  if (f.find("estimated")) m.estimated = f.boolean("estimated");
  if (f.find("dry_run")) m.dry_run = f.boolean("dry_run");
  for (const msgpack::object& o : f.array("rows")) {
    if (o.type != msgpack::type::ARRAY || o.via.array.size != 4) {
      throw DecodeError("an enter row must be [point, t, value, source]");
    }
    const msgpack::object* e = o.via.array.ptr;
    if (e[0].type != msgpack::type::STR || e[3].type != msgpack::type::STR) {
      throw DecodeError("an enter row's point and source must be strings");
    }
    m.rows.push_back(EnterRow{std::string(e[0].via.str.ptr, e[0].via.str.size),
                              Fields::asInteger(e[1], "t"), Fields::asNumber(e[2], "value"),
                              std::string(e[3].via.str.ptr, e[3].via.str.size)});
  }
  return m;
}

}  // namespace detail

std::string encode(const EnterReply& m) {
  msgpack::sbuffer buffer;
  detail::Packer p(buffer);
  detail::packHeader(p, 1, "type", "entered");
  detail::packStr(p, "results");
  p.pack_array(static_cast<uint32_t>(m.results.size()));
  for (const EnterResult& r : m.results) {
    p.pack_array(3);  // [result, q, why]
    detail::packStr(p, r.result);
    p.pack_uint32(r.quality);
    detail::packStr(p, r.why);
  }
  return detail::finish(buffer);
}

std::optional<EnterReply> decodeEnterReply(std::string_view body, std::string* why) {
  using detail::DecodeError;
  using detail::Fields;
  return detail::decodeBody(body, why, "type", [](Fields& f, std::string& type) {
    detail::expectType(type, "entered");
    EnterReply m;
    for (const msgpack::object& o : f.array("results")) {
      if (o.type != msgpack::type::ARRAY || o.via.array.size != 3 ||
          o.via.array.ptr[0].type != msgpack::type::STR ||
          o.via.array.ptr[2].type != msgpack::type::STR) {
        throw DecodeError("an enter result must be [result, q, why]");
      }
      const msgpack::object* e = o.via.array.ptr;
      const int64_t q = Fields::asInteger(e[1], "q");
      if (q < 0 || q > UINT32_MAX) throw DecodeError("'q' out of range");
      m.results.push_back(EnterResult{std::string(e[0].via.str.ptr, e[0].via.str.size),
                                      static_cast<uint32_t>(q),
                                      std::string(e[2].via.str.ptr, e[2].via.str.size)});
    }
    return m;
  });
}

}  // namespace gt::wire
