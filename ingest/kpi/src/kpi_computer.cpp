// KPI figures from the report library's accounts and the budget split (see kpi_computer.h).
#include "kpi_computer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "quota_forecast.h"
#include "report_error.h"
#include "report_period.h"

namespace gt::kpi {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

report::ReportPeriod period(std::string_view label, int offset) {
  std::string why;
  auto p = report::parseReportPeriod(label, offset, &why);
  if (!p) throw report::ReportError("KPI period " + why);
  return *p;
}

wire::KpiFigure figure(std::string id, std::string unit, const report::ReportPeriod& p,
                       double value) {
  wire::KpiFigure f;
  f.id = std::move(id);
  f.unit = std::move(unit);
  f.period = p.label;
  f.from = p.start;
  f.to = p.end;
  f.value = value;
  f.budget = f.pace = f.ratio = f.coverage = kNone;
  f.status = "none";
  return f;
}

void setBudget(wire::KpiFigure& f, double budget, double pace, double warn_ratio) {
  f.budget = budget;
  f.pace = pace;
  f.ratio = f.value / budget;
  f.status = budgetStatusName(budgetStatus(f.value, budget, warn_ratio));
}

std::string ratioText(const wire::KpiFigure& f) {
  char text[160];
  std::snprintf(text, sizeof text, "%s %.3f %s of %.3f %s budget (%.0f %%) in %s", f.id.c_str(),
                f.value, f.unit.c_str(), f.budget, f.unit.c_str(), f.ratio * 100, f.period.c_str());
  return text;
}

}  // namespace

std::string quarterLabel(std::string_view date) {
  const int y = std::stoi(std::string(date.substr(0, 4)));
  const int m = std::stoi(std::string(date.substr(5, 2)));
  const int first = (m - 1) / 3 * 3 + 1;
  char text[64];  // room for any int, so -Wformat-truncation has nothing to fear
  if (first == 10) {
    std::snprintf(text, sizeof text, "%04d-10-01..%04d-01-01", y, y + 1);
  } else {
    std::snprintf(text, sizeof text, "%04d-%02d-01..%04d-%02d-01", y, first, y, first + 3);
  }
  return text;
}

KpiComputer::KpiComputer(const SiteConfig& site, report::AccountingBindings bindings,
                         report::FactorSet factors, int utc_offset_minutes)
    : site_(site),
      bindings_(std::move(bindings)),
      factors_(std::move(factors)),
      utc_offset_minutes_(utc_offset_minutes) {
  if (bindings_.budget) {
    energy_split_.emplace(bindings_.budget->energy_tce, bindings_.budget->monthly_profile);
    carbon_split_.emplace(bindings_.budget->carbon_tco2, bindings_.budget->monthly_profile);
  }
}

KpiComputer::Totals KpiComputer::totals(const report::PeriodActivityReader& reader, TimeMs start,
                                        TimeMs end) const {
  if (end <= start) return {};
  report::ReportPeriod p;
  p.kind = report::PeriodKind::Custom;
  p.start = start;
  p.end = end;
  p.utc_offset_minutes = utc_offset_minutes_;
  p.label = report::formatLocalMinute(start, utc_offset_minutes_);
  p.year = std::stoi(p.label.substr(0, 4));
  const report::PeriodAccounts acc =
      report::computePeriodAccounts(site_, bindings_, factors_, reader, p);
  if (!acc.has_data) return {kNone, kNone};
  return {acc.total_tce, acc.carbon.total_tco2};
}

void KpiComputer::refreshCache(const report::PeriodActivityReader& reader, const std::string& date,
                               const report::ReportPeriod& day, const report::ReportPeriod& month,
                               const report::ReportPeriod& quarter,
                               const report::ReportPeriod& year) {
  DayCache c;
  c.date = date;
  auto zero_if_none = [](Totals t) {
    return Totals{std::isnan(t.tce) ? 0 : t.tce, std::isnan(t.tco2) ? 0 : t.tco2};
  };
  c.month_before = zero_if_none(totals(reader, month.start, day.start));
  const Totals in_quarter = zero_if_none(totals(reader, quarter.start, month.start));
  c.quarter_before = {in_quarter.tce + c.month_before.tce, in_quarter.tco2 + c.month_before.tco2};
  const Totals quarters = zero_if_none(totals(reader, year.start, quarter.start));
  c.year_before = {quarters.tce + c.quarter_before.tce, quarters.tco2 + c.quarter_before.tco2};
  // Days without any reading (daemon stopped) would pull the rate down: they are left out.
  for (int i = 1; i <= bindings_.kpi.forecast_days; ++i) {
    const Totals t = totals(reader, day.start - i * kDayMs, day.start - (i - 1) * kDayMs);
    if (!std::isnan(t.tco2)) c.daily_tco2.push_back(t.tco2);
  }
  cache_ = std::move(c);
}

