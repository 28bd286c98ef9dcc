// greentwin-sim's plant physics: daily profiles, electrical consistency, cumulative totals and
// template ranges, all as pure functions of simulated time (ingest/sim/meter_physics.h).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "greentwin/site_config.h"
#include "knot_series.h"
#include "load_profile.h"
#include "meter_physics.h"
#include "site_time.h"

namespace {

using gt::TimeMs;
using gt::sim::kHourMs;

const gt::SiteConfig& demoSite() {
  static const gt::SiteConfig site =
      gt::loadSiteConfig(std::string(GREENTWIN_SOURCE_DIR) + "/assets/demo/site.toml");
  return site;
}

TimeMs at(const char* text) {
  return gt::sim::parseTimePoint(text).value();
}

size_t pointIndex(const gt::Meter& meter, std::string_view name) {
  const auto& points = meter.tmpl->points;
  for (size_t i = 0; i < points.size(); ++i) {
    if (points[i].name == name) return i;
  }
  FAIL("no point " << name << " in " << meter.id);
  return 0;
}

double pointValue(const gt::sim::SitePhysics& physics, std::string_view meter,
                  std::string_view point, TimeMs t) {
  const size_t index = physics.meterIndex(meter).value();
  return physics.values(index, t)[pointIndex(physics.meter(index), point)];
}

}  // namespace

TEST_CASE("every demo point has a model", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 1);
  CHECK(physics.unmodelledPoints().empty());
  CHECK(physics.role(physics.meterIndex("M-01").value()) == gt::sim::MeterRole::Incomer);
  CHECK(physics.role(physics.meterIndex("M-18").value()) == gt::sim::MeterRole::PvPlant);
}

TEST_CASE("PV is zero at night and peaks near noon", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 1);
  double best_peak = 0;
  for (int day = 0; day < 7; ++day) {
    const TimeMs midnight = at("2026-06-01T00:00") + day * gt::sim::kDayMs;
    double peak = -1;
    double peak_hour = -1;
    for (TimeMs t = midnight; t < midnight + gt::sim::kDayMs; t += 5 * 60'000) {
      const double hour = static_cast<double>(t - midnight) / kHourMs;
      const double p = pointValue(physics, "M-18", "p", t);
      if (hour < 6.0 || hour > 18.5) {
        CHECK(p == 0.0);
        CHECK(pointValue(physics, "M-18", "idc", t) == 0.0);
      }
      if (p > peak) peak = p, peak_hour = hour;
    }
    CHECK(peak_hour > 10.5);
    CHECK(peak_hour < 14.0);
    CHECK(peak < 450.0);
    best_peak = std::max(best_peak, peak);
  }
  CHECK(best_peak > 330.0);  // a clear day reaches close to the 400 kW plant peak
  CHECK(gt::sim::clearSkyPvFraction(at("2026-06-21T12:15")) == Approx(1.0).epsilon(0.01));
}

TEST_CASE("weekday 10:00 load exceeds 03:00 load, which is above zero", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 7);
  // Site load = what the incomer imports plus what PV supplies; averaged over ten minutes
  // so spindle bursts and compressor cycles do not decide the comparison.
  const auto site_load = [&](TimeMs from) {
    double sum = 0;
    for (int k = 0; k < 10; ++k) {
      const TimeMs t = from + k * 60'000;
      sum += pointValue(physics, "M-01", "p", t) + pointValue(physics, "M-18", "p", t);
    }
    return sum / 10;
  };
  for (const char* day : {"2026-06-02", "2026-11-24", "2027-01-13"}) {  // Tue, Tue, Wed
    const TimeMs midnight = at((std::string(day) + "T00:00").c_str());
    const double night = site_load(midnight + 3 * kHourMs);
    const double morning = site_load(midnight + 10 * kHourMs);
    INFO(day << ": 03:00 " << night << " kW, 10:00 " << morning << " kW");
    CHECK(night > 50.0);
    CHECK(morning > 2.0 * night);
    CHECK(pointValue(physics, "M-02", "p", midnight + 3 * kHourMs) > 0.0);
  }
  // Saturday: the maintenance crew draws far less than a weekday shift.
  const double saturday = site_load(at("2026-06-06T10:00"));
  const double tuesday = site_load(at("2026-06-02T10:00"));
  CHECK(saturday < 0.6 * tuesday);
}

