// Data the CPU hands to the shaders. Layouts must match shaders/frame.glsl (std140 UBO) and
// the push constants and instances in shaders/draw.glsl; the static_asserts catch drift in size.
#pragma once

#include <glm/glm.hpp>

namespace gt::engine {

// Per-frame uniform buffer (set 0, binding 0). Colours are linear RGB.
struct FrameUniforms {
  glm::mat4 view_projection;
  glm::mat4 inverse_view_projection;
  glm::vec4 camera_position;  // xyz, w unused
  glm::vec4 sun_direction;    // xyz towards the sun (unit), w unused
  glm::vec4 sun_colour;       // rgb irradiance
  glm::vec4 sky_ambient;      // rgb ambient light from above
  glm::vec4 ground_ambient;   // rgb ambient bounce from below
  glm::vec4 zenith_colour;    // backdrop straight up
  glm::vec4 horizon_colour;   // backdrop at the horizon
  glm::vec4 haze_colour;      // backdrop looking down (aerial views see mostly this)
  glm::vec4 exposure;         // x: exposure multiplier before tone mapping
  // World to each shadow layer's clip space: the cascades near to far, then the whole site.
  glm::mat4 sun_view_projection[4];
  glm::vec4 shadow_params;        // y: a layer's side in texels
  glm::vec4 shadow_texel_metres;  // per layer: one texel's side in metres; 0: layer unused
  // Shadow pass only: instances from [i] on are drawn into layer i (shadow.vert).
  glm::uvec4 shadow_first_instance;
  glm::vec4 section_planes[4];  // normal.xyz, d: kept where dot(n, p) + d >= 0
  glm::vec4 section_cap;        // rgb: flat colour of cut faces (sRGB), w: plane count
  glm::vec4 grid;               // x: ground height, y: half-side (m), zw: centre x, z
  glm::vec4 outline;            // x: outline width in pixels, y: opacity of hidden parts
};
static_assert(sizeof(FrameUniforms) == 6 * 64 + 19 * 16);

// Per-draw push constants (vertex + fragment stages): what every instance of a draw shares.
// Layout of shaders/draw.glsl.
struct DrawPushConstants {
  glm::vec4 base_colour;  // linear rgb, a = opacity
  glm::vec4 material;     // x metallic, y roughness, z occlusion strength, w alpha cutoff (MASK)
  glm::vec4 tint;         // selection passes: the outline colour
  glm::vec4 emissive;     // textured pipelines: rgb emissive factor, a normal scale
};
static_assert(sizeof(DrawPushConstants) == 64 && sizeof(DrawPushConstants) <= 128);

// One placement of a mesh in the frame's instance buffer (set 0, binding 4, std430), read at
// gl_InstanceIndex: a draw of n instances reads entries firstInstance .. firstInstance + n - 1.
struct DrawInstance {
  glm::mat4 model;
  glm::vec4 tint;  // the node's tint: rgb, a = amount 0..1
};
static_assert(sizeof(DrawInstance) == 80);

}  // namespace gt::engine
