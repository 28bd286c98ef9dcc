// The greedy priority-then-nearest label placement described in label_layout.h.
#include "label_layout.h"

#include <algorithm>
#include <numeric>

namespace gt::twin {

bool ScreenRect::overlaps(const ScreenRect& other, float gap) const {
  return min.x < other.max.x + gap && other.min.x < max.x + gap && min.y < other.max.y + gap &&
         other.min.y < max.y + gap;
}

bool ScreenRect::contains(const glm::vec2& p) const {
  return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
}

namespace {

// The box above the anchor after `nudges` steps, or nullopt when it would leave the screen.
std::optional<ScreenRect> boxAbove(const glm::vec2& anchor, const glm::vec2& size, int nudges,
                                   const LabelLayoutParams& params) {
  if (size.x <= 0.f || size.y <= 0.f || size.x > params.viewport.x) return std::nullopt;
  const float step = params.nudge_step > 0.f ? params.nudge_step : size.y + params.gap;
  const float bottom = anchor.y - params.leader - step * static_cast<float>(nudges);
  const float top = bottom - size.y;
  if (top < 0.f) return std::nullopt;
  float left = anchor.x - size.x * 0.5f;
  left = std::clamp(left, 0.f, params.viewport.x - size.x);
  return ScreenRect{{left, top}, {left + size.x, bottom}};
}

bool isFree(const ScreenRect& box, const std::vector<ScreenRect>& taken,
            const LabelLayoutParams& params) {
  for (const ScreenRect& other : taken) {
    if (box.overlaps(other, params.gap)) return false;
  }
  for (const ScreenRect& other : params.blocked) {
    if (box.overlaps(other)) return false;
  }
  for (const ScreenRect& other : params.keep_clear) {
    if (box.overlaps(other)) return false;
  }
  return true;
}

std::optional<ScreenRect> firstFreeBox(const glm::vec2& anchor, const glm::vec2& size,
                                       const std::vector<ScreenRect>& taken,
                                       const LabelLayoutParams& params) {
  for (int nudges = 0; nudges <= params.max_nudges; ++nudges) {
    auto box = boxAbove(anchor, size, nudges, params);
    if (!box) return std::nullopt;  // higher steps only go further off the top
    if (isFree(*box, taken, params)) return box;
  }
  return std::nullopt;
}

}  // namespace

std::vector<LabelPlacement> layoutLabels(const std::vector<LabelRequest>& requests,
                                         const LabelLayoutParams& params) {
  std::vector<LabelPlacement> placements(requests.size());
  std::vector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (requests[a].priority != requests[b].priority) {
      return requests[a].priority > requests[b].priority;
    }
    return requests[a].depth < requests[b].depth;
  });

  const ScreenRect screen{{0.f, 0.f}, params.viewport};
  std::vector<ScreenRect> taken;
  taken.reserve(requests.size());
  for (size_t index : order) {
    const LabelRequest& request = requests[index];
    if (!request.anchor || !screen.contains(*request.anchor)) continue;
    bool blocked_anchor = false;
    for (const ScreenRect& area : params.blocked) blocked_anchor |= area.contains(*request.anchor);
    if (blocked_anchor) continue;  // a label pointing under a panel points at nothing visible

    LabelPlacement& placement = placements[index];
    if (auto box = firstFreeBox(*request.anchor, request.size, taken, params)) {
      placement = {true, false, *box};
    } else if (auto compact = firstFreeBox(*request.anchor, request.compact_size, taken, params)) {
      placement = {true, true, *compact};
    } else {
      continue;
    }
    taken.push_back(placement.box);
  }
  return placements;
}

}  // namespace gt::twin
