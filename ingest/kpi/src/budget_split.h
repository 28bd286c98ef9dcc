// An annual target (energy in tce or carbon in tCO2) split to quarters, months and days: by the
// site's monthly profile weights when it gives them, else flat by days (each day of a year gets
// 1/365 of it, 1/366 in a leap year). A day gets its month's target divided evenly over the
// month's days, so the days of a month add up to the month and the months to the year. Pure.
#pragma once

#include <array>
#include <optional>

namespace gt::kpi {

class BudgetSplit {
 public:
  // `annual` > 0 in any unit; `profile`: weights of January..December (>= 0, sum > 0; any
  // scale), nullopt for the flat split.
  BudgetSplit(double annual, std::optional<std::array<double, 12>> profile);

  double annual() const { return annual_; }
  // Month 1..12 of `year`: annual x w_m / sum(w), or annual x days_in_month / days_in_year.
  double month(int year, unsigned month) const;
  // Quarter 1..4: the sum of its three months.
  double quarter(int year, unsigned quarter) const;
  // Day 1..31 of month: month target / days in the month (leap Februaries have 29).
  double day(int year, unsigned month, unsigned day) const;

 private:
  double annual_;
  std::optional<std::array<double, 12>> profile_;
};

// Days in a month of the Gregorian calendar (February 29 days in leap years).
unsigned daysInMonth(int year, unsigned month);

enum class BudgetStatus { Ok, Warn, Over };
const char* budgetStatusName(BudgetStatus s);  // "ok", "warn", "over"
// Over when value > budget, warn when value >= warn_ratio x budget, else ok. budget > 0.
BudgetStatus budgetStatus(double value, double budget, double warn_ratio);

}  // namespace gt::kpi
