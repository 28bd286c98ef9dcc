#version 450
// The outlined nodes where other geometry hides them: drawn after the scene with the depth
// test reversed (only fragments behind what is already there pass), as a faint flat fill, so
// a selected machine behind a wall can still be found. Only the nearest surface of the
// selection is filled (its depth is in the selection mask), so a machine's own far side does
// not stack up into an opaque blob.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

#include "draw.glsl"

layout(set = 0, binding = 3) uniform sampler2D selection_depth;

layout(location = 0) in vec3 in_world_position;
layout(location = 0) out vec4 out_colour;

void main() {
  if (sectionCut(in_world_position)) discard;
  float nearest = texelFetch(selection_depth, ivec2(gl_FragCoord.xy), 0).r;
  // Reversed depth: larger is nearer. The relative slack (~1 mm at 10 m) absorbs the
  // difference between the mask's and this pass's rasterisation of the same surface.
  if (gl_FragCoord.z < nearest * (1.0 - 1e-4)) discard;
  out_colour = vec4(draw.tint.rgb, frame.outline.y);
}
