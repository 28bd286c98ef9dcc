#version 450
// Selection outline: a ring of constant pixel width around the silhouettes in the selection
// mask, drawn over everything. Each pixel outside a silhouette looks for the nearest covered
// pixel within the outline width and takes its colour; coverage falls off over the last pixel
// so the ring is anti-aliased. A thin dark halo just outside the ring keeps a light colour
// readable on light concrete and sky. The pass is scissored to the selection's screen rectangle, so
// the search costs nothing elsewhere.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(set = 0, binding = 2) uniform sampler2D selection_mask;

layout(location = 0) out vec4 out_colour;

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  if (texelFetch(selection_mask, p, 0).a > 0.0) discard;  // inside: the scene shows through
  float width = frame.outline.x;
  const float halo = 1.5;
  int reach = int(ceil(width + halo));
  ivec2 size = textureSize(selection_mask, 0);
  float nearest = 1e9;
  vec3 colour = vec3(0.0);
  for (int y = -reach; y <= reach; ++y) {
    for (int x = -reach; x <= reach; ++x) {
      ivec2 q = p + ivec2(x, y);
      if (any(lessThan(q, ivec2(0))) || any(greaterThanEqual(q, size))) continue;
      vec4 m = texelFetch(selection_mask, q, 0);
      float d = length(vec2(x, y));
      if (m.a > 0.0 && d < nearest) {
        nearest = d;
        colour = m.rgb;
      }
    }
  }
  float ring = clamp(width + 0.5 - nearest, 0.0, 1.0);
  float shade = 0.35 * clamp(width + halo + 0.5 - nearest, 0.0, 1.0);
  if (ring <= 0.0 && shade <= 0.0) discard;
  // Ring over halo: the halo shows only where the ring fades out.
  float alpha = ring + shade * (1.0 - ring);
  out_colour = vec4(colour * ring / max(alpha, 1e-4), alpha);
}
