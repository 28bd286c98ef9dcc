#version 450
// Ground grid: one square on the ground plane (y = frame.grid.x), centred under the model
// (frame.grid.zw) with half-side frame.grid.y, generated from the vertex index; no vertex
// buffer.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(location = 0) out vec3 out_world_position;

void main() {
  // Two triangles: corners (0,0) (1,0) (1,1) and (0,0) (1,1) (0,1).
  const vec2 corners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1),
                                 vec2(0, 1));
  vec2 c = corners[gl_VertexIndex] * 2.0 - 1.0;
  vec3 world = vec3(frame.grid.z + c.x * frame.grid.y, frame.grid.x, frame.grid.w + c.y * frame.grid.y);
  out_world_position = world;
  gl_Position = frame.view_projection * vec4(world, 1.0);
}
