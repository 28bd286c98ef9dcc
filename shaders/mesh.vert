#version 450
// Scene geometry: world-space position and normal for lighting.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(push_constant) uniform Draw {
  mat4 model;
  vec4 base_colour;
  vec4 material;
  vec4 tint;
} draw;

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 0) out vec3 out_world_position;
layout(location = 1) out vec3 out_world_normal;

void main() {
  vec4 world = draw.model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  // Factory models use uniform scales; mat3(model) saves an inverse per vertex on the CPU
  // rasteriser. Non-uniform scales would skew normals slightly, never flip them.
  out_world_normal = mat3(draw.model) * in_normal;
  gl_Position = frame.view_projection * world;
}