wire::KpiUpdate KpiComputer::compute(const report::PeriodActivityReader& reader, TimeMs now,
                                     report::PeriodAccounts* day_accounts) {
  const std::string date = report::formatLocalSecond(now, utc_offset_minutes_).substr(0, 10);
  const report::ReportPeriod day = period(date, utc_offset_minutes_);
  const report::ReportPeriod month = period(date.substr(0, 7), utc_offset_minutes_);
  const report::ReportPeriod quarter = period(quarterLabel(date), utc_offset_minutes_);
  const report::ReportPeriod year = period(date.substr(0, 4), utc_offset_minutes_);
  if (!cache_ || cache_->date != date) refreshCache(reader, date, day, month, quarter, year);

  const report::PeriodAccounts acc =
      report::computePeriodAccounts(site_, bindings_, factors_, reader, day);
  const double day_tce = acc.total_tce, day_tco2 = acc.carbon.total_tco2;
  if (day_accounts) *day_accounts = acc;

  // The lowest coverage of the boundary meters over the elapsed part of the day: one dead
  // incomer makes the whole figure doubtful.
  const TimeMs elapsed = std::clamp<TimeMs>(now - day.start, 1, kDayMs);
  double coverage = 1;
  bool any = false;
  for (const report::BoundActivity& a : acc.points) {
    if (a.binding.role != report::PointRole::Purchased &&
        a.binding.role != report::PointRole::Exported) {
      continue;
    }
    any = true;
    coverage = std::min(coverage, std::min(1.0, double(a.activity.covered_ms) / double(elapsed)));
  }
  if (!any) coverage = 0;

  wire::KpiUpdate u;
  u.t = now;
  u.site = site_.id;
  u.day = date;
  u.figures.push_back(figure("energy_day", "tce", day, day_tce));
  u.figures.push_back(figure("carbon_day", "tCO2", day, day_tco2));
  u.figures.push_back(figure("energy_month", "tce", month, cache_->month_before.tce + day_tce));
  u.figures.push_back(figure("carbon_month", "tCO2", month, cache_->month_before.tco2 + day_tco2));
  u.figures.push_back(
      figure("energy_quarter", "tce", quarter, cache_->quarter_before.tce + day_tce));
  u.figures.push_back(
      figure("carbon_quarter", "tCO2", quarter, cache_->quarter_before.tco2 + day_tco2));
  u.figures.push_back(figure("energy_year", "tce", year, cache_->year_before.tce + day_tce));
  u.figures.push_back(figure("carbon_year", "tCO2", year, cache_->year_before.tco2 + day_tco2));
  u.figures[0].coverage = u.figures[1].coverage = coverage;

  if (!bindings_.budget) return u;
  const report::BudgetConfig& b = *bindings_.budget;
  const int y = std::stoi(date.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  const double day_share = double(elapsed) / double(kDayMs);
  for (std::size_t i = 0; i < u.figures.size(); ++i) {
    const BudgetSplit& split = i % 2 == 0 ? *energy_split_ : *carbon_split_;
    const double day_target = split.day(y, m, d);
    // Every day of a month has the same target, so the month's pace is (d - 1 + share) days.
    const double month_pace = day_target * (d - 1 + day_share);
    const unsigned q = (m - 1) / 3 + 1;
    double months_before = 0, quarter_months_before = 0;
    for (unsigned k = 1; k < m; ++k) {
      months_before += split.month(y, k);
      if (k >= (q - 1) * 3 + 1) quarter_months_before += split.month(y, k);
    }
    switch (i / 2) {
      case 0:
        setBudget(u.figures[i], day_target, day_target * day_share, b.warn_ratio);
        break;
      case 1:
        setBudget(u.figures[i], split.month(y, m), month_pace, b.warn_ratio);
        break;
      case 2:
        setBudget(u.figures[i], split.quarter(y, q), quarter_months_before + month_pace,
                  b.warn_ratio);
        break;
      default:
        setBudget(u.figures[i], split.annual(), months_before + month_pace, b.warn_ratio);
        break;
    }
  }

  if (b.quota_tco2) {
    const double ytd = u.figures.back().value;  // carbon_year
    const double remaining_days = double(year.end - now) / double(kDayMs);
    const double elapsed_share = double(now - year.start) / double(year.end - year.start);
    const QuotaForecast f = forecastYearEnd(ytd, cache_->daily_tco2, remaining_days, elapsed_share);
    wire::KpiQuota q;
    q.year = y;
    q.allocated = *b.quota_tco2;
    q.used = ytd;
    q.remaining = q.allocated - ytd;
    q.forecast = f.forecast;
    q.low = f.low.value_or(kNone);
    q.high = f.high.value_or(kNone);
    q.ratio = f.forecast / q.allocated;
    BudgetStatus s = budgetStatus(f.forecast, q.allocated, b.warn_ratio);
    if (s == BudgetStatus::Ok && f.high && *f.high > q.allocated) s = BudgetStatus::Warn;
    q.status = budgetStatusName(s);
    q.days = f.days;
    q.method = f.method;
    u.quota = q;
  }
  return u;
}

KpiCheck KpiComputer::alarmCheck(const wire::KpiUpdate& update) {
  KpiCheck check;
  check.t = update.t;
  for (const wire::KpiFigure& f : update.figures) {
    if (f.id != "energy_day" && f.id != "carbon_day") continue;
    check.items.push_back({f.id, f.ratio, std::isnan(f.ratio) ? "" : ratioText(f)});
  }
  if (update.quota) {
    const wire::KpiQuota& q = *update.quota;
    char text[200];
    std::snprintf(text, sizeof text,
                  "year-end CO2 forecast %.1f tCO2 against the %d quota of %.1f tCO2 (%.0f %%)",
                  q.forecast, q.year, q.allocated, q.ratio * 100);
    check.items.push_back({"quota_forecast", q.ratio, text});
  }
  return check;
}

}  // namespace gt::kpi
