// Daily profiles of the demo plant (see load_profile.h). The numbers are those of a mid-size
// CNC machine-tool plant near Shanghai; they only need to be plausible, not exact.
#include "load_profile.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <span>

#include "deterministic_noise.h"
#include "site_time.h"

namespace gt::sim {
namespace {

struct Breakpoint {
  double hour, activity;
};

constexpr std::array kWorkday{
    Breakpoint{0.0, 0.0},   Breakpoint{7.5, 0.0},   Breakpoint{8.0, 1.0},   Breakpoint{11.75, 1.0},
    Breakpoint{12.0, 0.25}, Breakpoint{13.0, 0.25}, Breakpoint{13.25, 1.0}, Breakpoint{19.75, 1.0},
    Breakpoint{20.0, 0.6},  Breakpoint{23.75, 0.6}, Breakpoint{24.0, 0.0},
};
constexpr std::array kWeekend{
    Breakpoint{0.0, 0.0},   Breakpoint{8.0, 0.0},  Breakpoint{8.5, 0.12},
    Breakpoint{16.5, 0.12}, Breakpoint{17.0, 0.0}, Breakpoint{24.0, 0.0},
};

double interpolate(std::span<const Breakpoint> curve, double hour) {
  for (size_t i = 1; i < curve.size(); ++i) {
    if (hour <= curve[i].hour) {
      const Breakpoint& a = curve[i - 1];
      const Breakpoint& b = curve[i];
      return a.activity + (b.activity - a.activity) * (hour - a.hour) / (b.hour - a.hour);
    }
  }
  return curve.back().activity;
}

const uint64_t kOrderBook = streamOf("order-book");
const uint64_t kWeather = streamOf("weather");
const uint64_t kWeatherHourly = streamOf("weather-hourly");
const uint64_t kHumidity = streamOf("humidity");
const uint64_t kOvercast = streamOf("overcast");
const uint64_t kClouds = streamOf("clouds");

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Seasonal daily mean temperature: coldest around 25 January, warmest around 27 July.
double seasonalMean(int day_of_year) {
  return 16.5 - 12.5 * std::cos(kTwoPi * (day_of_year - 25) / 365.25);
}

// Daily swing, -1 at 05:00 and +1 at 14:00: a half cosine up over 9 hours and down over 15.
double dailySwing(double hour) {
  if (hour >= 5.0 && hour < 14.0) return -std::cos(std::numbers::pi * (hour - 5.0) / 9.0);
  const double since_peak = hour >= 14.0 ? hour - 14.0 : hour + 10.0;
  return std::cos(std::numbers::pi * since_peak / 15.0);
}

// The weather's offset from the season: a random value at each local noon, linear between
// them, so a warm spell comes and goes over a day instead of jumping at midnight.
double weatherOffset(const LocalTime& lt, uint64_t seed) {
  const double days = static_cast<double>(lt.day) + (lt.hour - 12.0) / 24.0;
  const double from = std::floor(days);
  const auto day = static_cast<int64_t>(from);
  const double a = 3.0 * signedNoise(hashOf(seed, kWeather, static_cast<uint64_t>(day)));
  const double b = 3.0 * signedNoise(hashOf(seed, kWeather, static_cast<uint64_t>(day + 1)));
  return a + (b - a) * (days - from);
}

}  // namespace

double productionActivity(TimeMs t) {
  const LocalTime lt = localTimeOf(t);
  const bool workday = lt.weekday < 5;
  return workday ? interpolate(kWorkday, lt.hour) : interpolate(kWeekend, lt.hour);
}

double productionLevel(int64_t local_day, uint64_t seed) {
  return 0.975 + 0.125 * signedNoise(hashOf(seed, kOrderBook, static_cast<uint64_t>(local_day)));
}

double outdoorTemperature(TimeMs t, uint64_t seed) {
  const LocalTime lt = localTimeOf(t);
  const double seconds = static_cast<double>(t) / 1000.0;
  return seasonalMean(lt.day_of_year) + 4.0 * dailySwing(lt.hour) + weatherOffset(lt, seed) +
         0.4 * smoothNoise(seed, kWeatherHourly, seconds, 3600.0);
}

double relativeHumidity(TimeMs t, uint64_t seed) {
  const LocalTime lt = localTimeOf(t);
  const double seconds = static_cast<double>(t) / 1000.0;
  // Moist summers, drier winters; the afternoon warmth lowers relative humidity.
  const double seasonal = 72.0 + 8.0 * -std::cos(kTwoPi * (lt.day_of_year - 25) / 365.25);
  const double rh = seasonal - 14.0 * dailySwing(lt.hour) +
                    6.0 * smoothNoise(seed, kHumidity, seconds, 4.0 * 3600.0);
  return std::clamp(rh, 30.0, 98.0);
}

double clearSkyPvFraction(TimeMs t) {
  const LocalTime lt = localTimeOf(t);
  constexpr double kSunrise = 6.0, kSunset = 18.5;
  if (lt.hour <= kSunrise || lt.hour >= kSunset) return 0.0;
  const double x = (lt.hour - kSunrise) / (kSunset - kSunrise);
  const double season = 0.9 + 0.1 * std::cos(kTwoPi * (lt.day_of_year - 172) / 365.25);  // June 21
  return season * std::pow(std::sin(std::numbers::pi * x), 1.5);
}

double cloudTransmission(TimeMs t, uint64_t seed) {
  const LocalTime lt = localTimeOf(t);
  const double seconds = static_cast<double>(t) / 1000.0;
  // Cloudiness of the day, skewed towards clear: a third of days are noticeably cloudy.
  const double overcast =
      std::pow(unitNoise(hashOf(seed, kOvercast, static_cast<uint64_t>(lt.day))), 2.0);
  const double passing = 0.5 + 0.5 * smoothNoise(seed, kClouds, seconds, 1800.0);  // 0..1
  return std::clamp(1.0 - 0.75 * overcast * (0.6 + 0.4 * passing), 0.25, 1.0);
}

}  // namespace gt::sim
