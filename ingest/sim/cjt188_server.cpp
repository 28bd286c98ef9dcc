// Simulated CJ/T 188-2004 meters on a serial line or a TCP port (see cjt188_server.h).
#include "cjt188_server.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "knot_series.h"
#include "load_profile.h"
#include "point_quantity.h"
#include "site_time.h"

namespace gt::sim {
namespace {

constexpr size_t kHeader = 11;  // 68 T A0..A6 C L
constexpr uint8_t kAnyType = 0xAA;
// Heat carried per m3 of water and kelvin of temperature drop: 4.187 kJ/(kg K) x 1000 kg/m3.
constexpr double kKwhPerM3K = 1.163;
constexpr double kDeltaT = 20.0;        // K between supply and return at design load
constexpr double kDailySwing = 0.3;     // +-30 % around the mean over a day
constexpr double kSettlementDays = 30;  // the settlement date repeats every 30 days here

// The integral over `hours` since the epoch of mean x (1 + swing x sin(2 pi h / 24)): exact, so
// totals are pure functions of time, and growing, since the rate never drops below zero.
double integratedTotal(double mean, double hours) {
  const double w = 2 * std::numbers::pi / 24;
  return mean * (hours + kDailySwing / w * (1 - std::cos(w * hours)));
}

double rateAt(double mean, double hours) {
  return mean * (1 + kDailySwing * std::sin(2 * std::numbers::pi / 24 * hours));
}

// A per-meter mean rate, so two meters on a line do not read alike: heat kW or volume m3/h.
double meanRate(const Meter& meter, size_t index) {
  const double spread = 1.0 + 0.15 * static_cast<double>(index % 5);
  if (cjt188::isHeatType(meter.meter_type)) return 60.0 * spread;
  if (meter.meter_type == cjt188::kGas) return 25.0 * spread;
  return 1.5 * spread;
}

// The reading each meter already had at the epoch (meters are not new in 2020).
double initialReading(size_t index) {
  return 1000.0 * static_cast<double>(1 + index % 7);
}

// Totals round to the format's last digit; values that outgrow six integer digits roll over
// as a real register does.
double fitTotal(double value) {
  return std::fmod(value, 1e6);
}

std::string meterClock(TimeMs t) {
  std::string text = formatLocalTime(t);  // 2026-06-02T10:15:00+08:00
  text = text.substr(0, 19);
  text[10] = ' ';
  return text;
}

}  // namespace

Cjt188Server::Cjt188Server(uint64_t seed, uint64_t garbage_seed, const SimulatedClock& clock,
                           Log log)
    : log_(std::move(log)), seed_(seed), clock_(clock), garbage_random_(garbage_seed) {}

cjt188::MeteringData Cjt188Server::modelled(const Meter& meter, size_t index, TimeMs t,
                                            uint64_t seed) {
  const double hours = static_cast<double>(t - kIntegrationEpoch) / kHourMs;
  const double settled = std::floor(hours / (24 * kSettlementDays)) * 24 * kSettlementDays;
  const double mean = meanRate(meter, index);
  cjt188::MeteringData d;
  d.meter_type = meter.meter_type;
  d.real_time = meterClock(t);
  if (!cjt188::isHeatType(meter.meter_type)) {
    d.current_flow = fitTotal(initialReading(index) + integratedTotal(mean, hours));
    d.settlement_flow = fitTotal(initialReading(index) + integratedTotal(mean, settled));
    return d;
  }
  // Heat: power follows the daily swing; the water flow carries it at kDeltaT.
  const double per_m3 = kKwhPerM3K * kDeltaT;
  d.current_heat = fitTotal(initialReading(index) * 10 + integratedTotal(mean, hours));
  d.settlement_heat = fitTotal(initialReading(index) * 10 + integratedTotal(mean, settled));
  d.heat_power = rateAt(mean, hours);
  d.flow_rate = *d.heat_power / per_m3;
  d.current_flow = fitTotal(initialReading(index) + integratedTotal(mean, hours) / per_m3);
  // Weather-compensated supply: hotter when it is cold outside.
  const double outdoor = outdoorTemperature(t, seed);
  const double supply = std::clamp(75.0 - 0.6 * outdoor, 45.0, 90.0);
  const bool cooling = meter.meter_type == cjt188::kCooling;
  d.supply_temp = cooling ? 7.0 : supply;
  d.return_temp = cooling ? 7.0 + kDeltaT / 2 : supply - kDeltaT;
  d.working_hours = std::floor(std::fmod(hours, 1e6));
  return d;
}

std::unique_ptr<Cjt188Server> Cjt188Server::start(
    const Meter& first, const std::vector<size_t>& meters, const SitePhysics& physics,
    const FaultBoard& faults, const SimulatedClock& clock, uint64_t seed, Log log) {
  std::unique_ptr<Cjt188Server> server(new Cjt188Server(
      seed, seed ^ std::hash<std::string>{}(linkAddress(first)), clock, std::move(log)));
  server->where_ = linkAddress(first);
  for (size_t index : meters) {
    const Meter& m = physics.meter(index);
    Station s{m.address, m.meter_type, &m, index, FaultedValues(index, physics, faults, clock),
              {},        std::nullopt};
    for (const RegisterPoint& p : m.tmpl->points) {
      s.from_physics.push_back(quantityOf(physics.role(index), p) != Quantity::Unmodelled);
    }
    server->stations_.push_back(std::move(s));
  }
  Cjt188Server* self = server.get();
  server->line_ = FramedServer::start(
      first, kHeader,
      [](std::span<const uint8_t> frame) { return cjt188::decodeFrame(frame).ok(); },
      [self](std::span<const uint8_t> request) { return self->reply(request); }, self->log_);
  return server;
}

Cjt188Server::~Cjt188Server() = default;

cjt188::MeteringData Cjt188Server::show(Station& station) {
  if (station.values.fault() == MeterFault::Stuck && station.last) return *station.last;
  cjt188::MeteringData d = modelled(*station.meter, station.index, clock_.now(), seed_);
  // Points the plant model knows override the smooth model, so the stuck and regress faults
  // and the plant's own flows show through.
  const std::vector<double>& now = station.values.now();
  const auto& points = station.meter->tmpl->points;
  // Keep the settlement-date volume behind the current one by the model's ratio when the
  // plant model supplies the current volume.
  const double settled_share =
      d.current_flow && d.settlement_flow ? *d.settlement_flow / *d.current_flow : 1.0;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!station.from_physics[i]) continue;
    const std::string& f = points[i].field;
    const double v = std::max(0.0, now[i]);
    if (f == "current_flow") {
      d.current_flow = fitTotal(v);
      if (d.settlement_flow) d.settlement_flow = *d.current_flow * settled_share;
    }
    if (f == "settlement_flow") d.settlement_flow = fitTotal(v);
    if (f == "flow_rate") d.flow_rate = v;
    if (f == "supply_temp") d.supply_temp = v;
    if (f == "return_temp") d.return_temp = v;
  }
  station.last = d;
  return d;
}

