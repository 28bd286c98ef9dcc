#version 450
// Scene geometry of textured materials: mesh.vert plus the surface stream (vertex binding 1),
// whose UV and tangent the textured fragment shaders need for their texture reads and normal
// mapping. A separate shader so untextured models never pay for these inputs.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "draw.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec2 in_uv;
layout(location = 3) in vec4 in_tangent;  // xyz along +u, w handedness
layout(location = 0) out vec3 out_world_position;
layout(location = 1) out vec3 out_world_normal;
layout(location = 2) flat out vec4 out_tint;
layout(location = 3) out vec2 out_uv;
layout(location = 4) out vec4 out_world_tangent;

void main() {
  mat4 model = instances[gl_InstanceIndex].model;
  vec4 world = model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  // Uniform scales, as in mesh.vert: mat3(model) carries normals and tangents alike.
  out_world_normal = mat3(model) * in_normal;
  out_world_tangent = vec4(mat3(model) * in_tangent.xyz, in_tangent.w);
  out_uv = in_uv;
  out_tint = instances[gl_InstanceIndex].tint;
  gl_Position = frame.view_projection * world;
}
