#version 450
// Scene shading of textured materials with section planes (and of textured glass, like
// mesh_sectioned.frag for untextured): see mesh_shading.glsl and material_textures.glsl.
#extension GL_GOOGLE_include_directive : require
#define SECTIONED 1
#define TEXTURED 1
#include "frame.glsl"
#include "mesh_shading.glsl"
