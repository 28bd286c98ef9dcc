#version 450
// Outlined nodes for the selection mask and the hidden-part fill: world position only (the
// fragment shaders need it for the section planes), same push constants as mesh.vert.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(push_constant) uniform Draw {
  mat4 model;
  vec4 base_colour;
  vec4 material;
  vec4 tint;
} draw;

layout(location = 0) in vec3 in_position;
layout(location = 0) out vec3 out_world_position;

void main() {
  vec4 world = draw.model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  gl_Position = frame.view_projection * world;
}
