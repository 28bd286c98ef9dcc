// The MessagePack map conventions that every wire encoder (messages.cpp, kpi_messages.cpp,
// entry_messages.cpp, forward_messages.cpp, balance_messages.cpp) shares (docs/protocol.md):
// string keys, NaN sent as nil, unknown keys ignored, missing or mistyped required keys, trailing
// bytes and other versions rejected with a reason. Internal to greentwin_common: msgpack headers
// stay out of the public headers.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <msgpack.hpp>

#include "greentwin/messages.h"

namespace gt::wire::detail {

using Packer = msgpack::packer<msgpack::sbuffer>;

// A body that unpacked but does not follow the schema; its what() is the reason given.
struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void packStr(Packer& p, std::string_view s) {
  p.pack_str(static_cast<uint32_t>(s.size()));
  p.pack_str_body(s.data(), static_cast<uint32_t>(s.size()));
}

// Starts a top-level body: the map header plus "v" and the type tag ("type" or "op"); `fields`
// more pairs follow.
inline void packHeader(Packer& p, uint32_t fields, std::string_view type_key,
                       std::string_view type) {
  p.pack_map(fields + 2);
  packStr(p, "v");
  p.pack_int(kVersion);
  packStr(p, type_key);
  packStr(p, type);
}

// The packed body as the bytes of a ZeroMQ frame.
inline std::string finish(const msgpack::sbuffer& buffer) {
  return std::string(buffer.data(), buffer.size());
}

// One map entry: the key, then its value. Doubles go as they are (packValue sends NaN as nil).
inline void packTextEntry(Packer& p, std::string_view key, std::string_view value) {
  packStr(p, key);
  packStr(p, value);
}
inline void packDoubleEntry(Packer& p, std::string_view key, double value) {
  packStr(p, key);
  p.pack_double(value);
}
inline void packIntegerEntry(Packer& p, std::string_view key, int64_t value) {
  packStr(p, key);
  p.pack_int64(value);
}
inline void packBoolEntry(Packer& p, std::string_view key, bool value) {
  packStr(p, key);
  if (value) {
    p.pack_true();
  } else {
    p.pack_false();
  }
}

inline void packValue(Packer& p, double v) {
  if (std::isnan(v)) {
    p.pack_nil();  // a reading that did not decode: stored and sent as "no value"
  } else {
    p.pack_double(v);
  }
}

// The keys of one map, looked up by name; the typed getters throw DecodeError naming the key.
class Fields {
 public:
  explicit Fields(const msgpack::object& o) {
    if (o.type != msgpack::type::MAP) throw DecodeError("expected a map");
    for (uint32_t i = 0; i < o.via.map.size; ++i) {
      const msgpack::object_kv& kv = o.via.map.ptr[i];
      if (kv.key.type != msgpack::type::STR) throw DecodeError("map key is not a string");
      fields_[std::string(kv.key.via.str.ptr, kv.key.via.str.size)] = &kv.val;
    }
  }

  const msgpack::object* find(const std::string& key) const {
    auto it = fields_.find(key);
    return it == fields_.end() ? nullptr : it->second;
  }
  const msgpack::object& required(const std::string& key) const {
    const msgpack::object* o = find(key);
    if (!o) throw DecodeError("missing '" + key + "'");
    return *o;
  }
  std::string str(const std::string& key) const { return asString(required(key), "'" + key + "'"); }
  int64_t integer(const std::string& key) const { return asInteger(required(key), key); }
  double number(const std::string& key) const { return asNumber(required(key), key); }
  bool boolean(const std::string& key) const {
    const msgpack::object& o = required(key);
    if (o.type != msgpack::type::BOOLEAN) throw DecodeError("'" + key + "' is not a boolean");
    return o.via.boolean;
  }
  const msgpack::object_array& array(const std::string& key) const {
    const msgpack::object& o = required(key);
    if (o.type != msgpack::type::ARRAY) throw DecodeError("'" + key + "' is not an array");
    return o.via.array;
  }

  static std::string asString(const msgpack::object& o, const std::string& what) {
    if (o.type != msgpack::type::STR) throw DecodeError(what + " is not a string");
    return std::string(o.via.str.ptr, o.via.str.size);
  }
  static int64_t asInteger(const msgpack::object& o, const std::string& what) {
    if (o.type == msgpack::type::POSITIVE_INTEGER) {
      if (o.via.u64 > static_cast<uint64_t>(INT64_MAX)) throw DecodeError("'" + what + "' too big");
      return static_cast<int64_t>(o.via.u64);
    }
    if (o.type == msgpack::type::NEGATIVE_INTEGER) return o.via.i64;
    throw DecodeError("'" + what + "' is not an integer");
  }
  // Nil reads as NaN: the encoder sends NaN as nil.
  static double asNumber(const msgpack::object& o, const std::string& what) {
    if (o.type == msgpack::type::FLOAT32 || o.type == msgpack::type::FLOAT64) return o.via.f64;
    if (o.type == msgpack::type::NIL) return std::nan("");
    return static_cast<double>(asInteger(o, what));
  }

 private:
  std::map<std::string, const msgpack::object*> fields_;
};

// Unpacks exactly one map, checks its version, and hands it with its type tag (the value under
// `type_key`) to `decode`. Every failure becomes nullopt with the reason in `*why` (when given).
template <typename F>
auto decodeBody(std::string_view body, std::string* why, std::string_view type_key, F&& decode)
    -> std::optional<decltype(decode(std::declval<Fields&>(), std::declval<std::string&>()))> {
  try {
    std::size_t offset = 0;
    msgpack::object_handle handle = msgpack::unpack(body.data(), body.size(), offset);
    if (offset != body.size()) throw DecodeError("trailing bytes after the message");
    Fields f(handle.get());
    const int64_t v = f.integer("v");
    if (v != kVersion) throw DecodeError("unknown version " + std::to_string(v));
    std::string type = f.str(std::string(type_key));
    return decode(f, type);
  } catch (const msgpack::insufficient_bytes&) {
    if (why) *why = "truncated message";
  } catch (const msgpack::unpack_error& e) {
    if (why) *why = std::string("not MessagePack: ") + e.what();
  } catch (const DecodeError& e) {
    if (why) *why = e.what();
  } catch (const std::exception& e) {
    if (why) *why = std::string("malformed message: ") + e.what();
  }
  return std::nullopt;
}

inline void expectType(const std::string& type, std::string_view expected) {
  if (type != expected)
    throw DecodeError("type is '" + type + "', expected '" + std::string(expected) + "'");
}

}  // namespace gt::wire::detail
