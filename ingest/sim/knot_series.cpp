// Knot-sampled series and their exact integrals (see knot_series.h).
#include "knot_series.h"

#include <cmath>

namespace gt::sim {
namespace {

constexpr int kKnotsPerDay = static_cast<int>(24 * 3'600'000 / kKnotSpacingMs);
constexpr TimeMs kDayMs = 24 * 3'600'000;
constexpr double kKnotHours = static_cast<double>(kKnotSpacingMs) / 3'600'000.0;

int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

KnotSeries::KnotSeries(std::function<double(TimeMs)> sample, Part part)
    : sample_(std::move(sample)), part_(part) {}

double KnotSeries::valueAt(TimeMs t) const {
  const int64_t knot = floorDiv(t - kIntegrationEpoch, kKnotSpacingMs);
  const TimeMs t0 = kIntegrationEpoch + knot * kKnotSpacingMs;
  const double a = sample_(t0);
  const double b = sample_(t0 + kKnotSpacingMs);
  return a + (b - a) * static_cast<double>(t - t0) / static_cast<double>(kKnotSpacingMs);
}

// Integral of the chosen part of the line from a to b over `hours`. A segment that crosses
// zero splits into two triangles at the crossing.
double KnotSeries::segmentIntegralHours(double a, double b, double hours) const {
  if (part_ == Part::Whole) return 0.5 * (a + b) * hours;
  if (part_ == Part::Negative) {
    a = -a;
    b = -b;
  }
  if (a >= 0 && b >= 0) return 0.5 * (a + b) * hours;
  if (a <= 0 && b <= 0) return 0.0;
  const double positive = a > 0 ? a : b;
  const double share = positive / (std::abs(a) + std::abs(b));  // of the segment above zero
  return 0.5 * positive * share * hours;
}

double KnotSeries::dayIntegralHours(int64_t day) const {
  const TimeMs start = kIntegrationEpoch + day * kDayMs;
  double sum = 0;
  double a = sample_(start);
  for (int k = 1; k <= kKnotsPerDay; ++k) {
    const double b = sample_(start + k * kKnotSpacingMs);
    sum += segmentIntegralHours(a, b, kKnotHours);
    a = b;
  }
  return sum;
}

double KnotSeries::integralHours(TimeMs t) const {
  if (t <= kIntegrationEpoch) return 0.0;
  const int64_t day = (t - kIntegrationEpoch) / kDayMs;
  double total = 0;
  {
    std::lock_guard lock(mutex_);
    while (static_cast<int64_t>(whole_days_.size()) <= day) {
      const auto d = static_cast<int64_t>(whole_days_.size()) - 1;
      whole_days_.push_back(whole_days_.back() + dayIntegralHours(d));
    }
    total = whole_days_[static_cast<size_t>(day)];
  }
  // Whole knot segments of the current day, then the part of the last one up to t. Summed
  // apart from `total` and in the order dayIntegralHours() uses, so the running total cannot
  // round below the next midnight's value.
  const TimeMs day_start = kIntegrationEpoch + day * kDayMs;
  const int64_t knots = (t - day_start) / kKnotSpacingMs;
  double today = 0;
  double a = sample_(day_start);
  for (int64_t k = 1; k <= knots; ++k) {
    const double b = sample_(day_start + k * kKnotSpacingMs);
    today += segmentIntegralHours(a, b, kKnotHours);
    a = b;
  }
  const TimeMs t0 = day_start + knots * kKnotSpacingMs;
  if (t > t0) {
    const double b = sample_(t0 + kKnotSpacingMs);
    const double f = static_cast<double>(t - t0) / static_cast<double>(kKnotSpacingMs);
    today += segmentIntegralHours(a, a + (b - a) * f, kKnotHours * f);
  }
  return total + today;
}

}  // namespace gt::sim
