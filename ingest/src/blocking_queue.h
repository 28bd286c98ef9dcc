// A multi-producer queue with a blocking, deadline-bounded pop: how threads hand work to one
// another (gateway channels -> dispatcher -> store writer / publisher). Unbounded on purpose:
// the producers are meters polled at a fixed rate, so growth means a stalled consumer, which
// the consumers' own logging reports; dropping readings silently would be worse.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace gt::ingest {

template <typename T>
class BlockingQueue {
 public:
  void push(T item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  // Waits until an item is there or `deadline` passes; nullopt on timeout.
  template <typename Clock, typename Duration>
  std::optional<T> popUntil(std::chrono::time_point<Clock, Duration> deadline) {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_until(lock, deadline, [&] { return !items_.empty(); })) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  std::optional<T> tryPop() {
    std::lock_guard lock(mutex_);
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Everything queued now, oldest first.
  std::deque<T> takeAll() {
    std::lock_guard lock(mutex_);
    std::deque<T> all;
    all.swap(items_);
    return all;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
};

}  // namespace gt::ingest
