#version 450
// Scene shading with section planes: the cut-away side is discarded and the inside of cut
// solids is drawn in the flat cap colour. See mesh_shading.glsl.
#extension GL_GOOGLE_include_directive : require
#define SECTIONED 1
#include "frame.glsl"
#include "mesh_shading.glsl"
