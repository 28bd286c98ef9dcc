// When to poll a meter next, and when to retry a lost gateway. Pure: times are parameters
// (monotonic clock), so the rules are testable without waiting.
//
// PollSchedule keeps a meter on a fixed grid (start + k * interval): a late poll does not push
// the next one later (no drift), and polls missed while the channel was busy are skipped, not
// fired in a burst. After `backoff_after` failed polls in a row the meter leaves the grid and is
// retried on a doubling delay capped at `max_backoff`, so a dead meter costs its gateway one
// timeout per backoff period instead of one per interval; its first good answer puts it back
// on its interval.
#pragma once

#include <chrono>

namespace gt::ingest {

using SteadyTime = std::chrono::steady_clock::time_point;
using Millis = std::chrono::milliseconds;

// Doubling delay between `initial` and `cap`: 0.5 s, 1 s, 2 s, ... 30 s.
class Backoff {
 public:
  explicit Backoff(Millis initial = Millis(500), Millis cap = Millis(30'000))
      : initial_(initial), cap_(cap), next_(initial) {}
  Millis next();  // the delay to wait now; doubles the one after
  void reset() { next_ = initial_; }

 private:
  Millis initial_, cap_, next_;
};

class PollSchedule {
 public:
  PollSchedule(Millis interval, SteadyTime first_due, int backoff_after = 3,
               Millis max_backoff = Millis(30'000));

  SteadyTime due() const { return due_; }
  int failuresInARow() const { return failures_; }
  // The poll that was due finished at `now`.
  void succeeded(SteadyTime now);
  void failed(SteadyTime now);
  // Polls skipped because the channel was busy when they fell due (overruns), since start.
  long skipped() const { return skipped_; }

 private:
  void nextOnGrid(SteadyTime now);

  Millis interval_;
  SteadyTime due_;
  int backoff_after_;
  Backoff backoff_;
  int failures_ = 0;
  long skipped_ = 0;
};

}  // namespace gt::ingest
