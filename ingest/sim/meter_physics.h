// The simulated plant: every meter's point values, in canonical units, at a simulated time.
// Deterministic: values are pure functions of (meter, point, simulated time, seed), so tests
// can check them and a restarted simulator continues where it left off.
//
// Cumulative points (kind = cumulative) integrate each meter's mean quantity exactly from a
// fixed epoch, 2020-01-01T00:00+08:00 (knot_series.h), plus a per-meter reading the meter
// already had then. They only grow, and depend on the simulated time alone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/clock.h"
#include "greentwin/site_config.h"
#include "meter_roles.h"

namespace gt::sim {

// Plant: the demo plant's equipment models. Generic: every point of any template varies slowly
// (generic_values.h), for benchmark sites that are not plants (greentwin-sim --generic).
enum class PhysicsModel { Plant, Generic };

class SitePhysics {
 public:
  // `site` must outlive this object. Never fails: a point the simulator has no model for
  // (unknown name, or a canonical unit it does not expect) holds a constant mid-range value
  // and is listed by unmodelledPoints().
  SitePhysics(const SiteConfig& site, uint64_t seed, PhysicsModel model = PhysicsModel::Plant);
  ~SitePhysics();
  SitePhysics(const SitePhysics&) = delete;
  SitePhysics& operator=(const SitePhysics&) = delete;

  size_t meterCount() const { return models_.size(); }
  const Meter& meter(size_t index) const;
  std::optional<size_t> meterIndex(std::string_view meter_id) const;
  MeterRole role(size_t index) const;

  // Canonical values of the meter's template points at simulated time t, in template order.
  // Thread-safe.
  std::vector<double> values(size_t index, TimeMs t) const;

  // "M-07.xyz (no model for this point)" for each point that holds a constant.
  const std::vector<std::string>& unmodelledPoints() const { return unmodelled_; }

 private:
  struct Model;

  double busy(TimeMs t) const;  // production activity times the day's order book
  double meanPrimary(size_t index, TimeMs t) const;
  double instantPrimary(size_t index, TimeMs t) const;
  double compressorDuty(int rank, TimeMs t) const;
  double chillerShare(int rank, TimeMs t) const;
  double boilerSteamTph(TimeMs t) const;
  double unmeteredKw(TimeMs t) const;

  const SiteConfig& site_;
  uint64_t seed_;
  PhysicsModel model_;
  std::vector<std::unique_ptr<Model>> models_;
  std::vector<size_t> loads_;  // electricity meters the incomer feeds
  std::vector<size_t> pv_;     // PV plants behind the incomer
  int compressors_ = 0;
  std::vector<std::string> unmodelled_;
};

}  // namespace gt::sim
