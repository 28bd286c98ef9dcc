// Scene shading, included by mesh.frag and mesh_sectioned.frag (which defines SECTIONED): one directional sun with Lambert diffuse and GGX specular (glTF
// metallic/roughness), shadowed by the sun's cascaded shadow maps, plus hemisphere ambient (sky above,
// ground bounce below) that shadows leave alone. Lighting is linear; the result is tone mapped
// and sRGB-encoded here because the target is UNORM.

#include "draw.glsl"

// Comparison sampler (LESS_OR_EQUAL): a gather returns four 0/1 "lit" results. Layers 0-2 are
// the cascades around the eye, near to far; layer 3 the whole site (shadow_map.h).
layout(set = 0, binding = 1) uniform sampler2DArrayShadow sun_shadow_maps;
const int kSiteLayer = 3;

layout(location = 0) in vec3 in_world_position;
layout(location = 1) in vec3 in_world_normal;
layout(location = 2) flat in vec4 in_tint;  // the node's tint, per instance
#ifdef TEXTURED
#include "material_textures.glsl"
#endif
layout(location = 0) out vec4 out_colour;

const float PI = 3.14159265;

float distributionGgx(float n_dot_h, float alpha) {
  float a2 = alpha * alpha;
  float d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
  return a2 / (PI * d * d);
}

// Smith's visibility term with Schlick-GGX, k for direct light (Karis 2013).
float geometrySmith(float n_dot_v, float n_dot_l, float roughness) {
  float k = (roughness + 1.0) * (roughness + 1.0) / 8.0;
  return (n_dot_v / (n_dot_v * (1.0 - k) + k)) * (n_dot_l / (n_dot_l * (1.0 - k) + k));
}

// Fraction of the sun reaching a surface point in one shadow layer, 0..1. The lookup point
// moves off the surface along its normal by about a texel of that layer, more when the sun
// grazes it: with the caster's slope-scaled depth bias this keeps flat roofs free of acne while
// the shift stays far below a machine's height, so nothing floats.
// The filter is a 3x3 grid of bilinear 2x2 comparisons (a 4x4-texel tent), built from four
// gathers instead of nine filtered taps: lavapipe cannot filter depth images, and four lookups
// cost less than nine on a CPU rasteriser.
float layerVisibility(int layer, vec3 p, vec3 n, float n_dot_l) {
  float texel = frame.shadow_texel_metres[layer];
  float size = frame.shadow_params.y;
  vec3 lookup = p + n * texel * (1.0 + 2.0 * (1.0 - n_dot_l));
  vec4 clip = frame.sun_view_projection[layer] * vec4(lookup, 1.0);  // orthographic: w is 1
  vec2 t = (clip.xy * 0.5 + 0.5) * size - 0.5;  // texel space, centres on integers
  vec2 i0 = floor(t);
  vec2 f = t - i0;
  // Per-axis weights of the texels i0-1 .. i0+2 under the tent.
  vec4 wx = vec4(1.0 - f.x, 1.0, 1.0, f.x);
  vec4 wy = vec4(1.0 - f.y, 1.0, 1.0, f.y);
  float lit = 0.0;
  for (int oy = 0; oy <= 2; oy += 2) {
    for (int ox = 0; ox <= 2; ox += 2) {
      // A gather at the corner (i0 + o) returns texels i0+o-1 and i0+o on each axis, in the
      // order (x: left top, y: right top, z: right bottom, w: left bottom), top = higher row.
      vec3 at = vec3((i0 + vec2(ox, oy)) / size, float(layer));
      vec4 g = textureGather(sun_shadow_maps, at, clip.z);
      float l = wx[ox], r = wx[ox + 1], b = wy[oy], u = wy[oy + 1];
      lit += g.x * l * u + g.y * r * u + g.z * r * b + g.w * l * b;
    }
  }
  return lit / 9.0;
}

// The finest cascade from `first` on whose box holds p with room for the normal offset and
// the filter; the whole-site layer when none does. `edge` returns how far out p lies in that
// box (0 at its centre, 1 where it stops being usable).
int shadowLayerAt(vec3 p, int first, out float edge) {
  float usable = 1.0 - 6.0 / frame.shadow_params.y;
  for (int i = first; i < kSiteLayer; ++i) {
    if (frame.shadow_texel_metres[i] <= 0.0) continue;
    vec3 c = (frame.sun_view_projection[i] * vec4(p, 1.0)).xyz;
    float d = max(abs(c.x), abs(c.y)) / usable;
    if (d < 1.0 && c.z > 0.0 && c.z < 1.0) {
      edge = d;
      return i;
    }
  }
  edge = 0.0;
  return kSiteLayer;
}

