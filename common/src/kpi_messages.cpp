// MessagePack encoding of the KPI and explain bodies (kpi_messages.h, docs/protocol.md). Same
// conventions as messages.cpp: maps with string keys, "v" and "type" first, NaN sent as nil,
// unknown keys ignored, missing required keys, trailing bytes and other versions rejected.
#include "greentwin/kpi_messages.h"

#include <functional>

#include "msgpack_fields.h"

namespace gt::wire {
namespace {

using detail::decodeBody;
using detail::expectType;
using detail::Fields;
using detail::Packer;
using detail::packStr;
using detail::packValue;

// Writes a map entry by entry and counts them, so optional keys cannot get the count wrong.
class MapWriter {
 public:
  void str(std::string_view key, std::string_view value) {
    entries_.emplace_back(std::string(key), [v = std::string(value)](Packer& p) { packStr(p, v); });
  }
  void integer(std::string_view key, int64_t value) {
    entries_.emplace_back(std::string(key), [value](Packer& p) { p.pack_int64(value); });
  }
  void number(std::string_view key, double value) {
    entries_.emplace_back(std::string(key), [value](Packer& p) { packValue(p, value); });
  }
  void raw(std::string_view key, std::function<void(Packer&)> f) {
    entries_.emplace_back(std::string(key), std::move(f));
  }
  void write(Packer& p) const {
    p.pack_map(static_cast<uint32_t>(entries_.size()));
    for (const auto& [key, f] : entries_) {
      packStr(p, key);
      f(p);
    }
  }

 private:
  std::vector<std::pair<std::string, std::function<void(Packer&)>>> entries_;
};

MapWriter header(std::string_view type) {
  MapWriter w;
  w.integer("v", kVersion);
  w.str("type", type);
  return w;
}

std::string finish(const MapWriter& w) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  w.write(p);
  return std::string(buffer.data(), buffer.size());
}

template <typename T, typename F>
void packList(MapWriter& w, std::string_view key, const std::vector<T>& items, F&& one) {
  w.raw(key, [&items, one](Packer& p) {
    p.pack_array(static_cast<uint32_t>(items.size()));
    for (const T& item : items) one(item).write(p);
  });
}

MapWriter figureMap(const KpiFigure& f) {
  MapWriter w;
  w.str("id", f.id);
  w.str("unit", f.unit);
  w.str("period", f.period);
  w.integer("from", f.from);
  w.integer("to", f.to);
  w.number("value", f.value);
  w.number("budget", f.budget);
  w.number("pace", f.pace);
  w.number("ratio", f.ratio);
  w.str("status", f.status);
  w.number("coverage", f.coverage);
  return w;
}

MapWriter quotaMap(const KpiQuota& q) {
  MapWriter w;
  w.integer("year", q.year);
  w.number("allocated", q.allocated);
  w.number("used", q.used);
  w.number("remaining", q.remaining);
  w.number("forecast", q.forecast);
  w.number("low", q.low);
  w.number("high", q.high);
  w.number("ratio", q.ratio);
  w.str("status", q.status);
  w.integer("days", q.days);
  w.str("method", q.method);
  return w;
}

// The KPI bodies carry their type under "type"; the one expected is checked before `decode`.
template <typename F>
auto decodeTyped(std::string_view body, std::string* why, std::string_view type, F&& decode) {
  return decodeBody(body, why, "type", [&](const Fields& f, const std::string& got) {
    expectType(got, type);
    return decode(f);
  });
}

}  // namespace

std::string encode(const KpiUpdate& m) {
  MapWriter w = header("kpi");
  w.integer("t", m.t);
  w.str("site", m.site);
  w.str("day", m.day);
  packList(w, "figures", m.figures, figureMap);
  if (m.quota) {
    const KpiQuota quota = *m.quota;
    w.raw("quota", [quota](Packer& p) { quotaMap(quota).write(p); });
  }
  return finish(w);
}

