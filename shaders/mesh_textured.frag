#version 450
// Scene shading of textured materials, without section planes: see mesh_shading.glsl and
// material_textures.glsl.
#extension GL_GOOGLE_include_directive : require
#define TEXTURED 1
#include "frame.glsl"
#include "mesh_shading.glsl"
