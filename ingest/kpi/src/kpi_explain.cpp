// From PeriodAccounts to the explain reply: lines, inputs and factors (see kpi_explain.h).
#include "kpi_explain.h"

#include <algorithm>

#include "report_error.h"
#include "report_period.h"

namespace gt::kpi {
namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The figure's current period when the request gives none: the suffix of its id.
std::string currentPeriod(std::string_view kpi, TimeMs now, int offset) {
  const std::string date = report::formatLocalSecond(now, offset).substr(0, 10);
  if (kpi.ends_with("_month")) return date.substr(0, 7);
  if (kpi.ends_with("_quarter")) return quarterLabel(date);
  if (kpi.ends_with("_year") || kpi == "quota_forecast") return date.substr(0, 4);
  return date;
}

void addFactor(std::vector<wire::ExplainFactor>& factors, wire::ExplainFactor f) {
  // Two gas meters use the same three factors: list each factor once (as the report does).
  const bool listed = std::any_of(factors.begin(), factors.end(), [&](const auto& g) {
    return g.name == f.name && g.defined_at == f.defined_at;
  });
  if (!listed) factors.push_back(std::move(f));
}

}  // namespace

wire::ExplainReply explainFigure(const SiteConfig& site, const report::AccountingBindings& bindings,
                                 const report::FactorSet& factors,
                                 const report::PeriodActivityReader& reader,
                                 const wire::ExplainRequest& request, int utc_offset_minutes,
                                 TimeMs now) {
  const bool energy = startsWith(request.kpi, "energy");
  const bool carbon = startsWith(request.kpi, "carbon") || request.kpi == "quota_forecast";
  if (!energy && !carbon) {
    throw report::ReportError("unknown KPI '" + request.kpi +
                              "': ask for energy_day, carbon_day, energy_month, carbon_month, "
                              "energy_quarter, carbon_quarter, energy_year, carbon_year or "
                              "quota_forecast");
  }
  const std::string label =
      request.period.empty() ? currentPeriod(request.kpi, now, utc_offset_minutes) : request.period;
  std::string why;
  const auto period = report::parseReportPeriod(label, utc_offset_minutes, &why);
  if (!period) throw report::ReportError("period " + why);
  const report::PeriodAccounts acc =
      report::computePeriodAccounts(site, bindings, factors, reader, *period);

  wire::ExplainReply r;
  r.kpi = request.kpi;
  r.period = period->label;
  r.from = period->start;
  r.to = period->end;
  r.utc_offset_minutes = utc_offset_minutes;
  if (energy) {
    r.unit = "tce";
    r.value = acc.total_tce;
    r.formula =
        "E = sum(e_i x p_i) over the energy crossing the site boundary: purchased minus exported "
        "(GB/T 2589-2020). Own PV generation is clean energy and not in the total.";
    r.basis = std::string(accounting::conversionBasisName(acc.basis));
    for (const report::EnergyLine& e : acc.energy) {
      r.lines.push_back({e.line.name_en + " (" + std::string(report::pointRoleName(e.role)) + ")",
                         e.signed_tce, e.line.formula});
      addFactor(r.factors, {e.line.key + " coefficient", e.line.coefficient.value,
                            "kgce/" + e.line.coefficient_unit, e.line.coefficient.source,
                            e.line.coefficient.defined_at});
    }
  } else {
    r.unit = "tCO2";
    r.value = acc.carbon.total_tco2;
    r.formula =
        "CO2 = fuel combustion + process + purchased electricity and heat - exported "
        "electricity and heat (GB/T 32150-2015). Emissions avoided by own generation are "
        "reported, not subtracted.";
    r.basis = "grid calibre " + acc.grid_calibre + ", factor year " +
              std::to_string(acc.factor_year) +
              (acc.factor_year_configured ? " (set in accounting.toml)" : "");
    for (const accounting::EmissionLine& l : acc.carbon.lines) {
      r.lines.push_back(
          {l.process.empty() ? l.name : l.name + " (" + l.process + ")", l.tco2, l.formula});
      for (const accounting::FactorUse& f : l.factors) {
        addFactor(r.factors, {f.name, f.value.value, f.unit, f.value.source, f.value.defined_at});
      }
    }
  }
  // Only the boundary meters make the total; sub-meters split it by area (in the report).
  const TimeMs elapsed = std::max<TimeMs>(1, std::min(period->end, now) - period->start);
  for (const report::BoundActivity& a : acc.points) {
    if (a.binding.role != report::PointRole::Purchased &&
        a.binding.role != report::PointRole::Exported) {
      continue;
    }
    wire::ExplainInput in;
    in.point = a.binding.point;
    in.carrier = a.binding.carrier;
    in.role = std::string(report::pointRoleName(a.binding.role));
    in.unit = a.binding.unit;
    in.amount = a.activity.amount;
    in.usable = a.activity.usable;
    in.unusable = a.activity.unusable;
    in.regressions = a.activity.regressions;
    in.first_t = a.activity.first_t.value_or(0);
    in.last_t = a.activity.last_t.value_or(0);
    in.coverage = std::min(1.0, double(a.activity.covered_ms) / double(elapsed));
    r.inputs.push_back(std::move(in));
  }
  return r;
}

}  // namespace gt::kpi
