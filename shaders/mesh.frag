#version 450
// Scene shading without section planes: see mesh_shading.glsl.
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"
#include "mesh_shading.glsl"
