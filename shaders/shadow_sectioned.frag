#version 450
// Sun shadow casters while section planes are set: what is cut away casts no shadow, so the
// shadows agree with what the main pass draws. Depth only; the colour is never written.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(location = 0) in vec3 in_world_position;

void main() {
  if (sectionCut(in_world_position)) discard;
}
