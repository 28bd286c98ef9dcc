// Budget split by the civil calendar (<chrono>'s year_month_day_last knows leap years).
#include "budget_split.h"

#include <cassert>
#include <chrono>

namespace gt::kpi {

unsigned daysInMonth(int year, unsigned month) {
  using namespace std::chrono;
  return unsigned((std::chrono::year{year} / std::chrono::month{month} / last).day());
}

BudgetSplit::BudgetSplit(double annual, std::optional<std::array<double, 12>> profile)
    : annual_(annual), profile_(profile) {
  assert(annual > 0);
}

double BudgetSplit::month(int year, unsigned month) const {
  assert(month >= 1 && month <= 12);
  if (profile_) {
    double sum = 0;
    for (double w : *profile_) sum += w;
    return annual_ * (*profile_)[month - 1] / sum;
  }
  const unsigned days_in_year = std::chrono::year{year}.is_leap() ? 366 : 365;
  return annual_ * daysInMonth(year, month) / days_in_year;
}

double BudgetSplit::quarter(int year, unsigned quarter) const {
  assert(quarter >= 1 && quarter <= 4);
  const unsigned first = (quarter - 1) * 3 + 1;
  return month(year, first) + month(year, first + 1) + month(year, first + 2);
}

double BudgetSplit::day(int year, unsigned month, unsigned day) const {
  assert(day >= 1 && day <= daysInMonth(year, month));
  (void)day;  // every day of a month gets the same share
  return this->month(year, month) / daysInMonth(year, month);
}

const char* budgetStatusName(BudgetStatus s) {
  switch (s) {
    case BudgetStatus::Ok:
      return "ok";
    case BudgetStatus::Warn:
      return "warn";
    case BudgetStatus::Over:
      return "over";
  }
  return "?";
}

BudgetStatus budgetStatus(double value, double budget, double warn_ratio) {
  if (value > budget) return BudgetStatus::Over;
  if (value >= warn_ratio * budget) return BudgetStatus::Warn;
  return BudgetStatus::Ok;
}

}  // namespace gt::kpi
