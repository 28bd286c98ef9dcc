#version 450
// Fullscreen triangle for the sky backdrop; no vertex buffer. Depth 0 is the far plane
// (reversed depth), so the sky only covers pixels no geometry has written.
layout(location = 0) out vec2 out_ndc;

void main() {
  vec2 p = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2) * 2.0 - 1.0;
  out_ndc = p;
  gl_Position = vec4(p, 0.0, 1.0);
}
