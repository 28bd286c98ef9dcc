#version 450
// Fullscreen triangle with no outputs, for passes that work from gl_FragCoord (the outline).
void main() {
  vec2 p = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2) * 2.0 - 1.0;
  gl_Position = vec4(p, 0.0, 1.0);
}
