// MessagePack encoding of the wire schema (messages.h, docs/protocol.md). Maps with short
// string keys: self-describing for clients in any language, and new optional keys can be added
// without a version bump. Unknown keys are ignored; missing or mistyped required keys, trailing
// bytes and other versions are rejected.
#include "greentwin/messages.h"

#include <cmath>
#include <map>
#include <stdexcept>

#include <msgpack.hpp>

namespace gt::wire {
namespace {

using Packer = msgpack::packer<msgpack::sbuffer>;

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void packStr(Packer& p, std::string_view s) {
  p.pack_str(static_cast<uint32_t>(s.size()));
  p.pack_str_body(s.data(), static_cast<uint32_t>(s.size()));
}

void packValue(Packer& p, double v) {
  if (std::isnan(v)) {
    p.pack_nil();  // a reading that did not decode: stored and sent as "no value"
  } else {
    p.pack_double(v);
  }
}

// Starts a top-level body: the map header plus "v" and "type"/"op".
void packHeader(Packer& p, uint32_t fields, std::string_view type_key, std::string_view type) {
  p.pack_map(fields + 2);
  packStr(p, "v");
  p.pack_int(kVersion);
  packStr(p, type_key);
  packStr(p, type);
}

void packBatchFields(Packer& p, const ReadingBatch& m) {
  packStr(p, "meter");
  packStr(p, m.meter);
  packStr(p, "equipment");
  packStr(p, m.equipment);
  packStr(p, "area");
  packStr(p, m.area);
  packStr(p, "values");
  p.pack_array(static_cast<uint32_t>(m.values.size()));
  for (const PointValue& v : m.values) {
    p.pack_map(5);
    packStr(p, "point");
    packStr(p, v.point);
    packStr(p, "unit");
    packStr(p, v.unit);
    packStr(p, "t");
    p.pack_int64(v.t);
    packStr(p, "value");
    packValue(p, v.value);
    packStr(p, "q");
    p.pack_uint32(v.quality);
  }
}

const char* alarmStateName(AlarmState s) {
  return s == AlarmState::Raised ? "raised" : "cleared";
}

void packAlarmFields(Packer& p, const AlarmEvent& m) {
  packStr(p, "id");
  p.pack_int64(m.id);
  packStr(p, "meter");
  packStr(p, m.meter);
  packStr(p, "equipment");
  packStr(p, m.equipment);
  packStr(p, "area");
  packStr(p, m.area);
  packStr(p, "code");
  packStr(p, alarmCodeName(m.code));
  packStr(p, "state");
  packStr(p, alarmStateName(m.state));
  packStr(p, "t");
  p.pack_int64(m.t);
  packStr(p, "text");
  packStr(p, m.text);
}

// ---- decoding

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
  std::string str(const std::string& key) const {
    const msgpack::object& o = required(key);
    if (o.type != msgpack::type::STR) throw DecodeError("'" + key + "' is not a string");
    return std::string(o.via.str.ptr, o.via.str.size);
  }
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

  static int64_t asInteger(const msgpack::object& o, const std::string& what) {
    if (o.type == msgpack::type::POSITIVE_INTEGER) {
      if (o.via.u64 > static_cast<uint64_t>(INT64_MAX)) throw DecodeError("'" + what + "' too big");
      return static_cast<int64_t>(o.via.u64);
    }
    if (o.type == msgpack::type::NEGATIVE_INTEGER) return o.via.i64;
    throw DecodeError("'" + what + "' is not an integer");
  }
  static double asNumber(const msgpack::object& o, const std::string& what) {
    if (o.type == msgpack::type::FLOAT32 || o.type == msgpack::type::FLOAT64) return o.via.f64;
    if (o.type == msgpack::type::NIL) return std::nan("");
    return static_cast<double>(asInteger(o, what));
  }

