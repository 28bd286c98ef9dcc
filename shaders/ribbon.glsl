// What the ribbon shaders share: the push constants (engine/src/ribbon_pass.h's
// RibbonPushConstants, in the scene layout's push range).
layout(push_constant) uniform RibbonParams {
  vec4 params;  // x: time (s), y: opacity, z: metres per pixel at 1 m distance, w: min width px
  vec4 stage;   // x: 1 casing (the rim, drawn under every strip first), 0 fill
} ribbon;
