// Simulated DL/T 645-2007 meters on a serial line or a TCP port (see dlt645_server.h).
#include "dlt645_server.h"

#include <algorithm>
#include <cmath>

#include "greentwin/dlt645.h"
#include "site_time.h"

namespace gt::sim {
namespace {

constexpr size_t kHeader = 10;  // 68 A0..A5 68 C L

// DL/T 645-2007 §4.2: an "AA" byte in a request's address matches any meter's byte.
bool addressMatches(const std::string& request, const std::string& meter) {
  for (size_t i = 0; i + 1 < request.size() && i + 1 < meter.size(); i += 2) {
    if (request.compare(i, 2, "AA") != 0 && request.compare(i, 2, meter, i, 2) != 0) return false;
  }
  return request.size() == meter.size();
}

// The value a meter's register shows for `value` (in the identifier's unit): totals roll over
// past the format's last digit as a real register does; instant values saturate.
double fitFormat(const dlt645::DataIdentifier& d, double value, bool cumulative) {
  const double scale = std::pow(10.0, d.decimals);
  // Signed formats give the top bit of the top byte to the sign: the top digit is at most 7.
  const double digits_range = std::pow(10.0, 2 * d.bytes);
  const double range = (d.is_signed ? digits_range * 0.8 : digits_range) / scale;
  const double largest = range - 1.0 / scale;
  if (cumulative && value >= 0.0) {
    const double wrapped = std::fmod(value, range);
    return std::min(wrapped, largest);
  }
  return std::clamp(value, d.is_signed ? -largest : 0.0, largest);
}

}  // namespace

Dlt645Server::Dlt645Server(uint64_t seed, Log log, const FaultBoard& faults)
    : log_(std::move(log)), faults_(faults), garbage_random_(seed) {}

std::unique_ptr<Dlt645Server> Dlt645Server::start(
    const Meter& first, const std::vector<size_t>& meters, const SitePhysics& physics,
    const FaultBoard& faults, const SimulatedClock& clock, uint64_t seed, Log log) {
  std::unique_ptr<Dlt645Server> server(new Dlt645Server(
      seed ^ std::hash<std::string>{}(linkAddress(first)), std::move(log), faults));
  for (size_t index : meters) {
    const Meter& m = physics.meter(index);
    server->stations_.push_back(
        Station{index, m.address, m.tmpl, FaultedValues(index, physics, faults, clock)});
  }
  Dlt645Server* self = server.get();
  server->line_ = FramedServer::start(
      first, kHeader,
      [](std::span<const uint8_t> frame) { return dlt645::decodeFrame(frame).ok(); },
      [self](std::span<const uint8_t> request) { return self->reply(request); }, self->log_);
  return server;
}

Dlt645Server::~Dlt645Server() = default;

std::vector<uint8_t> Dlt645Server::clockReply(const Station& station, uint32_t di) const {
  const TimeMs local = nowUtcMs() + kSiteUtcOffsetMs + faults_.clockSkewMs(station.index);
  const auto [date, time] = dlt645::clockValues(local);
  const auto normal =
      dlt645::encodeReadReply(station.address, di, di == dlt645::kDiDateWeek ? date : time);
  return normal.ok() ? normal.value() : std::vector<uint8_t>{};
}

std::vector<uint8_t> Dlt645Server::garbage(const Station& station, uint32_t di) {
  const auto frame = dlt645::encodeReadReply(station.address, di, 0.0);
  return garbledReply(garbage_random_, frame.ok() ? frame.value() : std::vector<uint8_t>{});
}

std::vector<uint8_t> Dlt645Server::reply(std::span<const uint8_t> request) {
  const auto decoded = dlt645::decodeFrame(request);
  if (!decoded.ok()) return {};  // noise or a checksum error: a real meter stays silent
  const dlt645::Frame& frame = decoded.value();
  if (frame.control != dlt645::kControlRead) return {};  // replies (echoes), other functions

  Station* station = nullptr;
  const bool everyone =
      frame.address == dlt645::kBroadcastAddress || frame.address.find("AA") != std::string::npos;
  if (everyone) {
    // Broadcast and wildcard reads are for a meter alone on its link: with several, every
    // one would answer at once.
    if (stations_.size() == 1 && (frame.address == dlt645::kBroadcastAddress ||
                                  addressMatches(frame.address, stations_.front().address))) {
      station = &stations_.front();
    }
  } else {
    for (Station& s : stations_) {
      if (s.address == frame.address) station = &s;
    }
  }
  if (station == nullptr) return {};

  const MeterFault fault = station->values.fault();
  if (fault == MeterFault::Offline) return {};
  if (frame.data.size() != 4) {
    // Reads of several blocks, or with a time window, are not simulated.
    const auto abnormal = dlt645::encodeAbnormalReply(station->address, 0x02);
    return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
  }
  const uint32_t di =
      static_cast<uint32_t>(frame.data[0]) | static_cast<uint32_t>(frame.data[1]) << 8 |
      static_cast<uint32_t>(frame.data[2]) << 16 | static_cast<uint32_t>(frame.data[3]) << 24;
  if (fault == MeterFault::Garbage) return garbage(*station, di);

  if (di == dlt645::kDiDateWeek || di == dlt645::kDiTime) return clockReply(*station, di);

  const auto& points = station->tmpl->points;
  const auto it = std::find_if(points.begin(), points.end(),
                               [&](const RegisterPoint& p) { return p.di == di; });
  const dlt645::DataIdentifier* format = dlt645::findDataIdentifier(di);
  if (it == points.end() || format == nullptr) {
    // Error byte bit 1: no data requested (the meter does not have this identifier).
    const auto abnormal = dlt645::encodeAbnormalReply(station->address, 0x02);
    return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
  }
  const double canonical = station->values.now()[static_cast<size_t>(it - points.begin())];
  const double in_unit = (canonical - it->unit_offset) / it->unit_factor;
  const auto normal = dlt645::encodeReadReply(
      station->address, di, fitFormat(*format, in_unit, it->kind == PointKind::Cumulative));
  if (normal.ok()) return normal.value();
  const auto abnormal = dlt645::encodeAbnormalReply(station->address, 0x01);  // other error
  return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
}

}  // namespace gt::sim
