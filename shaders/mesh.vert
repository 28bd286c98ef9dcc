#version 450
// Scene geometry: world-space position and normal for lighting.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "draw.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 0) out vec3 out_world_position;
layout(location = 1) out vec3 out_world_normal;
layout(location = 2) flat out vec4 out_tint;

void main() {
  mat4 model = instances[gl_InstanceIndex].model;
  vec4 world = model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  // Factory models use uniform scales; mat3(model) saves an inverse per vertex on the CPU
  // rasteriser. Non-uniform scales would skew normals slightly, never flip them.
  out_world_normal = mat3(model) * in_normal;
  out_tint = instances[gl_InstanceIndex].tint;
  gl_Position = frame.view_projection * world;
}