TEST_CASE("outdoor temperature is lowest near 05:00 and highest near 14:00", "[sim][physics]") {
  double by_hour[24] = {};
  const TimeMs start = at("2026-04-01T00:00");
  for (int day = 0; day < 60; ++day) {
    for (int h = 0; h < 24; ++h) {
      by_hour[h] += gt::sim::outdoorTemperature(start + (day * 24 + h) * kHourMs, 3);
    }
  }
  int coldest = 0, warmest = 0;
  for (int h = 0; h < 24; ++h) {
    if (by_hour[h] < by_hour[coldest]) coldest = h;
    if (by_hour[h] > by_hour[warmest]) warmest = h;
  }
  CHECK(coldest >= 4);
  CHECK(coldest <= 6);
  CHECK(warmest >= 13);
  CHECK(warmest <= 15);
}

TEST_CASE("cumulative registers never decrease, minute by minute through a day", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 1);
  // 22:00 on a Friday to 02:00 on the Sunday after: two midnights, a shift end, a weekend.
  const TimeMs from = at("2026-06-05T22:00");
  const TimeMs to = at("2026-06-07T02:00");
  for (size_t m = 0; m < physics.meterCount(); ++m) {
    const gt::Meter& meter = physics.meter(m);
    std::vector<double> last = physics.values(m, from);
    for (TimeMs t = from + 60'000; t <= to; t += 60'000) {
      const std::vector<double> now = physics.values(m, t);
      for (size_t k = 0; k < now.size(); ++k) {
        if (meter.tmpl->points[k].kind != gt::PointKind::Cumulative) continue;
        INFO(meter.id << "." << meter.tmpl->points[k].name << " at "
                      << gt::sim::formatLocalTime(t));
        REQUIRE(now[k] >= last[k]);
        REQUIRE(now[k] > 0.0);  // a meter installed years ago shows a real total
      }
      last = now;
    }
  }
}

TEST_CASE("energy registers integrate the power the meter shows", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 1);
  for (const char* id : {"M-02", "M-09", "M-11", "M-16", "M-18"}) {
    const size_t m = physics.meterIndex(id).value();
    const bool pv = id == std::string("M-18");
    const size_t p = pointIndex(physics.meter(m), "p");
    const size_t e = pointIndex(physics.meter(m), pv ? "e_total" : "ep_imp");
    const TimeMs from = at("2026-06-02T00:00");
    double kwh = 0;
    for (TimeMs t = from; t < from + gt::sim::kDayMs; t += 10'000) {
      kwh += physics.values(m, t)[p] * 10.0 / 3600.0;
    }
    const double delta = physics.values(m, from + gt::sim::kDayMs)[e] - physics.values(m, from)[e];
    INFO(id << ": register " << delta << " kWh, power integrated " << kwh << " kWh");
    CHECK(delta == Approx(kwh).epsilon(0.05));
  }
}

TEST_CASE("the incomer exports when PV exceeds the weekend load", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 1);
  bool exported = false;
  for (int week = 0; week < 8 && !exported; ++week) {
    const TimeMs sunday_noon = at("2026-06-07T12:00") + week * 7 * gt::sim::kDayMs;
    exported = pointValue(physics, "M-01", "p", sunday_noon) < 0.0;
  }
  CHECK(exported);
  const TimeMs jan = at("2026-01-01T00:00"), jul = at("2026-07-01T00:00");
  CHECK(pointValue(physics, "M-01", "ep_exp", jul) > pointValue(physics, "M-01", "ep_exp", jan));
}

