// One poll of one meter: read, decode, convert, validate (see meter_poller.h).
#include "meter_poller.h"

#include <cassert>
#include <cmath>
#include <limits>
#include <span>

#include "greentwin/register_codec.h"
#include "log.h"

namespace gt::ingest {

MeterPoller::MeterPoller(const Meter& meter, ValidationRules rules, UtcClock clock)
    : meter_(meter),
      target_{meter.unit_id, std::chrono::milliseconds(meter.timeout_ms)},
      clock_(std::move(clock)) {
  assert(meter.tmpl != nullptr);
  // DL/T 645 and CJ/T 188 points are read by data identifier; only registers get a plan.
  if (meter.protocol != Protocol::Dlt645 && meter.protocol != Protocol::Cjt188) {
    setPlan(planReads(meter.tmpl->points));
  }
  if (!rules.rated_kw) rules.rated_kw = meter.rated_kw;
  for (const RegisterPoint& p : meter.tmpl->points) {
    validators_.emplace_back(p, rules);
    point_ids_.push_back(pointId(meter, p));
  }
}

void MeterPoller::resumeCounter(std::size_t point, std::optional<double> mark, TimeMs mark_t,
                                const std::vector<CounterEvent>& events) {
  PointValidator& v = validators_.at(point);
  if (mark) v.resume(*mark, mark_t);
  for (const CounterEvent& e : events) {
    if (!mark || e.t > mark_t) v.addReplacement(e);
  }
}

void MeterPoller::addReplacement(std::size_t point, const CounterEvent& event) {
  validators_.at(point).addReplacement(event);
}

void MeterPoller::setPlan(ReadPlan plan) {
  plan_ = std::move(plan);
  read_points_.assign(plan_.reads.size(), {});
  for (std::size_t i = 0; i < plan_.slots.size(); ++i) {
    read_points_[plan_.slots[i].read].push_back(static_cast<uint32_t>(i));
  }
}

void MeterPoller::count(const LinkError& error) {
  switch (error.kind) {
    case LinkErrorKind::Timeout:
      ++counters_.timeouts;
      break;
    case LinkErrorKind::Connection:
      ++counters_.connection_errors;
      break;
    case LinkErrorKind::Exception:
      ++counters_.exceptions;
      break;
    case LinkErrorKind::BadFrame:
      ++counters_.bad_frames;
      break;
  }
}

PollOutcome MeterPoller::unreachable(const LinkError& why) {
  count(why);
  PollOutcome out;
  out.error = why;
  out.batch.meter = meter_.id;
  out.batch.equipment = meter_.equipment;
  out.batch.area = meter_.area;
  out.t = clock_();
  return out;
}

void MeterPoller::record(PollOutcome& out, std::size_t i, std::optional<double> value, TimeMs t) {
  const RegisterPoint& p = meter_.tmpl->points[i];
  const uint32_t q = validators_[i].check(value, t);
  out.flags |= q;
  if ((q & ~(quality::kClockSuspect | quality::kRollover)) != 0) {
    if (!out.flagged.empty()) out.flagged += ", ";
    out.flagged += p.name + " " + qualityNames(q);
  }
  out.batch.values.push_back(wire::PointValue{
      point_ids_[i], p.canonical, t, value ? *value : std::numeric_limits<double>::quiet_NaN(), q});
  out.points.push_back(static_cast<uint32_t>(i));
}

PollOutcome MeterPoller::pollValues(MeterLink& link) {
  PollOutcome out;
  out.batch.meter = meter_.id;
  out.batch.equipment = meter_.equipment;
  out.batch.area = meter_.area;
  const auto& points = meter_.tmpl->points;
  out.batch.values.reserve(points.size());
  out.points.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const RegisterPoint& p = points[i];
    assert(p.di.has_value());
    ValueResult result =
        link.readValue(target_, ValueRead{meter_.address, *p.di, p.field, meter_.meter_type});
    const TimeMs t = clock_();
    if (!result.ok()) {
      out.error = result.error();
      count(*out.error);
      break;
    }
    record(out, i, result.value() * p.unit_factor + p.unit_offset, t);
  }
  out.t = clock_();
  if (out.ok()) ++counters_.polls_ok;
  return out;
}

