// A per-frame deletion queue (vkguide): owners that the GPU may still be reading (the previous
// model's buffers, an old swapchain) are parked here and released once that frame's fence has
// signalled, instead of stalling the whole device.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace gt::engine {

class DeletionQueue {
 public:
  // Takes ownership of a move-only owner; it is destroyed at the next flush().
  template <typename Owner>
  void defer(Owner&& owner) {
    // shared_ptr<void> remembers the real type, so the owner's destructor runs at flush.
    parked_.push_back(std::make_shared<std::decay_t<Owner>>(std::forward<Owner>(owner)));
  }
  void flush() { parked_.clear(); }
  bool empty() const { return parked_.empty(); }

 private:
  std::vector<std::shared_ptr<void>> parked_;
};

}  // namespace gt::engine
