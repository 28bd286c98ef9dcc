#version 450
// Ribbon strips: the segment's capsule (round joins and caps, anti-aliased edge), unlit so a
// flow reads the same in sun and shade, with chevrons pointing along the flow and scrolling at
// its speed. Each strip is drawn twice, a casing then a narrower fill, so a rim separates it
// from a background of its own hue and round joins show no seams.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "ribbon.glsl"

layout(location = 0) in vec2 in_local;
layout(location = 1) flat in vec4 in_segment;
layout(location = 2) flat in vec4 in_colour;
layout(location = 0) out vec4 out_colour;

void main() {
  float len = in_segment.x, half_width = in_segment.y, speed = in_segment.w;
  int flags = int(in_colour.w + 0.5);
  bool highlight = (flags & 1) != 0;
  bool casing = ribbon.stage.x > 0.5;
  // The fill leaves a rim of the casing showing: dark under a normal strip, white when
  // highlighted, so a strip stands off a background of its own hue.
  float radius = casing ? half_width : half_width * (highlight ? 0.7 : 0.84);

  float u = in_local.x, v = in_local.y;
  float d = u < 0.0 ? length(vec2(u, v)) : (u > len ? length(vec2(u - len, v)) : abs(v));
  float aa = max(fwidth(d), 1e-5);
  float cover = 1.0 - smoothstep(radius - aa, radius, d);
  if (cover <= 0.0) discard;

  vec3 base = in_colour.rgb;
  vec3 colour;
  if (casing) {
    colour = highlight ? vec3(1.0) : base * 0.4;
  } else {
    colour = highlight ? mix(base, vec3(1.0), 0.15) : base;
    if (abs(speed) > 1e-4) {
      // Chevrons two widths apart whose tips lead: at one phase the strip's edge lags its
      // centre line by 0.8 half widths.
      float across = clamp(abs(v) / radius, 0.0, 1.0);
      float period = 4.0 * half_width;
      float s = in_segment.z + u;
      float phase = (s + sign(speed) * across * 0.8 * half_width - speed * ribbon.params.x) / period;
      float f = fract(phase);
      float band_aa = max(fwidth(phase), 1e-5);
      float chevron = smoothstep(0.0, band_aa, f) * (1.0 - smoothstep(0.4 - band_aa, 0.4, f));
      colour = mix(colour, mix(base, vec3(1.0), 0.55), chevron);
    }
  }
  out_colour = vec4(encodeSrgb(clamp(colour, 0.0, 1.0)), cover * ribbon.params.y);
}