void MeterPoller::watchClock(int utc_offset_minutes, std::chrono::milliseconds every) {
  if (meter_.protocol != Protocol::Dlt645) return;
  meter_clock_.emplace(utc_offset_minutes, every);
  counters_.clock_watched = true;
}

void MeterPoller::readClock(MeterLink& link) {
  // Not part of the poll: a meter without a clock identifier still gives its readings, and its
  // counters count polls only.
  const std::optional<LinkError> error =
      meter_clock_->read(link, target_, meter_.address, clock_, std::chrono::steady_clock::now());
  if (error) {
    ++counters_.clock_reads_failed;
    logDebug("meter ", meter_.id, ": clock not read (", error->detail,
             "); trying again in a minute at most");
    return;
  }
  const double offset = *meter_clock_->offsetS();
  const double limit = meter_.clock_alarm_s;
  const bool was_off = counters_.clock_offset_s && std::abs(*counters_.clock_offset_s) > limit;
  const bool off = std::abs(offset) > limit;
  counters_.clock_offset_s = offset;
  ++counters_.clock_reads_ok;
  counters_.clock_read_t = *meter_clock_->readAt();
  if (off) ++counters_.clocks_off;
  if (off && !was_off) {
    logWarn("meter ", meter_.id, " clock is ", offset > 0 ? "ahead of" : "behind",
            " the daemon's by ", std::abs(offset), " s (limit ", limit,
            " s): set the meter's clock; readings keep the daemon's sample times");
  } else if (!off && was_off) {
    logInfo("meter ", meter_.id, " clock back within ", limit, " s (offset ", offset, " s)");
  }
}

PollOutcome MeterPoller::poll(MeterLink& link) {
  if (meter_.protocol == Protocol::Dlt645 || meter_.protocol == Protocol::Cjt188) {
    PollOutcome out = pollValues(link);
    if (out.ok() && meter_clock_ && meter_clock_->due(std::chrono::steady_clock::now())) {
      readClock(link);
    }
    return out;
  }
  PollOutcome out;
  out.batch.meter = meter_.id;
  out.batch.equipment = meter_.equipment;
  out.batch.area = meter_.area;
  const auto& points = meter_.tmpl->points;
  out.batch.values.reserve(points.size());
  out.points.reserve(points.size());

  for (std::size_t r = 0; r < plan_.reads.size(); ++r) {
    ReadResult result = link.read(target_, plan_.reads[r]);
    // Sample time: when the answer arrived, not when the poll was due.
    const TimeMs t = clock_();
    if (!result.ok()) {
      out.error = result.error();
      count(*out.error);
      if (out.error->kind == LinkErrorKind::Exception && out.error->exception == 2 &&
          plan_.spans_gaps) {
        // Exception 02 on a request that spans unused registers: this meter does not map the
        // gap. Read it gap-free from the next poll on.
        setPlan(planReads(points, ReadPlanOptions{125, 0}));
        logWarn("meter ", meter_.id, " refuses reads across unused registers; reading its ",
                points.size(), " points in ", plan_.reads.size(), " requests from now on");
      }
      break;
    }
    const std::vector<uint16_t>& regs = result.registers();
    for (const uint32_t i : read_points_[r]) {
      const RegisterPoint& p = points[i];
      const auto words = std::span<const uint16_t>(regs).subspan(
          plan_.slots[i].offset, static_cast<std::size_t>(registerCount(p.type)));
      std::optional<double> value;
      if (auto raw = decodeRegisters(words, p.type, p.order)) {
        value = (*raw * p.scale) * p.unit_factor + p.unit_offset;
      }
      record(out, i, value, t);
    }
  }
  out.t = clock_();
  if (out.ok()) ++counters_.polls_ok;
  return out;
}

}  // namespace gt::ingest
