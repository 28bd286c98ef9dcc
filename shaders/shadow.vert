#version 450
// Sun shadow casters: positions into one shadow layer's clip space, depth only (no fragment
// stage, except shadow_sectioned.frag while section planes are set, which needs the world
// position). Same vertex layout, push constants and instances as mesh.vert, so the scene's draw
// list is recorded unchanged. The layer being drawn is told by the instance index: the shadow
// pass records the layers one after the other, and the push constants belong to the draws.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "draw.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 0) out vec3 out_world_position;

void main() {
  mat4 model = instances[gl_InstanceIndex].model;
  vec4 world = model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  int layer = 0;
  for (int i = 1; i < 4; ++i)
    if (uint(gl_InstanceIndex) >= frame.shadow_first_instance[i]) layer = i;
  gl_Position = frame.sun_view_projection[layer] * world;
}
