// Annual targets split to quarters, months and days (flat by days and by a monthly profile,
// leap years) and the ok/warn/over status, against numbers worked by hand in the comments.
#include <catch2/catch.hpp>

#include "budget_split.h"

using namespace gt::kpi;

TEST_CASE("a flat split gives every day of a year the same share") {
  // 3650 tce in 2026 (365 days): 10 tce a day. January 31 x 10 = 310, February 28 x 10 = 280,
  // Q1 (31 + 28 + 31) x 10 = 900, Q4 (31 + 30 + 31) x 10 = 920.
  const BudgetSplit b(3650, std::nullopt);
  CHECK(b.annual() == 3650);
  CHECK(b.month(2026, 1) == Approx(310));
  CHECK(b.month(2026, 2) == Approx(280));
  CHECK(b.day(2026, 2, 10) == Approx(10));
  CHECK(b.day(2026, 12, 31) == Approx(10));
  CHECK(b.quarter(2026, 1) == Approx(900));
  CHECK(b.quarter(2026, 4) == Approx(920));
  double year = 0;
  for (unsigned q = 1; q <= 4; ++q) year += b.quarter(2026, q);
  CHECK(year == Approx(3650));
}

TEST_CASE("a leap year has 366 days and a 29-day February") {
  // 3660 tce in 2028 (leap): 10 a day; February 29 x 10 = 290; Q1 (31 + 29 + 31) x 10 = 910.
  const BudgetSplit even(3660, std::nullopt);
  CHECK(daysInMonth(2028, 2) == 29);
  CHECK(daysInMonth(2026, 2) == 28);
  CHECK(daysInMonth(2100, 2) == 28);  // divisible by 100, not by 400
  CHECK(even.month(2028, 2) == Approx(290));
  CHECK(even.day(2028, 2, 29) == Approx(10));
  CHECK(even.quarter(2028, 1) == Approx(910));
  // 3650 tce in 2028: February 3650 x 29 / 366 = 289.2077, a day 3650 / 366 = 9.97268.
  const BudgetSplit b(3650, std::nullopt);
  CHECK(b.month(2028, 2) == Approx(289.2077).epsilon(1e-6));
  CHECK(b.day(2028, 7, 4) == Approx(9.97268).epsilon(1e-6));
}

TEST_CASE("a monthly profile weights the months, days share their month evenly") {
  // Weights 2, 1, 1, ... (sum 13) of 1300 tCO2: January 200, every other month 100.
  // February 2026: 100 / 28 = 3.5714 a day; February 2028 (leap): 100 / 29 = 3.4483 a day.
  // Q1: 200 + 100 + 100 = 400.
  const BudgetSplit b(1300, std::array<double, 12>{2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  CHECK(b.month(2026, 1) == Approx(200));
  CHECK(b.month(2026, 2) == Approx(100));
  CHECK(b.month(2028, 2) == Approx(100));  // the profile, not the day count, decides
  CHECK(b.day(2026, 2, 14) == Approx(3.5714286).epsilon(1e-6));
  CHECK(b.day(2028, 2, 29) == Approx(3.4482759).epsilon(1e-6));
  CHECK(b.day(2026, 1, 31) == Approx(200.0 / 31));
  CHECK(b.quarter(2026, 1) == Approx(400));
}

TEST_CASE("status: ok below the warning share, warn up to the budget, over beyond it") {
  CHECK(budgetStatus(89.9, 100, 0.9) == BudgetStatus::Ok);
  CHECK(budgetStatus(90, 100, 0.9) == BudgetStatus::Warn);
  CHECK(budgetStatus(100, 100, 0.9) == BudgetStatus::Warn);  // at the budget is not over it
  CHECK(budgetStatus(100.1, 100, 0.9) == BudgetStatus::Over);
  CHECK(std::string(budgetStatusName(BudgetStatus::Over)) == "over");
}