TEST_CASE("electrical values are consistent and within the grid's tolerances", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 5);
  for (const char* id : {"M-01", "M-02", "M-03", "M-11", "M-17"}) {
    const size_t m = physics.meterIndex(id).value();
    const gt::Meter& meter = physics.meter(m);
    for (TimeMs t = at("2026-06-02T00:00"); t < at("2026-06-03T00:00"); t += 17 * 60'000) {
      const std::vector<double> v = physics.values(m, t);
      const double p = v[pointIndex(meter, "p")], pf = v[pointIndex(meter, "pf")];
      const double q = v[pointIndex(meter, "q")];
      const double ua = v[pointIndex(meter, "ua")], ia = v[pointIndex(meter, "ia")];
      const double ub = v[pointIndex(meter, "ub")], ib = v[pointIndex(meter, "ib")];
      const double uc = v[pointIndex(meter, "uc")], ic = v[pointIndex(meter, "ic")];
      INFO(id << " at " << gt::sim::formatLocalTime(t));
      for (double u : {ua, ub, uc}) {
        CHECK(u >= 225.4);
        CHECK(u <= 234.6);
      }
      CHECK(std::abs(v[pointIndex(meter, "f")] - 50.0) <= 0.05);
      if (p == 0.0) continue;  // a stopped compressor
      CHECK(std::abs(pf) >= 0.85);
      CHECK(std::abs(pf) <= 0.98);
      CHECK((ua * ia + ub * ib + uc * ic) * std::abs(pf) / 1000.0 ==
            Approx(std::abs(p)).epsilon(0.001));
      CHECK(q == Approx(std::abs(p) * std::tan(std::acos(std::abs(pf)))).epsilon(0.001));
    }
  }
}

TEST_CASE("every value stays within its template's min and max for a week", "[sim][physics]") {
  const gt::sim::SitePhysics physics(demoSite(), 11);
  // A hot week and a cold one: chillers, boiler heating and PV all reach their extremes.
  for (const char* week : {"2026-07-20T00:00", "2027-01-18T00:00"}) {
    const TimeMs from = at(week);
    for (TimeMs t = from; t < from + 7 * gt::sim::kDayMs; t += 7 * 60'000 + 13'000) {
      for (size_t m = 0; m < physics.meterCount(); ++m) {
        const gt::Meter& meter = physics.meter(m);
        const std::vector<double> v = physics.values(m, t);
        for (size_t k = 0; k < v.size(); ++k) {
          const gt::RegisterPoint& point = meter.tmpl->points[k];
          INFO(meter.id << "." << point.name << " = " << v[k] << " at "
                        << gt::sim::formatLocalTime(t));
          REQUIRE(std::isfinite(v[k]));
          REQUIRE(v[k] >= point.min);
          REQUIRE(v[k] <= point.max);
        }
      }
    }
  }
}

TEST_CASE("values depend only on meter, time and seed", "[sim][physics]") {
  const gt::sim::SitePhysics a(demoSite(), 42), b(demoSite(), 42), c(demoSite(), 43);
  const TimeMs t = at("2026-06-02T10:07:31");
  for (size_t m = 0; m < a.meterCount(); ++m) {
    CHECK(a.values(m, t) == b.values(m, t));  // a restarted simulator continues exactly
  }
  CHECK(a.values(1, t) != c.values(1, t));
  // Asking about a later time first does not change an earlier answer.
  const gt::sim::SitePhysics d(demoSite(), 42);
  (void)d.values(0, t + 30 * gt::sim::kDayMs);
  CHECK(d.values(0, t) == a.values(0, t));
}

TEST_CASE("knot series integrate exactly, splitting segments at zero", "[sim][physics]") {
  using gt::sim::KnotSeries;
  const TimeMs e = gt::sim::kIntegrationEpoch;
  // +10 at knot 0, -10 at knot 1, repeating: the line crosses zero mid-segment.
  const auto zigzag = [e](TimeMs t) {
    return ((t - e) / gt::sim::kKnotSpacingMs) % 2 == 0 ? 10.0 : -10.0;
  };
  const KnotSeries whole(zigzag, KnotSeries::Part::Whole);
  const KnotSeries imported(zigzag, KnotSeries::Part::Positive);
  const KnotSeries exported(zigzag, KnotSeries::Part::Negative);
  const TimeMs two_days = e + 2 * gt::sim::kDayMs;
  CHECK(whole.integralHours(two_days) == Approx(0.0).margin(1e-9));
  // Each 15-minute segment has a triangle of 10 x 7.5 min / 2 above zero: 0.625 kWh.
  CHECK(imported.integralHours(two_days) == Approx(2 * 96 * 0.625));
  CHECK(exported.integralHours(two_days) == Approx(2 * 96 * 0.625));
  CHECK(whole.valueAt(e + gt::sim::kKnotSpacingMs / 2) == Approx(0.0).margin(1e-12));
  CHECK(imported.integralHours(e - 1000) == 0.0);
}
