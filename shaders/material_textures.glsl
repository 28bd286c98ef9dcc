// glTF 2.0 metallic-roughness material textures (§3.9), included by mesh_shading.glsl when
// TEXTURED is defined: set 1 holds the five images of the draw's material (texture_gpu.h; an
// empty slot is a 1x1 default), the push constants their factors (draw.glsl).

layout(set = 1, binding = 0) uniform sampler2D base_colour_texture;         // sRGB view
layout(set = 1, binding = 1) uniform sampler2D normal_texture;              // tangent space
layout(set = 1, binding = 2) uniform sampler2D metallic_roughness_texture;  // G rough, B metal
layout(set = 1, binding = 3) uniform sampler2D occlusion_texture;           // R
layout(set = 1, binding = 4) uniform sampler2D emissive_texture;            // sRGB view

layout(location = 3) in vec2 in_uv;
layout(location = 4) in vec4 in_world_tangent;

struct MaterialSample {
  vec3 base_colour;  // linear
  float alpha;
  vec3 normal;  // world space, unit
  float metallic;
  float roughness;
  float occlusion;  // 1 = unoccluded; applies to the ambient light only
  vec3 emissive;    // linear radiance, added after lighting
};

// `n` is the interpolated normal, already turned towards the eye.
MaterialSample sampleMaterial(vec3 n) {
  // Every read before the alpha test: after a discard the quad's derivatives are undefined.
  vec4 base = texture(base_colour_texture, in_uv) * draw.base_colour;
  vec3 bump = texture(normal_texture, in_uv).xyz * 2.0 - 1.0;
  vec4 mr = texture(metallic_roughness_texture, in_uv);
  float ao = texture(occlusion_texture, in_uv).r;
  vec3 glow = texture(emissive_texture, in_uv).rgb;
  if (base.a < draw.material.w) discard;  // MASK; the cutoff is 0 otherwise

  MaterialSample s;
  s.base_colour = base.rgb;
  s.alpha = base.a;
  // glTF 2.0 §3.9.3: the normal texture's xy are scaled by normalTexture.scale.
  bump.xy *= draw.emissive.a;
  vec3 t = in_world_tangent.xyz - n * dot(n, in_world_tangent.xyz);
  if (dot(t, t) > 1e-12 && dot(bump.xy, bump.xy) > 0.0) {
    t = normalize(t);
    vec3 b = in_world_tangent.w * cross(n, t);
    s.normal = normalize(t * bump.x + b * bump.y + n * bump.z);
  } else {
    s.normal = n;
  }
  s.roughness = clamp(draw.material.y * mr.g, 0.04, 1.0);
  s.metallic = clamp(draw.material.x * mr.b, 0.0, 1.0);
  // §3.9.4: occlusion = 1 + strength * (texel - 1).
  s.occlusion = 1.0 + draw.material.z * (ao - 1.0);
  s.emissive = glow * draw.emissive.rgb;
  return s;
}
