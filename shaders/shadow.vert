#version 450
// Sun shadow casters: positions into the shadow map's clip space, depth only (no fragment
// stage, except shadow_sectioned.frag while section planes are set, which needs the world
// position). Same vertex layout, push constants and instances as mesh.vert, so the scene's draw list is
// recorded unchanged.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "draw.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 0) out vec3 out_world_position;

void main() {
  mat4 model = instances[gl_InstanceIndex].model;
  vec4 world = model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  gl_Position = frame.sun_view_projection * world;
}
