// Per-draw data of the scene shaders; mirrors DrawPushConstants and DrawInstance in
// engine/src/gpu_types.h. One vkCmdDrawIndexed draws every placement of a mesh that shares a
// material (instancing): what the placements share is pushed, what differs (the transform and
// the node's tint) is read from the frame's instance buffer at gl_InstanceIndex, which starts
// at the draw's firstInstance.

layout(push_constant) uniform Draw {
  vec4 base_colour;  // linear rgb, a = opacity
  vec4 material;     // x metallic, y roughness, z occlusion strength, w alpha cutoff (MASK)
  vec4 tint;         // selection passes: the outline colour
  vec4 emissive;     // textured pipelines: rgb emissive factor, a normal scale
} draw;

struct DrawInstance {
  mat4 model;
  vec4 tint;  // rgb, a = amount 0..1
};

layout(std430, set = 0, binding = 4) readonly buffer Instances {
  DrawInstance instances[];
};
