// MessagePack encoding of the `balance` body and request (balance_messages.h, docs/protocol.md
// "balance"). Same conventions as kpi_messages.cpp: maps with string keys, "v" and "type" first,
// unknown keys ignored; missing keys, trailing bytes, other versions and a balance that does not
// add up rejected.
#include "greentwin/balance_messages.h"

#include <algorithm>
#include <cmath>

#include "balance_codec.h"

namespace gt::wire {
namespace {

using detail::DecodeError;
using detail::Fields;
using detail::packBoolEntry;
using detail::packDoubleEntry;
using detail::Packer;
using detail::packIntegerEntry;
using detail::packStr;
using detail::packTextEntry;

void packFlow(Packer& p, const BalanceFlow& f) {
  p.pack_map(5);
  packTextEntry(p, "area", f.area);
  packTextEntry(p, "name_zh", f.name_zh);
  packTextEntry(p, "name_en", f.name_en);
  packDoubleEntry(p, "amount", f.amount);
  packDoubleEntry(p, "tce", f.tce);
}

void packCarrier(Packer& p, const BalanceCarrier& c) {
  p.pack_map(12);
  packTextEntry(p, "carrier", c.carrier);
  packTextEntry(p, "name_zh", c.name_zh);
  packTextEntry(p, "name_en", c.name_en);
  packTextEntry(p, "unit", c.unit);
  packDoubleEntry(p, "tce_per_unit", c.tce_per_unit);
  packDoubleEntry(p, "purchased", c.purchased);
  packDoubleEntry(p, "generated", c.generated);
  packDoubleEntry(p, "exported", c.exported);
  packDoubleEntry(p, "loss", c.loss);
  packBoolEntry(p, "negative_loss", c.negative_loss);
  packStr(p, "areas");
  p.pack_array(static_cast<uint32_t>(c.areas.size()));
  for (const BalanceFlow& f : c.areas) packFlow(p, f);
  packDoubleEntry(p, "consumption", c.consumption());
}

void packPeriod(Packer& p, const BalancePeriod& b) {
  p.pack_map(9);
  packTextEntry(p, "span", b.span);
  packTextEntry(p, "period", b.period);
  packIntegerEntry(p, "from", b.from);
  packIntegerEntry(p, "to", b.to);
  packStr(p, "carriers");
  p.pack_array(static_cast<uint32_t>(b.carriers.size()));
  for (const BalanceCarrier& c : b.carriers) packCarrier(p, c);
  packDoubleEntry(p, "input_tce", b.input_tce);
  packDoubleEntry(p, "consumption_tce", b.consumption_tce);
  packDoubleEntry(p, "loss_tce", b.loss_tce);
  packDoubleEntry(p, "exported_tce", b.exported_tce);
}

// Amounts are finite and, but for the loss, never negative: anything else is a broken sender.
double amount(const Fields& f, const std::string& key, bool may_be_negative = false) {
  const double v = f.number(key);
  if (!std::isfinite(v) || (!may_be_negative && v < 0)) {
    throw DecodeError("'" + key + "' must be a finite amount" + (may_be_negative ? "" : " >= 0"));
  }
  return v;
}

BalanceCarrier carrierFrom(const Fields& f) {
  BalanceCarrier c;
  c.carrier = f.str("carrier");
  c.name_zh = f.str("name_zh");
  c.name_en = f.str("name_en");
  c.unit = f.str("unit");
  c.tce_per_unit = amount(f, "tce_per_unit");
  c.purchased = amount(f, "purchased");
  c.generated = amount(f, "generated");
  c.exported = amount(f, "exported");
  c.loss = amount(f, "loss", true);
  c.negative_loss = f.boolean("negative_loss");
  for (const msgpack::object& o : f.array("areas")) {
    const Fields a(o);
    c.areas.push_back(
        {a.str("area"), a.str("name_zh"), a.str("name_en"), amount(a, "amount"), amount(a, "tce")});
  }
  // The balance is the message's point: one that does not add up is not passed on.
  const double rest = c.input() - c.consumption() - c.exported - c.loss;
  if (std::abs(rest) > 1e-6 * std::max(1.0, c.input())) {
    throw DecodeError(c.carrier + ": input is not consumption + loss + export");
  }
  if (c.negative_loss != (c.loss < 0)) {
    throw DecodeError(c.carrier + ": 'negative_loss' disagrees with the loss");
  }
  return c;
}

BalancePeriod periodFrom(const Fields& f) {
  BalancePeriod b;
  b.span = f.str("span");
  b.period = f.str("period");
  b.from = f.integer("from");
  b.to = f.integer("to");
  if (b.to < b.from) throw DecodeError("period '" + b.period + "' ends before it starts");
  for (const msgpack::object& o : f.array("carriers")) b.carriers.push_back(carrierFrom(Fields(o)));
  b.input_tce = amount(f, "input_tce");
  b.consumption_tce = amount(f, "consumption_tce");
  b.loss_tce = amount(f, "loss_tce", true);
  b.exported_tce = amount(f, "exported_tce");
  return b;
}

}  // namespace

double BalanceCarrier::consumption() const {
  double sum = 0;
  for (const BalanceFlow& f : areas) sum += f.amount;
  return sum;
}

const BalancePeriod* BalanceUpdate::find(std::string_view span) const {
  for (const BalancePeriod& p : periods) {
    if (p.span == span) return &p;
  }
  return nullptr;
}

void sumBalanceTotals(BalancePeriod& p) {
  p.input_tce = p.consumption_tce = p.loss_tce = p.exported_tce = 0;
  for (const BalanceCarrier& c : p.carriers) {
    p.input_tce += c.input() * c.tce_per_unit;
    for (const BalanceFlow& f : c.areas) p.consumption_tce += f.tce;
    p.loss_tce += c.loss * c.tce_per_unit;
    p.exported_tce += c.exported * c.tce_per_unit;
  }
}

namespace detail {

std::string encodeBalanceRequest(const BalanceRequest& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  packHeader(p, 1, "op", "balance");
  packTextEntry(p, "period", m.period);
  return finish(buffer);
}

BalanceRequest balanceRequestFrom(const Fields& f) {
  BalanceRequest m{f.str("period")};
  if (m.period.empty()) throw DecodeError("'period' is empty: give a day or a month");
  return m;
}

}  // namespace detail

std::string encode(const BalanceUpdate& m) {
  msgpack::sbuffer buffer;
  Packer p(buffer);
  detail::packHeader(p, 4, "type", "balance");
  packIntegerEntry(p, "t", m.t);
  packTextEntry(p, "site", m.site);
  packTextEntry(p, "day", m.day);
  packStr(p, "periods");
  p.pack_array(static_cast<uint32_t>(m.periods.size()));
  for (const BalancePeriod& b : m.periods) packPeriod(p, b);
  return detail::finish(buffer);
}

std::optional<BalanceUpdate> decodeBalanceUpdate(std::string_view body, std::string* why) {
  return detail::decodeBody(body, why, "type", [](const Fields& f, const std::string& type) {
    detail::expectType(type, "balance");
    BalanceUpdate m;
    m.t = f.integer("t");
    m.site = f.str("site");
    m.day = f.str("day");
    for (const msgpack::object& o : f.array("periods")) m.periods.push_back(periodFrom(Fields(o)));
    return m;
  });
}

}  // namespace gt::wire