std::string encode(const ExplainReply& m) {
  MapWriter w = header("explain");
  w.str("kpi", m.kpi);
  w.str("period", m.period);
  w.integer("from", m.from);
  w.integer("to", m.to);
  w.integer("utc_offset_min", m.utc_offset_minutes);
  w.str("unit", m.unit);
  w.number("value", m.value);
  w.str("formula", m.formula);
  w.str("basis", m.basis);
  packList(w, "lines", m.lines, [](const ExplainLine& l) {
    MapWriter e;
    e.str("name", l.name);
    e.number("value", l.value);
    e.str("formula", l.formula);
    return e;
  });
  packList(w, "inputs", m.inputs, [](const ExplainInput& in) {
    MapWriter e;
    e.str("point", in.point);
    e.str("carrier", in.carrier);
    e.str("role", in.role);
    e.str("unit", in.unit);
    e.number("amount", in.amount);
    e.integer("usable", in.usable);
    e.integer("unusable", in.unusable);
    e.integer("regressions", in.regressions);
    e.integer("first_t", in.first_t);
    e.integer("last_t", in.last_t);
    e.number("coverage", in.coverage);
    return e;
  });
  packList(w, "factors", m.factors, [](const ExplainFactor& f) {
    MapWriter e;
    e.str("name", f.name);
    e.number("value", f.value);
    e.str("unit", f.unit);
    e.str("source", f.source);
    e.str("defined_at", f.defined_at);
    return e;
  });
  return finish(w);
}

std::optional<KpiUpdate> decodeKpiUpdate(std::string_view body, std::string* why) {
  return decodeTyped(body, why, "kpi", [](const Fields& f) {
    KpiUpdate m;
    m.t = f.integer("t");
    m.site = f.str("site");
    m.day = f.str("day");
    for (const msgpack::object& o : f.array("figures")) {
      const Fields g(o);
      m.figures.push_back(KpiFigure{g.str("id"), g.str("unit"), g.str("period"), g.integer("from"),
                                    g.integer("to"), g.number("value"), g.number("budget"),
                                    g.number("pace"), g.number("ratio"), g.str("status"),
                                    g.number("coverage")});
    }
    if (const msgpack::object* o = f.find("quota")) {
      const Fields q(*o);
      m.quota = KpiQuota{static_cast<int>(q.integer("year")),
                         q.number("allocated"),
                         q.number("used"),
                         q.number("remaining"),
                         q.number("forecast"),
                         q.number("low"),
                         q.number("high"),
                         q.number("ratio"),
                         q.str("status"),
                         static_cast<int>(q.integer("days")),
                         q.str("method")};
    }
    return m;
  });
}

std::optional<ExplainReply> decodeExplainReply(std::string_view body, std::string* why) {
  return decodeTyped(body, why, "explain", [](const Fields& f) {
    ExplainReply m;
    m.kpi = f.str("kpi");
    m.period = f.str("period");
    m.from = f.integer("from");
    m.to = f.integer("to");
    m.utc_offset_minutes = static_cast<int>(f.integer("utc_offset_min"));
    m.unit = f.str("unit");
    m.value = f.number("value");
    m.formula = f.str("formula");
    m.basis = f.str("basis");
    for (const msgpack::object& o : f.array("lines")) {
      const Fields l(o);
      m.lines.push_back(ExplainLine{l.str("name"), l.number("value"), l.str("formula")});
    }
    for (const msgpack::object& o : f.array("inputs")) {
      const Fields i(o);
      m.inputs.push_back(ExplainInput{
          i.str("point"), i.str("carrier"), i.str("role"), i.str("unit"), i.number("amount"),
          i.integer("usable"), i.integer("unusable"), i.integer("regressions"),
          i.integer("first_t"), i.integer("last_t"), i.number("coverage")});
    }
    for (const msgpack::object& o : f.array("factors")) {
      const Fields x(o);
      m.factors.push_back(ExplainFactor{x.str("name"), x.number("value"), x.str("unit"),
                                        x.str("source"), x.str("defined_at")});
    }
    return m;
  });
}

}  // namespace gt::wire
