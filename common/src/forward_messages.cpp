// MessagePack encoding of the store-and-forward messages (forward_messages.h, docs/protocol.md).
#include "greentwin/forward_messages.h"

#include "msgpack_fields.h"

namespace gt::wire {
namespace {

using detail::decodeBody;
using detail::DecodeError;
using detail::expectType;
using detail::Fields;
using detail::finish;
using detail::Packer;
using detail::packHeader;
using detail::packStr;
using detail::packValue;

}  // namespace

std::string encode(const ForwardBatch& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 5, "type", "forward");
  packStr(p, "site");
  packStr(p, m.site);
  packStr(p, "first");
  p.pack_int64(m.first_seq);
  packStr(p, "last");
  p.pack_int64(m.last_seq);
  packStr(p, "points");
  p.pack_array(static_cast<uint32_t>(m.points.size()));
  for (const ForwardPoint& point : m.points) {
    p.pack_array(3);
    packStr(p, point.name);
    packStr(p, point.unit);
    packStr(p, point.kind);
  }
  // Arrays, not maps: a catch-up batch holds thousands of readings.
  packStr(p, "readings");
  p.pack_array(static_cast<uint32_t>(m.readings.size()));
  for (const ForwardReading& r : m.readings) {
    p.pack_array(r.count > 0 ? 8 : 4);
    p.pack_uint32(r.point);
    p.pack_int64(r.t);
    packValue(p, r.value);
    p.pack_uint32(r.quality);
    if (r.count > 0) {
      p.pack_int64(r.count);
      p.pack_double(r.min);
      p.pack_double(r.max);
      p.pack_double(r.sum);
    }
  }
  return finish(buffer);
}

std::string encode(const ForwardAck& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 2, "type", "forward_ack");
  packStr(p, "site");
  packStr(p, m.site);
  packStr(p, "last");
  p.pack_int64(m.last_seq);
  return finish(buffer);
}

std::optional<ForwardBatch> decodeForwardBatch(std::string_view body, std::string* why) {
  return decodeBody(body, why, "type", [](Fields& f, std::string& type) {
    expectType(type, "forward");
    ForwardBatch m;
    m.site = f.str("site");
    m.first_seq = f.integer("first");
    m.last_seq = f.integer("last");
    if (m.first_seq < 1 || m.last_seq < m.first_seq) {
      throw DecodeError("'first' and 'last' must be a range of sequence numbers from 1");
    }
    const msgpack::object_array& points = f.array("points");
    for (uint32_t i = 0; i < points.size; ++i) {
      const msgpack::object& o = points.ptr[i];
      if (o.type != msgpack::type::ARRAY || o.via.array.size != 3) {
        throw DecodeError("a point is not [name, unit, kind]");
      }
      m.points.push_back(ForwardPoint{Fields::asString(o.via.array.ptr[0], "a point name"),
                                      Fields::asString(o.via.array.ptr[1], "a point unit"),
                                      Fields::asString(o.via.array.ptr[2], "a point kind")});
    }
    const msgpack::object_array& readings = f.array("readings");
    m.readings.reserve(readings.size);
    for (uint32_t i = 0; i < readings.size; ++i) {
      const msgpack::object& o = readings.ptr[i];
      if (o.type != msgpack::type::ARRAY || (o.via.array.size != 4 && o.via.array.size != 8)) {
        throw DecodeError(
            "a reading is not [point, t, value, q] nor [point, t, value, q, count, min, max, sum]");
      }
      const msgpack::object* a = o.via.array.ptr;
      const int64_t point = Fields::asInteger(a[0], "reading point");
      if (point < 0 || static_cast<std::size_t>(point) >= m.points.size()) {
        throw DecodeError("a reading names point " + std::to_string(point) + " of " +
                          std::to_string(m.points.size()));
      }
      const int64_t q = Fields::asInteger(a[3], "reading q");
      if (q < 0 || q > UINT32_MAX) throw DecodeError("a reading's q is out of range");
      ForwardReading r{static_cast<uint32_t>(point), Fields::asInteger(a[1], "reading t"),
                       Fields::asNumber(a[2], "reading value"), static_cast<uint32_t>(q)};
      if (o.via.array.size == 8) {
        r.count = Fields::asInteger(a[4], "reading count");
        if (r.count < 1) throw DecodeError("an interval reading's count is below 1");
        r.min = Fields::asNumber(a[5], "reading min");
        r.max = Fields::asNumber(a[6], "reading max");
        r.sum = Fields::asNumber(a[7], "reading sum");
      }
      m.readings.push_back(r);
    }
    return m;
  });
}

std::optional<ForwardAck> decodeForwardAck(std::string_view body, std::string* why) {
  return decodeBody(body, why, "type", [](Fields& f, std::string& type) {
    expectType(type, "forward_ack");
    return ForwardAck{f.str("site"), f.integer("last")};
  });
}

}  // namespace gt::wire
