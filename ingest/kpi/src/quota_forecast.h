// The year-end carbon forecast a quota is checked against (docs/protocol.md, "kpi"):
//
//   forecast = YTD + r x R      r = mean of the last N complete days' emissions, R = days left
//   sigma    = s x sqrt(R + R^2 / N)   s = sample standard deviation of those N days
//   band     = forecast +/- 2 sigma (about 95 % if days scatter normally)
//
// R x s^2 is the scatter of R future days around the rate, R^2 x s^2 / N the uncertainty of the
// rate itself (the standard error of a mean of N days, times R). Days are taken as independent,
// which understates the band when weeks differ (shutdowns, seasons): the band is a guide, not a
// guarantee. With fewer than 2 days there is no spread to measure: one day gives the rate
// without a band, none gives the linear YTD / elapsed share of the year. Pure.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace gt::kpi {

struct QuotaForecast {
  double forecast = 0;  // same unit as the inputs (tCO2)
  std::optional<double> low, high;
  double rate = 0;     // mean per day used (0 for the linear fallback)
  double sigma = 0;    // of the forecast; 0 without a band
  int days = 0;        // N
  std::string method;  // the computation with its numbers, for people
};

// ytd >= 0: emissions from 1 January to now. daily: the last complete days' emissions (any
// order). remaining_days >= 0: from now to the year's end, fractional. elapsed_fraction in
// (0, 1]: share of the year gone, used only without daily values.
QuotaForecast forecastYearEnd(double ytd, std::span<const double> daily, double remaining_days,
                              double elapsed_fraction);

}  // namespace gt::kpi
