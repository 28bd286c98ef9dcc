// Decluttering of 3D-anchored labels on the screen. Pure: takes projected anchors and text
// sizes, returns where each label goes, or that it is hidden. The twin measures text with
// ImGui and draws; this file only decides.
//
// Rule: higher priority first (the twin gives alarms and offline equipment priority: they are
// what the viewer is for), then nearest first (a label in front matters more and covers what
// is behind it in the scene too). Each label sits above its anchor at the end of a short leader; if
// its box overlaps a label already placed, it is nudged upwards a few steps; if it still overlaps,
// its compact form is tried the same way; if that overlaps too, it is hidden. Placed boxes
// never overlap one another, the blocked rectangles (the side panel) nor the keep-clear
// rectangles (the machines themselves, whose tint must stay visible).
#pragma once

#include <optional>
#include <vector>

#include <glm/glm.hpp>

namespace gt::twin {

struct ScreenRect {
  glm::vec2 min{0.f}, max{0.f};  // pixels from the top-left corner
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
  // True when the rectangles, each grown by `gap` / 2, share any area.
  bool overlaps(const ScreenRect& other, float gap = 0.f) const;
  bool contains(const glm::vec2& p) const;
};

struct LabelRequest {
  std::optional<glm::vec2> anchor;  // projected anchor; nullopt when behind the camera
  float depth = 0.f;                // view depth of the anchor, metres (nearer wins)
  int priority = 0;                 // higher is placed first, before depth is considered
  glm::vec2 size{0.f};              // full label box, pixels
  glm::vec2 compact_size{0.f};      // compact form; {0,0} when there is none
};

struct LabelPlacement {
  bool visible = false;
  bool compact = false;
  ScreenRect box;  // meaningful when visible
};

struct LabelLayoutParams {
  glm::vec2 viewport{0.f};             // pixels
  float leader = 24.f;                 // gap between the anchor and the bottom of the box, pixels
  float nudge_step = 0.f;              // upward step when nudging; 0: the box's own height
  int max_nudges = 3;                  // tries after the first position
  float gap = 3.f;                     // minimum distance between boxes, pixels
  std::vector<ScreenRect> blocked;     // areas no label may cover nor point into (panels)
  std::vector<ScreenRect> keep_clear;  // areas no label may cover; anchors may lie in them
};

// One placement per request, in the requests' order. Anchors behind the camera or outside
// the viewport are not placed. Boxes are kept inside the viewport horizontally (the leader
// slants) and never cross its top edge.
std::vector<LabelPlacement> layoutLabels(const std::vector<LabelRequest>& requests,
                                         const LabelLayoutParams& params);

}  // namespace gt::twin
