// Year-end forecast from the year so far (the method is in quota_forecast.h).
#include "quota_forecast.h"

#include <cmath>
#include <cstdio>

namespace gt::kpi {
namespace {

std::string format(const char* pattern, double a, double b = 0, double c = 0, double d = 0) {
  char text[256];
  std::snprintf(text, sizeof text, pattern, a, b, c, d);
  return text;
}

}  // namespace

QuotaForecast forecastYearEnd(double ytd, std::span<const double> daily, double remaining_days,
                              double elapsed_fraction) {
  QuotaForecast f;
  f.days = static_cast<int>(daily.size());
  if (daily.empty()) {
    // No complete day yet (first day of running): extrapolate the year so far linearly.
    f.forecast = elapsed_fraction > 0 ? ytd / elapsed_fraction : ytd;
    f.method = format("linear: YTD %.3f / elapsed share of the year %.4f = %.3f", ytd,
                      elapsed_fraction, f.forecast);
    return f;
  }
  double sum = 0;
  for (double d : daily) sum += d;
  const double n = static_cast<double>(daily.size());
  f.rate = sum / n;
  f.forecast = ytd + f.rate * remaining_days;
  f.method = format("YTD %.3f + mean daily %.4f", ytd, f.rate) +
             format(" (last %.0f days) x %.2f days left = %.3f", n, remaining_days, f.forecast);
  if (daily.size() < 2) return f;
  double squares = 0;
  for (double d : daily) squares += (d - f.rate) * (d - f.rate);
  const double s = std::sqrt(squares / (n - 1));
  f.sigma = s * std::sqrt(remaining_days + remaining_days * remaining_days / n);
  f.low = f.forecast - 2 * f.sigma;
  f.high = f.forecast + 2 * f.sigma;
  f.method += format("; sigma = s %.4f x sqrt(R + R^2/N) = %.3f, band +/- 2 sigma", s, f.sigma);
  return f;
}

}  // namespace gt::kpi