// Fraction of the sun reaching a surface point, 0..1: from the finest cascade that holds it,
// faded into the next one over the outer fifth of the box, so the step in sharpness where
// cascades meet is not a visible line on the floor.
float sunVisibility(vec3 p, vec3 n, float n_dot_l) {
  float edge;
  int layer = shadowLayerAt(p, 0, edge);
  float lit = layerVisibility(layer, p, n, n_dot_l);
  float fade = smoothstep(0.8, 1.0, edge);
  if (layer < kSiteLayer && fade > 0.0) {
    float next_edge;
    int next = shadowLayerAt(p, layer + 1, next_edge);
    lit = mix(lit, layerVisibility(next, p, n, n_dot_l), fade);
  }
  return lit;
}

void main() {
  vec3 v = normalize(frame.camera_position.xyz - in_world_position);
  vec3 n = normalize(in_world_normal);
#ifdef SECTIONED
  // A separate variant because a discard anywhere in the shader costs the early depth test on
  // a CPU rasteriser, also for frames without section planes.
  // Through a cut the eye meets the inside of a solid: faces whose stored normal points away
  // from the eye. The screen-space face normal (always towards the eye) tells them apart even
  // where smooth normals graze the silhouette; the winding is not reliable in factory models.
  // Derivatives first: after a discard the quad's neighbours may be gone.
  vec3 face = normalize(cross(dFdx(in_world_position), dFdy(in_world_position)));
  if (dot(face, v) < 0.0) face = -face;
  if (sectionCut(in_world_position)) discard;
  if (dot(n, face) < 0.0) {
    // Flat and unlit, so the cut reads as one solid section, as on a drawing.
    out_colour = vec4(frame.section_cap.rgb, draw.base_colour.a);
    return;
  }
#endif
  // Models are not guaranteed closed or consistently wound: light the side we see.
  if (dot(n, v) < 0.0) n = -n;

#ifdef TEXTURED
  MaterialSample surface = sampleMaterial(n);
  n = surface.normal;
  vec3 base = mix(surface.base_colour, in_tint.rgb, in_tint.a);
  float metallic = surface.metallic;
  float roughness = surface.roughness;
#else
  vec3 base = mix(draw.base_colour.rgb, in_tint.rgb, in_tint.a);
  float metallic = draw.material.x;
  float roughness = draw.material.y;
#endif
  vec3 f0 = mix(vec3(0.04), base, metallic);

  vec3 l = frame.sun_direction.xyz;
  vec3 h = normalize(l + v);
  float n_dot_l = max(dot(n, l), 0.0);
  float n_dot_v = max(dot(n, v), 1e-4);
  float n_dot_h = max(dot(n, h), 0.0);
  float v_dot_h = max(dot(v, h), 0.0);

  vec3 fresnel = f0 + (1.0 - f0) * pow(1.0 - v_dot_h, 5.0);
  vec3 specular = distributionGgx(n_dot_h, roughness * roughness) *
                  geometrySmith(n_dot_v, n_dot_l, roughness) * fresnel /
                  max(4.0 * n_dot_v * n_dot_l, 1e-4);
  vec3 diffuse = (1.0 - fresnel) * (1.0 - metallic) * base / PI;
  // Faces turned from the sun get no direct light anyway: skip their shadow lookup.
  float in_sun = n_dot_l > 0.0 ? sunVisibility(in_world_position, n, n_dot_l) : 0.0;
  vec3 colour = (diffuse + specular) * frame.sun_colour.rgb * n_dot_l * in_sun;

  // Hemisphere ambient: diffuse from the normal's hemisphere, a rough specular from the
  // reflected ray's, so metals are not black where the sun does not reach.
  float up = n.y * 0.5 + 0.5;
  vec3 ambient = mix(frame.ground_ambient.rgb, frame.sky_ambient.rgb, up);
  vec3 r = reflect(-v, n);
  vec3 reflected = mix(frame.ground_ambient.rgb, frame.sky_ambient.rgb, r.y * 0.5 + 0.5);
  vec3 f_ambient = f0 + (max(vec3(1.0 - roughness), f0) - f0) * pow(1.0 - n_dot_v, 5.0);
#ifdef TEXTURED
  // Occlusion darkens only the ambient light: the sun's shadows are the shadow map's job.
  ambient *= surface.occlusion;
  reflected *= surface.occlusion;
  colour += surface.emissive;  // added to the lit colour, before tone mapping
#endif
  colour += ambient * base * (1.0 - metallic) + reflected * f_ambient * mix(0.35, 1.0, metallic);

  // Tinted nodes also glow a little, so a highlight reads on faces away from the sun.
  colour += in_tint.rgb * in_tint.a * 0.15;

  out_colour = vec4(encodeSrgb(toneMapAces(colour * frame.exposure.x)), draw.base_colour.a);
#ifdef TEXTURED
  out_colour.a = surface.alpha;
#endif
}
