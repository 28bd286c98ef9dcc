// The year-end quota forecast and its band (quota_forecast.h), against numbers worked by hand.
#include <catch2/catch.hpp>

#include <vector>

#include "quota_forecast.h"

using namespace gt::kpi;

TEST_CASE("the forecast adds the recent mean daily rate for the days left, with a band") {
  // YTD 1000 tCO2; last four days 10, 12, 14, 8: mean 11. 100 days left: 1000 + 11 x 100 = 2100.
  // Deviations -1, 1, 3, -3: squares 1 + 1 + 9 + 9 = 20; s^2 = 20 / 3 = 6.6667, s = 2.58199.
  // sigma = s x sqrt(R + R^2 / N) = 2.58199 x sqrt(100 + 10000 / 4) = 2.58199 x 50.9902 = 131.656.
  // Band 2100 -/+ 2 x 131.656 = [1836.688, 2363.312].
  const std::vector<double> daily{10, 12, 14, 8};
  const QuotaForecast f = forecastYearEnd(1000, daily, 100, 0.7);
  CHECK(f.rate == Approx(11));
  CHECK(f.forecast == Approx(2100));
  CHECK(f.days == 4);
  CHECK(f.sigma == Approx(131.656).epsilon(1e-5));
  REQUIRE(f.low);
  REQUIRE(f.high);
  CHECK(*f.low == Approx(1836.688).epsilon(1e-5));
  CHECK(*f.high == Approx(2363.312).epsilon(1e-5));
  CHECK(f.method.find("2100.000") != std::string::npos);
}

TEST_CASE("steady days give a narrow band; the last day of the year has none left to add") {
  const std::vector<double> same{5, 5, 5};
  const QuotaForecast steady = forecastYearEnd(100, same, 10, 0.9);
  CHECK(steady.forecast == Approx(150));  // 100 + 5 x 10
  CHECK(*steady.low == Approx(150));
  CHECK(*steady.high == Approx(150));
  const QuotaForecast end = forecastYearEnd(1234, same, 0, 1.0);
  CHECK(end.forecast == Approx(1234));
  CHECK(*end.high == Approx(1234));
}

TEST_CASE("too few days: one gives the rate without a band, none the linear extrapolation") {
  // One day of 5: 100 + 5 x 10 = 150, no spread to measure.
  const std::vector<double> one{5};
  const QuotaForecast f1 = forecastYearEnd(100, one, 10, 0.5);
  CHECK(f1.forecast == Approx(150));
  CHECK_FALSE(f1.low);
  CHECK_FALSE(f1.high);
  // No complete day: 500 so far at a quarter of the year: 500 / 0.25 = 2000.
  const QuotaForecast f0 = forecastYearEnd(500, {}, 270, 0.25);
  CHECK(f0.forecast == Approx(2000));
  CHECK(f0.days == 0);
  CHECK_FALSE(f0.high);
  CHECK(f0.method.find("linear") != std::string::npos);
}
