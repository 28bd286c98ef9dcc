#version 450
// Ground grid: 1 m minor and 10 m major lines, anti-aliased with screen-space derivatives
// (each line about a pixel wide at any distance), minor lines fading out where their cells
// shrink below a few pixels (no moire), and the whole grid fading towards its rim. Drawn
// after the scene with the depth test on, so the model stands on it.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(location = 0) in vec3 in_world_position;
layout(location = 0) out vec4 out_colour;

// 1 on a line of `spacing` metres, falling to 0 over `width` pixels beside it.
float gridLine(vec2 coord, float spacing, float width, out float cell_pixels) {
  vec2 c = coord / spacing;
  vec2 d = max(fwidth(c), vec2(1e-6));
  vec2 distance_px = abs(fract(c - 0.5) - 0.5) / d;
  cell_pixels = 1.0 / max(d.x, d.y);
  return 1.0 - clamp(min(distance_px.x, distance_px.y) - width * 0.5 + 0.5, 0.0, 1.0);
}

void main() {
  vec2 xz = in_world_position.xz;
  float minor_px, major_px;
  float minor = gridLine(xz, 1.0, 1.0, minor_px);
  float major = gridLine(xz, 10.0, 1.6, major_px);
  minor *= smoothstep(3.0, 8.0, minor_px);
  major *= smoothstep(2.0, 6.0, major_px);

  float radius = frame.grid.y;
  float from_centre = length(xz - frame.grid.zw);
  float fade = 1.0 - smoothstep(0.45 * radius, radius, from_centre);

  float line = max(minor * 0.28, major * 0.6);
  // A faint darkening of the ground itself gives the lines a plane to sit on.
  vec3 line_colour = vec3(0.92, 0.95, 1.0);
  float alpha = (line + 0.07 * (1.0 - line)) * fade;
  vec3 colour = mix(vec3(0.05, 0.07, 0.10), line_colour, line / max(line + 0.07 * (1.0 - line), 1e-4));
  out_colour = vec4(colour, alpha);
}