 private:
  std::map<std::string, const msgpack::object*> fields_;
};

// Unpacks exactly one object, checks the version and the type tag.
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

void expectType(const std::string& type, std::string_view expected) {
  if (type != expected)
    throw DecodeError("type is '" + type + "', expected '" + std::string(expected) + "'");
}

ReadingBatch batchFrom(const Fields& f) {
  ReadingBatch m;
  m.meter = f.str("meter");
  m.equipment = f.str("equipment");
  m.area = f.str("area");
  for (const msgpack::object& item : f.array("values")) {
    Fields vf(item);
    PointValue v;
    v.point = vf.str("point");
    v.unit = vf.str("unit");
    v.t = vf.integer("t");
    v.value = vf.number("value");
    const int64_t q = vf.integer("q");
    if (q < 0 || q > UINT32_MAX) throw DecodeError("'q' out of range");
    v.quality = static_cast<uint32_t>(q);
    m.values.push_back(std::move(v));
  }
  return m;
}

AlarmEvent alarmFrom(const Fields& f) {
  AlarmEvent m;
  m.id = f.integer("id");
  m.meter = f.str("meter");
  m.equipment = f.str("equipment");
  m.area = f.str("area");
  const std::string code = f.str("code");
  if (code == alarmCodeName(AlarmCode::CommunicationFault)) {
    m.code = AlarmCode::CommunicationFault;
  } else if (code == alarmCodeName(AlarmCode::MeterFault)) {
    m.code = AlarmCode::MeterFault;
  } else if (code == alarmCodeName(AlarmCode::BudgetExceeded)) {
    m.code = AlarmCode::BudgetExceeded;
  } else {
    throw DecodeError("unknown alarm code '" + code + "'");
  }
  const std::string state = f.str("state");
  if (state == "raised") {
    m.state = AlarmState::Raised;
  } else if (state == "cleared") {
    m.state = AlarmState::Cleared;
  } else {
    throw DecodeError("unknown alarm state '" + state + "'");
  }
  m.t = f.integer("t");
  m.text = f.str("text");
  return m;
}

std::string finish(const msgpack::sbuffer& buffer) {
  return std::string(buffer.data(), buffer.size());
}

}  // namespace

std::string readingTopic(std::string_view area, std::string_view meter) {
  return "reading/" + std::string(area) + "/" + std::string(meter);
}

std::string alarmTopic(std::string_view area, std::string_view meter) {
  return "alarm/" + std::string(area) + "/" + std::string(meter);
}

std::string encode(const ReadingBatch& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 4, "type", "readings");
  packBatchFields(p, m);
  return finish(buffer);
}

std::string encode(const AlarmEvent& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 8, "type", "alarm");
  packAlarmFields(p, m);
  return finish(buffer);
}

std::string encode(const Heartbeat& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 3, "type", "heartbeat");
  packStr(p, "t");
  p.pack_int64(m.t);
  packStr(p, "started");
  p.pack_int64(m.started);
  packStr(p, "site");
  packStr(p, m.site);
  return finish(buffer);
}

std::string encode(const Request& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  if (std::holds_alternative<SnapshotRequest>(m)) {
    packHeader(p, 0, "op", "snapshot");
  } else if (const auto* e = std::get_if<ExplainRequest>(&m)) {
    packHeader(p, 2, "op", "explain");
    packStr(p, "kpi");
    packStr(p, e->kpi);
    packStr(p, "period");
    packStr(p, e->period);
  } else {
    const HistoryRequest& h = std::get<HistoryRequest>(m);
    const bool raw = h.resolution == "raw";
    packHeader(p, raw ? 4 : 5, "op", "history");
    packStr(p, "point");
    packStr(p, h.point);
    packStr(p, "from");
    p.pack_int64(h.from);
    packStr(p, "to");
    p.pack_int64(h.to);
    packStr(p, "limit");
    p.pack_int64(h.limit);
    if (!raw) {
      packStr(p, "resolution");
      packStr(p, h.resolution);
    }
  }
  return finish(buffer);
}

