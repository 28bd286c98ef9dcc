// Today's and month-to-date energy balance in wire form (see balance_tracker.h).
#include "balance_tracker.h"

#include <algorithm>
#include <cmath>

#include "accounting/activity_unit.h"
#include "energy_balance.h"
#include "report_error.h"
#include "report_period.h"

namespace gt::kpi {
namespace {

// tce per unit of the carrier: its coefficient (kgce per coefficient unit, GB/T 2589-2020) in
// the balance's unit. Without a boundary line (a carrier only sub-metered) the areas' own tce
// over their amount says the same.
double tcePerUnit(const report::PeriodAccounts& acc, const report::CarrierBalance& c) {
  auto from = [&c](const accounting::EnergyConversionLine& l) -> std::optional<double> {
    const double kgce = l.coefficient.value;
    if (l.coefficient_unit == c.unit) return kgce / 1000;
    if (auto r = accounting::activityUnitRatio(c.unit, l.coefficient_unit)) return kgce * *r / 1000;
    return std::nullopt;
  };
  for (const report::EnergyLine& l : acc.energy) {
    if (l.carrier != c.carrier) continue;
    if (auto v = from(l.line)) return *v;
  }
  if (acc.own_generation && acc.own_generation->carrier == c.carrier) {
    if (auto v = from(acc.own_generation->line)) return *v;
  }
  double amount = 0, tce = 0;
  for (const report::BalanceFlow& f : c.areas) {
    amount += f.amount;
    tce += f.tce;
  }
  return amount > 0 ? tce / amount : 0;
}

// Loss and its flag from the other amounts; as the report, a difference below a millionth of
// the input is register rounding, not a loss.
void settleLoss(wire::BalanceCarrier& c) {
  c.loss = c.input() - c.consumption() - c.exported;
  if (std::abs(c.loss) <= 1e-6 * std::max(1.0, c.input())) c.loss = 0;
  c.negative_loss = c.loss < 0;
}

}  // namespace

wire::BalancePeriod balancePeriod(const SiteConfig& site, const report::PeriodAccounts& acc,
                                  std::string_view span, TimeMs to) {
  const report::EnergyBalance balance = report::computeEnergyBalance(acc);
  wire::BalancePeriod p;
  p.span = std::string(span);
  p.period = acc.period.label;
  p.from = acc.period.start;
  p.to = std::min(to, acc.period.end);
  for (const report::CarrierBalance& c : balance.carriers) {
    wire::BalanceCarrier w;
    w.carrier = c.carrier;
    w.name_zh = c.name_zh;
    w.name_en = c.name_en;
    w.unit = c.unit;
    w.tce_per_unit = tcePerUnit(acc, c);
    w.purchased = c.purchased;
    w.generated = c.generated;
    w.exported = c.exported;
    for (const report::BalanceFlow& f : c.areas) {
      const Area* a = site.findArea(f.area);
      w.areas.push_back(
          {f.area, a ? a->name_zh : f.area, a ? a->name_en : f.area, f.amount, f.tce});
    }
    settleLoss(w);
    p.carriers.push_back(std::move(w));
  }
  wire::sumBalanceTotals(p);
  return p;
}

wire::BalancePeriod addBalancePeriods(const wire::BalancePeriod& before,
                                      const wire::BalancePeriod& after) {
  wire::BalancePeriod sum = before;
  sum.span = after.span;
  sum.period = after.period;
  sum.to = after.to;
  for (const wire::BalanceCarrier& c : after.carriers) {
    auto same =
        std::find_if(sum.carriers.begin(), sum.carriers.end(),
                     [&c](const wire::BalanceCarrier& s) { return s.carrier == c.carrier; });
    if (same == sum.carriers.end()) {
      sum.carriers.push_back(c);
      continue;
    }
    same->purchased += c.purchased;
    same->generated += c.generated;
    same->exported += c.exported;
    if (same->tce_per_unit == 0) same->tce_per_unit = c.tce_per_unit;
    for (const wire::BalanceFlow& f : c.areas) {
      auto area = std::find_if(same->areas.begin(), same->areas.end(),
                               [&f](const wire::BalanceFlow& s) { return s.area == f.area; });
      if (area == same->areas.end()) {
        same->areas.push_back(f);
      } else {
        area->amount += f.amount;
        area->tce += f.tce;
      }
    }
  }
  for (wire::BalanceCarrier& c : sum.carriers) settleLoss(c);
  wire::sumBalanceTotals(sum);
  return sum;
}

wire::BalanceUpdate BalanceTracker::update(const report::AccountingBindings& bindings,
                                           const report::FactorSet& factors,
                                           const report::PeriodActivityReader& reader,
                                           const report::PeriodAccounts& day, TimeMs now) {
  const std::string date = day.period.label;
  if (!month_before_ || cached_date_ != date) {
    std::string why;
    const auto month = report::parseReportPeriod(date.substr(0, 7), utc_offset_minutes_, &why);
    if (!month) throw report::ReportError("balance period " + why);
    report::ReportPeriod before = *month;
    before.end = day.period.start;
    if (before.end > before.start) {
      before.kind = report::PeriodKind::Custom;
      month_before_ = balancePeriod(
          site_, report::computePeriodAccounts(site_, bindings, factors, reader, before),
          wire::kBalanceMonthToDate, before.end);
    } else {
      month_before_ = wire::BalancePeriod{};  // the 1st: nothing before today
      month_before_->from = month->start;
    }
    month_before_->period = date.substr(0, 7);
    cached_date_ = date;
  }
  wire::BalanceUpdate u;
  u.t = now;
  u.site = site_.id;
  u.day = date;
  u.periods.push_back(balancePeriod(site_, day, wire::kBalanceToday, now));
  wire::BalancePeriod month = addBalancePeriods(*month_before_, u.periods.front());
  month.span = wire::kBalanceMonthToDate;
  month.period = date.substr(0, 7);
  u.periods.push_back(std::move(month));
  return u;
}

}  // namespace gt::kpi
