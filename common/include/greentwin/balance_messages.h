// The wire form of the site's energy balance (issue 6): per carrier, input (purchased + generated)
// = consumption by area + loss + export, for a period, with every amount also in tce so carriers
// of different units can be drawn side by side (the viewer's Sankey). greentwin-ingest publishes
// a `balance` body for today and month to date at every KPI tick, and answers a `balance` request
// for any period with the same body holding that one period. MessagePack maps with string keys
// like kpi_messages.h (docs/protocol.md, "balance"); decoders reject truncated input, trailing
// bytes, other versions and sums that do not add up.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/clock.h"

namespace gt::wire {

inline constexpr std::string_view kBalanceTopic = "balance";

// One area's consumption of a carrier.
struct BalanceFlow {
  std::string area;              // Area::id in site.toml
  std::string name_zh, name_en;  // the area's names (the id when site.toml has none)
  double amount = 0;             // in the carrier's unit, >= 0
  double tce = 0;
};

struct BalanceCarrier {
  std::string carrier;           // "electricity", "natural_gas", "water", ...
  std::string name_zh, name_en;  // of its GB/T 2589-2020 coefficient: "电力", "electricity"
  std::string unit;              // of every amount below: "kWh", "m3", "t"
  double tce_per_unit = 0;       // the conversion the tce figures use (basis of the site)
  double purchased = 0, generated = 0, exported = 0;
  double loss = 0;  // purchased + generated - sum(areas) - exported; may be negative
  // The sub-meters add up to more than came in: a wrong binding or a faulty meter, shown as a
  // warning, never drawn as a negative flow.
  bool negative_loss = false;
  std::vector<BalanceFlow> areas;
  double input() const { return purchased + generated; }
  double consumption() const;
};

// Which period a BalancePeriod covers.
inline constexpr std::string_view kBalanceToday = "today";                // local day so far
inline constexpr std::string_view kBalanceMonthToDate = "month_to_date";  // month so far
inline constexpr std::string_view kBalanceRequested = "requested";        // a request's period

struct BalancePeriod {
  std::string span;         // kBalanceToday, kBalanceMonthToDate or kBalanceRequested
  std::string period;       // docs/reports.md syntax: "2026-11-23", "2026-11"
  TimeMs from = 0, to = 0;  // UTC ms, [from, to); `to` is now for the periods so far
  std::vector<BalanceCarrier> carriers;
  // Totals over the carriers in tce: input = consumption + loss + exported.
  double input_tce = 0, consumption_tce = 0, loss_tce = 0, exported_tce = 0;
};

struct BalanceUpdate {
  TimeMs t = 0;  // when computed
  std::string site;
  std::string day;                     // the site's local date: "2026-11-23"
  std::vector<BalancePeriod> periods;  // published: today, month_to_date; a reply: requested
  const BalancePeriod* find(std::string_view span) const;
};

// ROUTER request `balance`: a period in docs/reports.md syntax, a day "2026-11-23" or a month
// "2026-11" (or a custom "2026-11-01..2026-11-15"). Answered with a BalanceUpdate body holding
// one `requested` period, or an error.
struct BalanceRequest {
  std::string period;
};

// Sets the tce totals of `p` from its carriers.
void sumBalanceTotals(BalancePeriod& p);

std::string encode(const BalanceUpdate& m);
// `why` receives the reason on failure. A body of type "error" is not a BalanceUpdate: decode it
// with decodeReply (messages.h).
std::optional<BalanceUpdate> decodeBalanceUpdate(std::string_view body, std::string* why = nullptr);

}  // namespace gt::wire