std::string encode(const Reply& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  if (const auto* s = std::get_if<SnapshotReply>(&m)) {
    packHeader(p, 6, "type", "snapshot");
    packStr(p, "t");
    p.pack_int64(s->t);
    packStr(p, "started");
    p.pack_int64(s->started);
    packStr(p, "site");
    packStr(p, s->site);
    packStr(p, "latest");
    p.pack_array(static_cast<uint32_t>(s->latest.size()));
    for (const ReadingBatch& b : s->latest) {
      p.pack_map(4);
      packBatchFields(p, b);
    }
    packStr(p, "alarms");
    p.pack_array(static_cast<uint32_t>(s->alarms.size()));
    for (const AlarmEvent& a : s->alarms) {
      p.pack_map(8);
      packAlarmFields(p, a);
    }
    packStr(p, "meters");
    p.pack_array(static_cast<uint32_t>(s->meters.size()));
    for (const MeterState& ms : s->meters) {
      p.pack_map(ms.counters ? 4 : 3);
      packStr(p, "meter");
      packStr(p, ms.meter);
      packStr(p, "online");
      p.pack(ms.online);
      packStr(p, "last_ok");
      p.pack_int64(ms.last_ok);
      if (const PollCounters* c = ms.counters ? &*ms.counters : nullptr) {
        packStr(p, "counters");
        p.pack_map(6);
        for (const auto& [key, value] :
             {std::pair<std::string_view, uint64_t>{"polls_ok", c->polls_ok},
              {"timeouts", c->timeouts},
              {"exceptions", c->exceptions},
              {"bad_frames", c->bad_frames},
              {"connection_errors", c->connection_errors},
              {"reconnects", c->reconnects}}) {
          packStr(p, key);
          p.pack_uint64(value);
        }
      }
    }
  } else if (const auto* h = std::get_if<HistoryReply>(&m)) {
    const bool raw = h->resolution == "raw";
    packHeader(p, raw ? 4 : 6, "type", "history");
    packStr(p, "point");
    packStr(p, h->point);
    packStr(p, "unit");
    packStr(p, h->unit);
    packStr(p, "samples");
    p.pack_array(static_cast<uint32_t>(h->samples.size()));
    for (const HistorySample& sample : h->samples) {
      p.pack_array(3);
      p.pack_int64(sample.t);
      packValue(p, sample.value);
      p.pack_uint32(sample.quality);
    }
    packStr(p, "truncated");
    p.pack(h->truncated);
    if (!raw) {
      packStr(p, "resolution");
      packStr(p, h->resolution);
      packStr(p, "buckets");
      p.pack_array(static_cast<uint32_t>(h->buckets.size()));
      for (const HistoryBucket& b : h->buckets) {
        p.pack_array(9);
        p.pack_int64(b.t);
        p.pack_int64(b.count);
        p.pack_int64(b.bad_count);
        for (double v : {b.min, b.max, b.mean, b.first, b.last, b.delta}) packValue(p, v);
      }
    }
  } else {
    packHeader(p, 1, "type", "error");
    packStr(p, "error");
    packStr(p, std::get<ErrorReply>(m).error);
  }
  return finish(buffer);
}

std::optional<ReadingBatch> decodeReadingBatch(std::string_view body, std::string* why) {
  return decodeBody(body, why, "type", [](Fields& f, std::string& type) {
    expectType(type, "readings");
    return batchFrom(f);
  });
}

std::optional<AlarmEvent> decodeAlarmEvent(std::string_view body, std::string* why) {
  return decodeBody(body, why, "type", [](Fields& f, std::string& type) {
    expectType(type, "alarm");
    return alarmFrom(f);
  });
}

std::optional<Heartbeat> decodeHeartbeat(std::string_view body, std::string* why) {
  return decodeBody(body, why, "type", [](Fields& f, std::string& type) {
    expectType(type, "heartbeat");
    return Heartbeat{f.integer("t"), f.integer("started"), f.str("site")};
  });
}

