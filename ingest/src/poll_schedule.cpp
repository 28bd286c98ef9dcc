// Poll deadlines and retry delays (see poll_schedule.h).
#include "poll_schedule.h"

#include <algorithm>
#include <cassert>

namespace gt::ingest {

Millis Backoff::next() {
  const Millis now = next_;
  next_ = std::min(cap_, next_ * 2);
  return now;
}

PollSchedule::PollSchedule(Millis interval, SteadyTime first_due, int backoff_after,
                           Millis max_backoff)
    : interval_(interval),
      due_(first_due),
      backoff_after_(backoff_after),
      backoff_(std::min(interval * 2, max_backoff), max_backoff) {
  assert(interval.count() > 0 && backoff_after >= 1);
}

void PollSchedule::nextOnGrid(SteadyTime now) {
  due_ += interval_;
  if (due_ <= now) {
    const auto behind = (now - due_) / interval_ + 1;
    skipped_ += static_cast<long>(behind);
    due_ += behind * interval_;
  }
}

void PollSchedule::succeeded(SteadyTime now) {
  if (failures_ >= backoff_after_) {
    due_ = now + interval_;  // back from backoff: a new grid from here
  } else {
    nextOnGrid(now);
  }
  failures_ = 0;
  backoff_.reset();
}

void PollSchedule::failed(SteadyTime now) {
  ++failures_;
  if (failures_ >= backoff_after_) {
    due_ = now + backoff_.next();
  } else {
    nextOnGrid(now);
  }
}

}  // namespace gt::ingest
