#version 450
// Selection mask: the outlined nodes' silhouettes in their outline colour (push constant
// tint.rgb), into a single-sample image with its own depth, read by outline.frag and
// selection_hidden.frag. Parts cut away by section planes are not part of the silhouette.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

#include "draw.glsl"

layout(location = 0) in vec3 in_world_position;
layout(location = 0) out vec4 out_colour;

void main() {
  if (sectionCut(in_world_position)) discard;
  out_colour = vec4(draw.tint.rgb, 1.0);
}
