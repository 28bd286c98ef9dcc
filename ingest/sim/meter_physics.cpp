// The simulated plant (see meter_physics.h). Each meter has one primary quantity (kW, m3/h,
// t/h) whose slow mean is sampled on 15-minute knots and integrated for its totals; the
// instant value adds the equipment's own fast behaviour on top of that mean.
#include "meter_physics.h"

#include <algorithm>
#include <cmath>

#include "deterministic_noise.h"
#include "electrical_values.h"
#include "generic_values.h"
#include "knot_series.h"
#include "load_profile.h"
#include "point_quantity.h"
#include "site_time.h"

namespace gt::sim {
namespace {

// Share of a cycle, 0 <= x < 1, for equipment that repeats every `period_s` seconds.
double cyclePhase(double seconds, double period_s, double offset) {
  const double x = seconds / period_s + offset;
  return x - std::floor(x);
}

constexpr double kCompressorLoadedKw = 17.0, kCompressorUnloadedKw = 5.0;
constexpr double kCompressorDeliveryM3h = 132.0;  // 2.2 m3/min free air per compressor
constexpr double kPvPeakKw = 400.0;
constexpr double kWaterBurstM3h = 45.0, kWaterIdleM3h = 0.2;

}  // namespace

struct SitePhysics::Model {
  const Meter* meter = nullptr;
  MeterRole role = MeterRole::OtherFlow;
  uint64_t stream = 0;
  double base = 0, span = 0;  // primary quantity = base + span x busy, for simple loads
  double rated_kw = 100;      // for the power factor
  double cycle_s = 180, cycle_offset = 0;
  int rank = 0;  // lead (0) or lag among compressors or chillers
  double import_offset = 0, export_offset = 0;
  std::unique_ptr<KnotSeries> mean;      // the primary quantity (incomer: its import part)
  std::unique_ptr<KnotSeries> exported;  // incomer only: the export part of the same series
  std::vector<Quantity> points;
  std::vector<double> constants;  // for Unmodelled points
};

SitePhysics::SitePhysics(const SiteConfig& site, uint64_t seed, PhysicsModel model)
    : site_(site), seed_(seed), model_(model) {
  int chillers = 0;
  for (size_t i = 0; i < site.meters.size(); ++i) {
    const Meter& meter = site.meters[i];
    auto m = std::make_unique<Model>();
    m->meter = &meter;
    m->role = meterRoleOf(meter);
    m->stream = streamOf(meter.id);
    const auto u = [&](uint64_t k) { return unitNoise(hashOf(seed, m->stream, k)); };
    m->cycle_s = 120.0 + 180.0 * u(1);
    m->cycle_offset = u(2);
    switch (m->role) {
      case MeterRole::Incomer:
        m->rated_kw = 1000;
        break;
      case MeterRole::CncMachine:
        m->base = 2.5 + 1.5 * u(3);
        m->span = 14.0 + 22.0 * u(4);
        m->rated_kw = 1.3 * (m->base + m->span);
        break;
      case MeterRole::AssemblyLine:
        m->base = 6, m->span = 48, m->rated_kw = 70;
        break;
      case MeterRole::PaintBooth:
        m->base = 9, m->span = 68, m->rated_kw = 95;
        break;
      case MeterRole::PaintBoothGas:
        m->base = 3, m->span = 52;
        break;
      case MeterRole::AirCompressor:
        m->rank = compressors_++;
        m->rated_kw = kCompressorLoadedKw;
        m->cycle_s = 60.0 + 60.0 * u(1);
        break;
      case MeterRole::Chiller:
        m->rank = chillers++, m->rated_kw = 120;
        break;
      case MeterRole::PvPlant:
        m->rated_kw = kPvPeakKw;
        break;
      case MeterRole::WaterTreatment:
        m->base = 1.5, m->span = 16, m->cycle_s = 600;
        break;
      case MeterRole::OtherElectric:
        m->base = 3, m->span = 12, m->rated_kw = 20;
        break;
      case MeterRole::OtherFlow:
        m->base = 1, m->span = 10;
        break;
      default:
        break;
    }
    if (isElectrical(m->role) && m->role != MeterRole::Incomer && m->role != MeterRole::PvPlant) {
      loads_.push_back(i);
    }
    if (m->role == MeterRole::PvPlant) pv_.push_back(i);
    // The reading the meter already showed at the epoch: a year or two of its typical use.
    const double typical = isElectrical(m->role) ? 0.4 * m->rated_kw : m->base + 0.5 * m->span;
    m->import_offset = std::round(typical * (4000.0 + 12000.0 * u(5)));
    m->export_offset = m->role == MeterRole::Incomer
                           ? std::round(2000.0 * u(6))
                           : 1.0 + std::round(20.0 * u(6));  // regen drives
    for (const RegisterPoint& point : meter.tmpl->points) {
      if (model_ == PhysicsModel::Generic) break;  // no plant model, nothing is unmodelled
      const Quantity q = quantityOf(m->role, point);
      m->points.push_back(q);
      m->constants.push_back(midRange(point));
      if (q == Quantity::Unmodelled) {
        unmodelled_.push_back(meter.id + "." + point.name + " (no model for this point)");
      }
    }
    models_.push_back(std::move(m));
  }
  for (size_t i = 0; i < models_.size(); ++i) {
    Model& m = *models_[i];
    // Generic values need no knot series: building them costs seconds on a 100-meter site.
    if (m.role == MeterRole::WeatherStation || model_ == PhysicsModel::Generic) continue;
    auto sample = [this, i](TimeMs t) { return meanPrimary(i, t); };
    const bool net = m.role == MeterRole::Incomer;
    m.mean = std::make_unique<KnotSeries>(
        sample, net ? KnotSeries::Part::Positive : KnotSeries::Part::Whole);
    if (net) m.exported = std::make_unique<KnotSeries>(sample, KnotSeries::Part::Negative);
  }
}

SitePhysics::~SitePhysics() = default;

const Meter& SitePhysics::meter(size_t index) const {
  return *models_.at(index)->meter;
}

MeterRole SitePhysics::role(size_t index) const {
  return models_.at(index)->role;
}

std::optional<size_t> SitePhysics::meterIndex(std::string_view meter_id) const {
  for (size_t i = 0; i < models_.size(); ++i) {
    if (models_[i]->meter->id == meter_id) return i;
  }
  return std::nullopt;
}

double SitePhysics::busy(TimeMs t) const {
  return productionActivity(t) * productionLevel(localTimeOf(t).day, seed_);
}

// Compressed-air demand (leaks at night, tools by day) shared out lead first: the lead
// compressor carries up to 95 % duty before the lag one starts to load.
double SitePhysics::compressorDuty(int rank, TimeMs t) const {
  const double demand = 0.15 + 0.85 * busy(t);
  return std::clamp(demand * 1.25 - 0.95 * rank, 0.0, 0.95);
}

// Cooling demand of process (spindles, hydraulics) and of comfort above 18 degC, in chillers.
double SitePhysics::chillerShare(int rank, TimeMs t) const {
  const double b = busy(t);
  const double hot = std::max(0.0, outdoorTemperature(t, seed_) - 18.0);
  const double chillers = 1.6 * ((0.1 + 0.25 * b) + 0.045 * hot * (0.4 + 0.6 * b));
  return std::clamp(chillers - rank, 0.0, 1.0);
}

// Process steam for washing and curing, plus space heating when it is cold outside.
double SitePhysics::boilerSteamTph(TimeMs t) const {
  const double heating = std::clamp((14.0 - outdoorTemperature(t, seed_)) / 14.0, 0.0, 1.0);
  return 0.3 + 1.8 * busy(t) + 0.9 * heating;
}

// Lighting, offices, HVAC and pumps that have no meter of their own.
double SitePhysics::unmeteredKw(TimeMs t) const {
  return 35.0 + 85.0 * busy(t);
}

double SitePhysics::meanPrimary(size_t index, TimeMs t) const {
  const Model& m = *models_[index];
  switch (m.role) {
    case MeterRole::Incomer: {
      double kw = unmeteredKw(t);
      for (size_t i : loads_) kw += meanPrimary(i, t);
      for (size_t i : pv_) kw -= meanPrimary(i, t);
      return kw;
    }
    case MeterRole::AirCompressor: {
      const double duty = compressorDuty(m.rank, t);
      if (duty <= 0.0) return 0.0;  // the lag machine stands still
      return kCompressorUnloadedKw + (kCompressorLoadedKw - kCompressorUnloadedKw) * duty;
    }
    case MeterRole::CompressedAirHeader: {
      if (compressors_ == 0) return 60.0 + 80.0 * busy(t);
      double m3h = 0;
      for (int rank = 0; rank < compressors_; ++rank) {
        m3h += kCompressorDeliveryM3h * compressorDuty(rank, t);
      }
      return m3h;
    }
    case MeterRole::BoilerGas:
      return 2.0 + 78.0 * boilerSteamTph(t);  // about 78 m3 per t
    case MeterRole::BoilerSteam:
      return boilerSteamTph(t);
    case MeterRole::Chiller: {
      const double share = chillerShare(m.rank, t);
      return share > 0.05 ? 12.0 + 108.0 * share : 3.0;  // standby: controls and oil heater
    }
    case MeterRole::PvPlant:
      return kPvPeakKw * clearSkyPvFraction(t) * cloudTransmission(t, seed_);
    case MeterRole::WeatherStation:
      return 0.0;
    default:
      return m.base + m.span * busy(t);
  }
}

double SitePhysics::instantPrimary(size_t index, TimeMs t) const {
  const Model& m = *models_[index];
  const double s = static_cast<double>(t) / 1000.0;
  if (m.role == MeterRole::Incomer) {
    double kw = unmeteredKw(t) * (1.0 + 0.02 * smoothNoise(seed_, m.stream, s, 15.0));
    for (size_t i : loads_) kw += instantPrimary(i, t);
    for (size_t i : pv_) kw -= instantPrimary(i, t);
    return kw;
  }
  const double mean = m.mean->valueAt(t);
  const double phase = cyclePhase(s, m.cycle_s, m.cycle_offset);
  switch (m.role) {
    case MeterRole::CncMachine: {
      // One part per cycle: load and tool change, cutting, rapid moves. The factors average
      // 1 over the cycle, so the energy register still matches the mean.
      double g = 1.25 + 0.2 * smoothNoise(seed_, m.stream + 1, s, 4.0);
      if (phase < 0.12)
        g = 0.15;
      else if (phase >= 0.85)
        g = 0.45;
      return m.base + (mean - m.base) * g;
    }
    case MeterRole::AirCompressor: {
      if (mean < 0.5 * kCompressorUnloadedKw) return 0.0;
      const double duty = std::clamp(
          (mean - kCompressorUnloadedKw) / (kCompressorLoadedKw - kCompressorUnloadedKw), 0.0, 1.0);
      const double kw = phase < duty ? kCompressorLoadedKw : kCompressorUnloadedKw;
      return kw * (1.0 + 0.02 * smoothNoise(seed_, m.stream + 1, s, 5.0));
    }
    case MeterRole::WaterTreatment: {
      // The lift pump runs flat out in bursts long enough to carry the mean flow.
      const double duty =
          std::clamp((mean - kWaterIdleM3h) / (kWaterBurstM3h - kWaterIdleM3h), 0.0, 1.0);
      if (phase >= duty) return kWaterIdleM3h;
      return kWaterBurstM3h * (1.0 + 0.03 * smoothNoise(seed_, m.stream + 1, s, 7.0));
    }
    case MeterRole::PvPlant:
      return std::max(0.0, mean * (1.0 + 0.08 * smoothNoise(seed_, m.stream + 1, s, 40.0)));
    default:
      return std::max(0.0, mean * (1.0 + 0.03 * smoothNoise(seed_, m.stream + 1, s, 20.0)));
  }
}

std::vector<double> SitePhysics::values(size_t index, TimeMs t) const {
  const Model& m = *models_.at(index);
  if (model_ == PhysicsModel::Generic) return genericValues(*m.meter, t, seed_);
  const double s = static_cast<double>(t) / 1000.0;
  const bool weather = m.role == MeterRole::WeatherStation;
  const double primary = weather ? 0.0 : instantPrimary(index, t);
  ElectricalValues ev;
  if (isElectrical(m.role)) {
    const FeederTraits feeder{m.stream, m.rated_kw, m.role == MeterRole::Incomer};
    ev = electricalValues(primary, feeder, t, seed_);
  }
  const double outdoor = outdoorTemperature(t, seed_);
  const double inverter_temp =
      outdoor + 18.0 * primary / kPvPeakKw + 0.5 * smoothNoise(seed_, m.stream + 5, s, 300.0);
  const double dc_volts = m.role == MeterRole::PvPlant && clearSkyPvFraction(t) > 0.0
                              ? 760.0 - 0.8 * (inverter_temp - 25.0) - 35.0 * primary / kPvPeakKw +
                                    3.0 * smoothNoise(seed_, m.stream + 6, s, 30.0)
                              : 0.0;
  std::vector<double> out;
  out.reserve(m.points.size());
  for (size_t k = 0; k < m.points.size(); ++k) {
    double v = 0;
    switch (m.points[k]) {
      case Quantity::Ua:
        v = ev.voltage[0];
        break;
      case Quantity::Ub:
        v = ev.voltage[1];
        break;
      case Quantity::Uc:
        v = ev.voltage[2];
        break;
      case Quantity::Ia:
        v = ev.current[0];
        break;
      case Quantity::Ib:
        v = ev.current[1];
        break;
      case Quantity::Ic:
        v = ev.current[2];
        break;
      case Quantity::P:
        v = ev.p_kw;
        break;
      case Quantity::Q:
        v = ev.q_kvar;
        break;
      case Quantity::Pf:
        v = ev.pf;
        break;
      case Quantity::F:
        v = ev.frequency;
        break;
      case Quantity::EnergyImport:
      case Quantity::EnergyTotal:
      case Quantity::Total:
        v = m.import_offset + m.mean->integralHours(t);
        break;
      case Quantity::EnergyExport:
        v = m.export_offset + (m.exported ? m.exported->integralHours(t) : 0.0);
        break;
      case Quantity::EnergyToday:
        v = m.mean->integralHours(t) - m.mean->integralHours(localMidnightOf(localTimeOf(t).day));
        break;
      case Quantity::Udc:
        v = dc_volts;
        break;
      case Quantity::Idc:
        v = dc_volts > 0.0 ? primary * 1000.0 / 0.975 / dc_volts : 0.0;
        break;
      case Quantity::InverterTemp:
        v = inverter_temp;
        break;
      case Quantity::Flow:
        v = primary;
        break;
      case Quantity::MediumTemp:
        v = m.role == MeterRole::BoilerSteam
                ? 175.0 + 1.5 * smoothNoise(seed_, m.stream + 2, s, 60.0)  // saturated, 0.8 MPa
                : 8.0 + 0.6 * (outdoor - 8.0);  // gas and water come from underground mains
        break;
      case Quantity::Pressure: {
        const double wobble = smoothNoise(seed_, m.stream + 3, s, 45.0);
        if (m.role == MeterRole::BoilerSteam)
          v = 800.0 + 15.0 * wobble;
        else if (m.role == MeterRole::CompressedAirHeader)
          v = 680.0 + 25.0 * wobble;
        else
          v = 200.0 + 3.0 * wobble;  // medium-pressure gas, water mains
        break;
      }
      case Quantity::OutdoorTemp:
        v = outdoor + 0.1 * smoothNoise(seed_, m.stream + 4, s, 30.0);
        break;
      case Quantity::Humidity:
        v = relativeHumidity(t, seed_);
        break;
      case Quantity::Unmodelled:
        v = m.constants[k];
        break;
    }
    out.push_back(v);
  }
  return out;
}

}  // namespace gt::sim
