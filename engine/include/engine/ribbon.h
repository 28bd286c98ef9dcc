// A ribbon: a coloured strip drawn along a path through the scene, with a chevron pattern that
// scrolls along it. A general capability (Renderer::setRibbons); the twin decides what a ribbon
// means (an energy flow, a route, a conveyor).
#pragma once

#include <vector>

#include <glm/glm.hpp>

namespace gt::engine {

struct Ribbon {
  // How the strip is turned about its path.
  enum class Facing {
    Camera,  // always faces the eye: reads as a band from any side (routes in the air)
    Flat,    // lies level, facing up (a route painted on the floor, a tray seen from above);
             // vertical segments of a flat ribbon face the eye instead
  };
  // World points (metres, Y up), at least 2; consecutive duplicates are skipped. A ribbon with
  // fewer than 2 distinct points draws nothing.
  std::vector<glm::vec3> points;
  // Width in metres (> 0). Far from the eye a ribbon never gets thinner than about 3 pixels,
  // so a thin one can still be found from an aerial view.
  float width = 0.5f;
  glm::vec3 colour{1.f};  // linear RGB, 0..1; drawn unlit (emissive) so it reads in shadow
  // Metres per second the chevrons scroll along the path: positive from the first point to the
  // last, negative the other way, 0 a still strip without chevrons.
  float speed = 0.f;
  bool highlight = false;  // brighter, with a white rim (the selected flow)
  // Also drawn where the scene hides it, faintly (about a third of its opacity), so a flow
  // behind a wall can be followed; useful with x-ray. Off: hidden parts are hidden.
  bool on_top = false;
  Facing facing = Facing::Camera;
};

}  // namespace gt::engine
