#version 450
// Sky gradient behind the scene: the view ray of each pixel, from the inverse view-projection,
// picks a colour from skyRadiance(); a soft glow marks where the sun is.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(location = 0) in vec2 in_ndc;
layout(location = 0) out vec4 out_colour;

void main() {
  vec4 far_point = frame.inverse_view_projection * vec4(in_ndc, 1.0, 1.0);
  vec3 dir = normalize(far_point.xyz / far_point.w - frame.camera_position.xyz);
  vec3 colour = skyRadiance(dir);
  float sun = max(dot(dir, frame.sun_direction.xyz), 0.0);
  colour += frame.sun_colour.rgb * (0.02 * pow(sun, 32.0) + 0.5 * pow(sun, 2000.0));
  out_colour = vec4(encodeSrgb(toneMapAces(colour * frame.exposure.x)), 1.0);
}
