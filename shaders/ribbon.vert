#version 450
// Ribbon strips: each segment of a path is one quad, stretched half a width past both ends and
// turned to face the eye (or lying level for flat ribbons); the fragment shader cuts it to a
// capsule, so consecutive segments meet in round joins. Both ends use the side vector seen from
// the segment's middle, so the quad stays planar.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "ribbon.glsl"

layout(location = 0) in vec4 in_start;   // xyz, w: path length before the segment (m)
layout(location = 1) in vec4 in_end;     // xyz, w: half width (m)
layout(location = 2) in vec4 in_colour;  // rgb, w: flags
layout(location = 3) in vec4 in_corner;  // x: speed, y: 0 start / 1 end, z: side -1 / +1

layout(location = 0) out vec2 out_local;  // metres: along the segment from its start, across
layout(location = 1) flat out vec4 out_segment;  // x: length, y: half width, z: path start, w: speed
layout(location = 2) flat out vec4 out_colour;

void main() {
  vec3 a = in_start.xyz, b = in_end.xyz;
  float len = length(b - a);
  vec3 along = len > 1e-5 ? (b - a) / len : vec3(1.0, 0.0, 0.0);
  vec3 middle = 0.5 * (a + b);
  vec3 to_eye = frame.camera_position.xyz - middle;
  float distance = max(length(to_eye), 1e-3);

  int flags = int(in_colour.w + 0.5);
  vec3 side = cross(along, vec3(0.0, 1.0, 0.0));
  if ((flags & 2) == 0 || length(side) < 0.3) side = cross(along, to_eye / distance);
  if (length(side) < 1e-4) side = abs(along.y) < 0.9 ? cross(along, vec3(0.0, 1.0, 0.0))
                                                     : cross(along, vec3(1.0, 0.0, 0.0));
  side = normalize(side);

  // Never thinner than a few pixels: a thin flow stays findable from an aerial view.
  float half_width = max(in_end.w, 0.5 * ribbon.params.w * ribbon.params.z * distance);
  float u = in_corner.y < 0.5 ? -half_width : len + half_width;
  vec3 world = a + along * u + side * (in_corner.z * half_width);

  out_local = vec2(u, in_corner.z * half_width);
  out_segment = vec4(len, half_width, in_start.w, in_corner.x);
  out_colour = in_colour;
  gl_Position = frame.view_projection * vec4(world, 1.0);
}