std::vector<uint8_t> Cjt188Server::garbage(const Station& station) {
  cjt188::MeteringData d = modelled(*station.meter, station.index, clock_.now(), seed_);
  const auto frame = cjt188::encodeMeteringReply(station.type, station.address, d);
  return garbledReply(garbage_random_, frame.ok() ? frame.value() : std::vector<uint8_t>{});
}

std::vector<uint8_t> Cjt188Server::reply(std::span<const uint8_t> request) {
  const auto decoded = cjt188::decodeFrame(request);
  if (!decoded.ok()) return {};  // noise or a checksum error: a real meter stays silent
  const cjt188::Frame& frame = decoded.value();
  if (frame.control != cjt188::kControlRead) return {};  // replies (echoes), other functions

  Station* station = nullptr;
  if (frame.address.find("AA") != std::string::npos) {
    // Wildcard reads are for a meter alone on its link: with several, all would answer.
    if (stations_.size() == 1) station = &stations_.front();
  } else {
    for (Station& s : stations_) {
      if (s.address == frame.address) station = &s;
    }
  }
  if (station == nullptr) return {};
  if (frame.meter_type != station->type && frame.meter_type != kAnyType) return {};

  const MeterFault fault = station->values.fault();
  if (fault == MeterFault::Offline) return {};
  const uint8_t ser = frame.data.size() >= 3 ? frame.data[2] : 0;
  const auto di = cjt188::frameDi(frame, cjt188::kDiMeteringData);
  if (frame.data.size() != 3 || di != cjt188::kDiMeteringData) {
    // Other identifiers (prices, valve control, ...) are not simulated.
    const auto abnormal =
        cjt188::encodeAbnormalReply(station->type, station->address, di.value_or(0), ser);
    return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
  }
  if (fault == MeterFault::Garbage) return garbage(*station);

  cjt188::MeteringData d = show(*station);
  d.ser = ser;
  const auto normal = cjt188::encodeMeteringReply(station->type, station->address, d);
  if (normal.ok()) return normal.value();
  log_(where_ + ": meter " + station->address + " cannot show its values: " + normal.error());
  const auto abnormal = cjt188::encodeAbnormalReply(station->type, station->address, *di, ser);
  return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
}

}  // namespace gt::sim
