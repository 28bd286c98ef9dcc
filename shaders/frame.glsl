// Per-frame uniforms shared by every scene shader; mirrors engine/src/gpu_types.h.
layout(set = 0, binding = 0) uniform FrameUniforms {
  mat4 view_projection;
  mat4 inverse_view_projection;
  vec4 camera_position;
  vec4 sun_direction;
  vec4 sun_colour;
  vec4 sky_ambient;
  vec4 ground_ambient;
  vec4 zenith_colour;
  vec4 horizon_colour;
  vec4 haze_colour;
  vec4 exposure;
  mat4 sun_view_projection[4];  // shadow layers: cascades near to far, then the whole site
  vec4 shadow_params;           // y: a layer's side in texels
  vec4 shadow_texel_metres;     // per layer; 0: unused this frame
  uvec4 shadow_first_instance;  // shadow pass: instances from [i] on draw into layer i
  vec4 section_planes[4];
  vec4 section_cap;
  vec4 grid;
  vec4 outline;
} frame;

// Section planes keep the side where dot(n, p) + d >= 0; section_cap.w counts the planes.
bool sectionCut(vec3 world_position) {
  int count = int(frame.section_cap.w);
  for (int i = 0; i < count; ++i) {
    if (dot(frame.section_planes[i].xyz, world_position) + frame.section_planes[i].w < 0.0)
      return true;
  }
  return false;
}

// Narkowicz's fit of the ACES filmic curve: a gentle shoulder keeps bright sunlit metal from
// clipping to flat white.
vec3 toneMapAces(vec3 x) {
  return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

// IEC 61966-2-1 (sRGB) encoding. The targets are UNORM, so the shaders encode themselves and
// ImGui's sRGB vertex colours land unchanged on top.
vec3 encodeSrgb(vec3 c) {
  return mix(12.92 * c, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

// Backdrop colour seen along a world direction: pale horizon, blue zenith, and below the
// horizon a soft blue haze (an aerial view sees mostly that, and a dark "ground" there would
// look like a hole around the site).
vec3 skyRadiance(vec3 dir) {
  float up = dir.y;
  vec3 above = mix(frame.horizon_colour.rgb, frame.zenith_colour.rgb, pow(clamp(up, 0.0, 1.0), 0.5));
  vec3 below = mix(frame.horizon_colour.rgb, frame.haze_colour.rgb,
                   smoothstep(0.0, 0.6, -up));
  return up >= 0.0 ? above : below;
}
