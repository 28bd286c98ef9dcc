// LabelLayout: behind-camera anchors are not placed, overlapping labels are nudged apart or
// dropped, placed boxes never overlap, and the nearest label wins the contested spot.
#include <catch2/catch.hpp>

#include <vector>

#include "label_layout.h"

using gt::twin::LabelLayoutParams;
using gt::twin::LabelPlacement;
using gt::twin::LabelRequest;
using gt::twin::layoutLabels;
using gt::twin::ScreenRect;

namespace {

LabelLayoutParams params(float width = 1280.f, float height = 720.f) {
  LabelLayoutParams p;
  p.viewport = {width, height};
  p.leader = 20.f;
  p.gap = 2.f;
  p.max_nudges = 3;
  return p;
}

LabelRequest label(float x, float y, float depth, glm::vec2 size = {160.f, 24.f},
                   glm::vec2 compact = {60.f, 24.f}) {
  LabelRequest r;
  r.anchor = glm::vec2(x, y);
  r.depth = depth;
  r.size = size;
  r.compact_size = compact;
  return r;
}

void requireNoOverlap(const std::vector<LabelPlacement>& placements) {
  for (size_t i = 0; i < placements.size(); ++i) {
    for (size_t j = i + 1; j < placements.size(); ++j) {
      if (!placements[i].visible || !placements[j].visible) continue;
      INFO("labels " << i << " and " << j);
      REQUIRE_FALSE(placements[i].box.overlaps(placements[j].box));
    }
  }
}

}  // namespace

TEST_CASE("a lone label sits centred above its anchor at the end of the leader") {
  const auto placed = layoutLabels({label(400.f, 300.f, 10.f)}, params());
  REQUIRE(placed.size() == 1);
  REQUIRE(placed[0].visible);
  REQUIRE_FALSE(placed[0].compact);
  CHECK(placed[0].box.min.x == Approx(320.f));
  CHECK(placed[0].box.max.x == Approx(480.f));
  CHECK(placed[0].box.max.y == Approx(280.f));
  CHECK(placed[0].box.min.y == Approx(256.f));
}

TEST_CASE("labels behind the camera or off screen are not placed") {
  LabelRequest behind = label(400.f, 300.f, 5.f);
  behind.anchor.reset();
  const auto placed =
      layoutLabels({behind, label(-50.f, 300.f, 5.f), label(400.f, 900.f, 5.f)}, params());
  for (const LabelPlacement& p : placed) CHECK_FALSE(p.visible);
}

TEST_CASE("overlapping labels are nudged apart, nearest keeps the first spot") {
  // Same anchor: the farther one (index 0) must move; the nearer one (index 1) stays put.
  const auto placed =
      layoutLabels({label(600.f, 400.f, 30.f), label(600.f, 400.f, 10.f)}, params());
  REQUIRE(placed[0].visible);
  REQUIRE(placed[1].visible);
  CHECK(placed[1].box.max.y == Approx(380.f));
  CHECK(placed[0].box.max.y < placed[1].box.min.y);
  requireNoOverlap(placed);
}

TEST_CASE("a crowd of labels on one spot never overlaps: extras go compact or are hidden") {
  std::vector<LabelRequest> crowd;
  for (int i = 0; i < 20; ++i)
    crowd.push_back(label(640.f + static_cast<float>(i), 500.f, 10.f + static_cast<float>(i)));
  const auto placed = layoutLabels(crowd, params());
  requireNoOverlap(placed);
  int visible = 0, hidden = 0;
  for (const LabelPlacement& p : placed) (p.visible ? visible : hidden) += 1;
  CHECK(visible >= 4);  // the first position and three nudges at least
  CHECK(hidden > 0);
  CHECK(placed[0].visible);  // nearest always gets a place
  CHECK_FALSE(placed[0].compact);
}

TEST_CASE("when the full label cannot fit, the compact form is used") {
  LabelLayoutParams p = params();
  p.max_nudges = 0;
  // A wide near label blocks the spot; the far one's full form overlaps, its compact form
  // (narrow, off to the right of the first) fits.
  const auto placed = layoutLabels({label(400.f, 300.f, 5.f, {200.f, 24.f}),
                                    label(560.f, 300.f, 20.f, {200.f, 24.f}, {40.f, 24.f})},
                                   p);
  REQUIRE(placed[0].visible);
  REQUIRE(placed[1].visible);
  CHECK(placed[1].compact);
  requireNoOverlap(placed);
}

TEST_CASE("labels keep out of blocked areas and inside the screen") {
  LabelLayoutParams p = params();
  p.blocked.push_back(ScreenRect{{0.f, 0.f}, {380.f, 720.f}});
  const auto placed = layoutLabels({label(200.f, 300.f, 5.f),   // anchor under the panel
                                    label(420.f, 300.f, 5.f),   // box would reach under it
                                    label(1270.f, 300.f, 5.f),  // near the right edge
                                    label(900.f, 30.f, 5.f)},   // no room above
                                   p);
  CHECK_FALSE(placed[0].visible);
  if (placed[1].visible) CHECK(placed[1].box.min.x >= 380.f);
  REQUIRE(placed[2].visible);
  CHECK(placed[2].box.max.x <= 1280.f);
  CHECK_FALSE(placed[3].visible);
}

TEST_CASE("a higher priority label takes the spot before a nearer one") {
  LabelRequest alarm = label(600.f, 400.f, 50.f);
  alarm.priority = 2;
  const auto placed = layoutLabels({label(600.f, 400.f, 10.f), alarm}, params());
  REQUIRE(placed[1].visible);
  CHECK(placed[1].box.max.y == Approx(380.f));
  REQUIRE(placed[0].visible);
  CHECK(placed[0].box.max.y < placed[1].box.min.y);
}

TEST_CASE("labels do not cover keep-clear areas, but anchors may lie in them") {
  LabelLayoutParams p = params();
  // A machine's centre right where the label would go, and another around the anchor itself.
  p.keep_clear.push_back(ScreenRect{{590.f, 360.f}, {610.f, 375.f}});
  p.keep_clear.push_back(ScreenRect{{595.f, 395.f}, {605.f, 405.f}});
  const auto placed = layoutLabels({label(600.f, 400.f, 10.f)}, p);
  REQUIRE(placed[0].visible);
  CHECK_FALSE(placed[0].box.overlaps(p.keep_clear[0]));
  CHECK(placed[0].box.max.y < 360.f);
}
