// The wire form of the site's energy and carbon KPIs (issue 6): the `kpi` message greentwin-ingest
// publishes every [kpi] interval_s, and the reply to an `explain` request that expands one figure
// into its meter inputs, factors with their sources, formulas and period. MessagePack maps with
// string keys like messages.h's (docs/protocol.md, "kpi" and "explain"); decoders reject
// truncated input, trailing bytes and other versions. A value that does not exist (no budget
// configured, no forecast yet) is NaN here and nil on the wire.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/clock.h"

namespace gt::wire {

inline constexpr std::string_view kKpiTopic = "kpi";

// One figure of the KPI panel: an amount so far in a period against that period's budget.
struct KpiFigure {
  // Stable id: "energy_day", "carbon_day", "energy_month", "carbon_month", "energy_quarter",
  // "carbon_quarter", "energy_year", "carbon_year". The viewer keys its labels on it; `explain`
  // takes it back.
  std::string id;
  std::string unit;  // "tce" (comprehensive energy, GB/T 2589-2020) or "tCO2"
  // The local period in docs/reports.md syntax: "2026-11-23", "2026-11", a quarter as
  // "2026-10-01..2027-01-01", "2026".
  std::string period;
  TimeMs from = 0, to = 0;  // the period's bounds, UTC ms, [from, to)
  double value = 0;         // so far in the period
  double budget = 0;        // the whole period's target; NaN without [budget]
  double pace = 0;          // the target's share of the elapsed part of the period; NaN likewise
  double ratio = 0;         // value / budget; NaN likewise
  std::string status;       // "ok", "warn" (ratio >= warn_ratio), "over" (ratio > 1), "none"
  double coverage = 0;      // lowest share of the elapsed period with readings, 0..1; NaN if
                            // not computed (month and year figures)
};

// The year's carbon quota (allowance) and the year-end forecast (docs/protocol.md gives the
// method).
struct KpiQuota {
  int year = 0;
  double allocated = 0;      // tCO2
  double used = 0;           // year to date, tCO2
  double remaining = 0;      // allocated - used (negative when exceeded)
  double forecast = 0;       // expected year-end emissions, tCO2
  double low = 0, high = 0;  // uncertainty band (about 95 %); NaN when too few days to tell
  double ratio = 0;          // forecast / allocated
  std::string status;        // "ok", "warn" (high > allocated or ratio >= warn_ratio), "over"
  int days = 0;              // complete days behind the mean daily rate (0: linear fallback)
  std::string method;        // the forecast written out with its numbers
};

struct KpiUpdate {
  TimeMs t = 0;  // when computed
  std::string site;
  std::string day;  // the site's local date: "2026-11-23"
  std::vector<KpiFigure> figures;
  std::optional<KpiQuota> quota;  // only with [budget] quota_tco2
};

// ROUTER request `explain`: the figure id of a KpiFigure (or just "energy" / "carbon") and a
// period in docs/reports.md syntax ("2026-11-23", "2026-11", "2026", "2026-11-01..2026-11-15");
// an empty period means the figure's current one.
struct ExplainRequest {
  std::string kpi;
  std::string period;
};

struct ExplainInput {  // one bound meter point
  std::string point, carrier, role, unit;
  double amount = 0;  // consumption in the period, `unit`
  int64_t usable = 0, unusable = 0, regressions = 0;
  TimeMs first_t = 0, last_t = 0;  // first and last usable reading; 0 when none
  double coverage = 0;             // share of the elapsed period with readings, 0..1
};

struct ExplainFactor {
  std::string name;  // "electricity (kgce/kWh)", "grid factor (national_average 2023)"
  double value = 0;
  std::string unit;
  std::string source;      // document and clause, or the site's override text
  std::string defined_at;  // file:line:col
};

struct ExplainLine {  // one term of the total
  std::string name;
  double value = 0;  // in the reply's unit; negative for exports
  std::string formula;
};

struct ExplainReply {
  std::string kpi, period;
  TimeMs from = 0, to = 0;
  int utc_offset_minutes = 0;
  std::string unit;     // "tce" or "tCO2"
  double value = 0;     // the figure: the sum of `lines`
  std::string formula;  // the total's rule in words
  std::string basis;    // electricity basis (energy) or grid calibre and factor year (carbon)
  std::vector<ExplainLine> lines;
  std::vector<ExplainInput> inputs;
  std::vector<ExplainFactor> factors;
};

std::string encode(const KpiUpdate& m);
std::string encode(const ExplainReply& m);
// `why` receives the reason on failure. A body of type "error" is not an ExplainReply: decode
// it with decodeReply (messages.h).
std::optional<KpiUpdate> decodeKpiUpdate(std::string_view body, std::string* why = nullptr);
std::optional<ExplainReply> decodeExplainReply(std::string_view body, std::string* why = nullptr);

}  // namespace gt::wire
