// MessagePack encoding of the wire schema (messages.h, docs/protocol.md). Maps with short
// string keys: self-describing for clients in any language, and new optional keys can be added
// without a version bump. Unknown keys are ignored; missing or mistyped required keys, trailing
// bytes and other versions are rejected.
#include "greentwin/messages.h"

#include <cmath>

#include "balance_codec.h"
#include "counter_codec.h"
#include "entry_codec.h"
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
  } else if (code == alarmCodeName(AlarmCode::IntensityAboveLimit)) {
    m.code = AlarmCode::IntensityAboveLimit;
  } else if (code == alarmCodeName(AlarmCode::ForwardBacklog)) {
    m.code = AlarmCode::ForwardBacklog;
  } else if (code == alarmCodeName(AlarmCode::MeterClockOff)) {
    m.code = AlarmCode::MeterClockOff;
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
  if (const auto* e = std::get_if<EnterRequest>(&m)) return detail::encodeEnterRequest(*e);
  if (const auto* r = std::get_if<ReplacedRequest>(&m)) return detail::encodeReplacedRequest(*r);
  if (const auto* b = std::get_if<BalanceRequest>(&m)) return detail::encodeBalanceRequest(*b);
  if (std::holds_alternative<SnapshotRequest>(m)) {
    packHeader(p, 0, "op", "snapshot");
  } else if (const auto* r = std::get_if<ReadRequest>(&m)) {
    packHeader(p, 1, "op", "read");
    packStr(p, "meter");
    packStr(p, r->meter);
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
    packHeader(p, 6 + (s->clock ? 1 : 0) + (s->forward.empty() ? 0 : 1), "type", "snapshot");
    packStr(p, "t");
    p.pack_int64(s->t);
    if (const ClockState* c = s->clock ? &*s->clock : nullptr) {
      packStr(p, "clock");
      p.pack_map(4);
      packStr(p, "synchronized");
      p.pack(c->synchronized);
      for (const auto& [key, value] :
           {std::pair<std::string_view, double>{"offset_ms", c->offset_ms},
            {"max_error_ms", c->max_error_ms},
            {"est_error_ms", c->est_error_ms}}) {
        packStr(p, key);
        p.pack_double(value);
      }
    }
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
      p.pack_map(3 + (ms.counters ? 1 : 0) + (ms.clock_offset_s ? 1 : 0) +
                 (ms.clock_reads ? 1 : 0));
      packStr(p, "meter");
      packStr(p, ms.meter);
      packStr(p, "online");
      p.pack(ms.online);
      packStr(p, "last_ok");
      p.pack_int64(ms.last_ok);
      if (ms.clock_offset_s) {
        packStr(p, "clock_offset_s");
        p.pack_double(*ms.clock_offset_s);
      }
      if (ms.clock_reads) {
        packStr(p, "clock_reads");
        p.pack_map(3);
        packStr(p, "ok");
        p.pack_uint64(ms.clock_reads->ok);
        packStr(p, "failed");
        p.pack_uint64(ms.clock_reads->failed);
        packStr(p, "last_t");
        p.pack_int64(ms.clock_reads->last_t);
      }
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
    if (!s->forward.empty()) {
      packStr(p, "forward");
      p.pack_array(static_cast<uint32_t>(s->forward.size()));
      for (const ForwardState& fs : s->forward) {
        p.pack_map(6);
        packStr(p, "centre");
        packStr(p, fs.centre);
        packStr(p, "reachable");
        p.pack(fs.reachable);
        packStr(p, "waiting_rows");
        p.pack_int64(fs.waiting_rows);
        packStr(p, "oldest_age_ms");
        p.pack_int64(fs.oldest_age_ms);
        packStr(p, "rows_acked");
        p.pack_uint64(fs.rows_acked);
        packStr(p, "resends");
        p.pack_uint64(fs.resends);
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
  } else if (const auto* b = std::get_if<ReadingBatch>(&m)) {
    // The same body as the PUB's readings message, so one decoder serves both.
    packHeader(p, 4, "type", "readings");
    packBatchFields(p, *b);
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
    if (op == "read") return ReadRequest{f.str("meter")};
    if (op == "enter") return detail::enterRequestFrom(f);
    if (op == "replaced") return detail::replacedRequestFrom(f);
    if (op == "balance") return detail::balanceRequestFrom(f);
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
      if (const msgpack::object* c = f.find("clock")) {
        const Fields cf(*c);
        s.clock = ClockState{cf.boolean("synchronized"), cf.number("offset_ms"),
                             cf.number("max_error_ms"), cf.number("est_error_ms")};
      }
      for (const msgpack::object& o : f.array("latest")) s.latest.push_back(batchFrom(Fields(o)));
      for (const msgpack::object& o : f.array("alarms")) s.alarms.push_back(alarmFrom(Fields(o)));
      for (const msgpack::object& o : f.array("meters")) {
        Fields mf(o);
        s.meters.push_back(
            MeterState{mf.str("meter"), mf.boolean("online"), mf.integer("last_ok")});
        if (mf.find("clock_offset_s")) s.meters.back().clock_offset_s = mf.number("clock_offset_s");
        if (const msgpack::object* c = mf.find("clock_reads")) {
          const Fields cf(*c);
          const int64_t ok = cf.integer("ok"), failed = cf.integer("failed");
          if (ok < 0 || failed < 0) throw DecodeError("'clock_reads' counts a negative number");
          s.meters.back().clock_reads = ClockReads{
              static_cast<uint64_t>(ok), static_cast<uint64_t>(failed), cf.integer("last_t")};
        }
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
      if (f.find("forward")) {
        for (const msgpack::object& o : f.array("forward")) {
          const Fields ff(o);
          const auto count = [&](const char* key) {
            const int64_t n = ff.integer(key);
            if (n < 0) throw DecodeError(std::string("'") + key + "' is negative");
            return n;
          };
          s.forward.push_back(ForwardState{ff.str("centre"), ff.boolean("reachable"),
                                           count("waiting_rows"), count("oldest_age_ms"),
                                           static_cast<uint64_t>(count("rows_acked")),
                                           static_cast<uint64_t>(count("resends"))});
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
    if (type == "readings") return batchFrom(f);
    throw DecodeError("unknown reply type '" + type + "'");
  });
}

}  // namespace gt::wire