std::optional<Request> decodeRequest(std::string_view body, std::string* why) {
  return decodeBody(body, why, "op", [](Fields& f, std::string& op) -> Request {
    if (op == "snapshot") return SnapshotRequest{};
    if (op == "history") {
      HistoryRequest h;
      h.point = f.str("point");
      h.from = f.integer("from");
      h.to = f.integer("to");
      if (f.find("limit")) h.limit = f.integer("limit");
      if (h.limit <= 0) throw DecodeError("'limit' must be positive");
      if (f.find("resolution")) h.resolution = f.str("resolution");
      return h;
    }
    if (op == "explain") {
      ExplainRequest e;
      e.kpi = f.str("kpi");
      if (f.find("period")) e.period = f.str("period");
      return e;
    }
    throw DecodeError("unknown op '" + op + "'");
  });
}

std::optional<Reply> decodeReply(std::string_view body, std::string* why) {
  return decodeBody(body, why, "type", [](Fields& f, std::string& type) -> Reply {
    if (type == "snapshot") {
      SnapshotReply s;
      s.t = f.integer("t");
      s.started = f.integer("started");
      s.site = f.str("site");
      for (const msgpack::object& o : f.array("latest")) s.latest.push_back(batchFrom(Fields(o)));
      for (const msgpack::object& o : f.array("alarms")) s.alarms.push_back(alarmFrom(Fields(o)));
      for (const msgpack::object& o : f.array("meters")) {
        Fields mf(o);
        s.meters.push_back(
            MeterState{mf.str("meter"), mf.boolean("online"), mf.integer("last_ok")});
        if (const msgpack::object* c = mf.find("counters")) {
          const Fields cf(*c);
          const auto count = [&](const char* key) {
            const int64_t n = cf.integer(key);
            if (n < 0) throw DecodeError(std::string("'") + key + "' is negative");
            return static_cast<uint64_t>(n);
          };
          s.meters.back().counters =
              PollCounters{count("polls_ok"),   count("timeouts"),          count("exceptions"),
                           count("bad_frames"), count("connection_errors"), count("reconnects")};
        }
      }
      return s;
    }
    if (type == "history") {
      HistoryReply h;
      h.point = f.str("point");
      h.unit = f.str("unit");
      for (const msgpack::object& o : f.array("samples")) {
        if (o.type != msgpack::type::ARRAY || o.via.array.size != 3) {
          throw DecodeError("a history sample must be [t, value, q]");
        }
        const msgpack::object* e = o.via.array.ptr;
        h.samples.push_back(HistorySample{Fields::asInteger(e[0], "t"),
                                          Fields::asNumber(e[1], "value"),
                                          static_cast<uint32_t>(Fields::asInteger(e[2], "q"))});
      }
      h.truncated = f.boolean("truncated");
      if (f.find("resolution")) h.resolution = f.str("resolution");
      if (f.find("buckets")) {
        for (const msgpack::object& o : f.array("buckets")) {
          if (o.type != msgpack::type::ARRAY || o.via.array.size != 9) {
            throw DecodeError(
                "a history bucket must be [t, count, bad_count, min, max, mean, "
                "first, last, delta]");
          }
          const msgpack::object* e = o.via.array.ptr;
          h.buckets.push_back(
              HistoryBucket{Fields::asInteger(e[0], "t"), Fields::asInteger(e[1], "count"),
                            Fields::asInteger(e[2], "bad_count"), Fields::asNumber(e[3], "min"),
                            Fields::asNumber(e[4], "max"), Fields::asNumber(e[5], "mean"),
                            Fields::asNumber(e[6], "first"), Fields::asNumber(e[7], "last"),
                            Fields::asNumber(e[8], "delta")});
        }
      }
      return h;
    }
    if (type == "error") return ErrorReply{f.str("error")};
    throw DecodeError("unknown reply type '" + type + "'");
  });
}

}  // namespace gt::wire
