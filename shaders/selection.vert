#version 450
// Outlined nodes for the selection mask and the hidden-part fill: world position only (the
// fragment shaders need it for the section planes), same push constants and instances as mesh.vert.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "draw.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 0) out vec3 out_world_position;

void main() {
  mat4 model = instances[gl_InstanceIndex].model;
  vec4 world = model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  gl_Position = frame.view_projection * world;
}
