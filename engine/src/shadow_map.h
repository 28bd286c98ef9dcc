// The sun's shadow maps: one depth image array with a layer per cascade around the camera
// (shadow_cascades.h: redrawn when the camera moves) and a last layer fitted to the whole model
// (redrawn only when the model or its visible nodes change), its render pass, a framebuffer
// per layer, and the comparison sampler mesh_shading.glsl reads the array with.
#pragma once

#include <array>
#include <cstdint>

#include <vulkan/vulkan.h>
#include <glm/glm.hpp>

#include "engine/camera.h"
#include "gpu_memory.h"
#include "shadow_cascades.h"
#include "vk_owners.h"

namespace gt::engine {

class VkContext;

// Layers of the array: the cascades near to far, then the whole-site map.
constexpr uint32_t kShadowLayers = kShadowCascades + 1;
constexpr uint32_t kShadowSiteLayer = kShadowCascades;
// Every layer has the same side. 2048^2 puts one texel of the whole-site layer on ~18 cm of a
// 300 x 200 m site (the cascades carry the detail near the eye: ~1.5 cm in the first one when
// walking); four such D32 layers take 64 MiB, as the former single 4096^2 map did. On a CPU
// rasteriser (lavapipe) cascades are off unless asked for (RendererOptions::shadow_cascades)
// and the whole-site layer, drawn once per model, keeps the same 2048^2; where cascades are
// asked for there, they are cleared and drawn in every frame the camera moves, and clearing
// 3 x 4 M texels costs more than the rest of the frame, so they get 1024^2.
constexpr uint32_t kShadowMapSize = 2048;
constexpr uint32_t kShadowMapSizeOnCpu = 1024;

// The whole-site layer's fit: texel_metres is the larger side of one texel.
using SunShadowFit = ShadowLayerFit;

// The whole-site layer: the tightest orthographic box around `bounds` seen along -to_sun: the
// light's roll around the sun axis is chosen so the box's footprint on the map is smallest.
// `to_sun` is a unit vector; `resolution` the map's side in texels. An empty `bounds` gives the
// identity.
SunShadowFit fitSunShadow(const Bounds& bounds, const glm::vec3& to_sun, uint32_t resolution);

// Members in dependency order: views and framebuffers die before the image, the image before
// its memory.
struct ShadowMap {
  MemoryOwner memory;
  ImageOwner image;
  ImageViewOwner array_view;  // every layer, sampled as sampler2DArrayShadow (set 0, binding 1)
  std::array<ImageViewOwner, kShadowLayers> layer_views;  // one layer each, rendered into
  RenderPassOwner pass;
  std::array<FramebufferOwner, kShadowLayers> framebuffers;
  SamplerOwner sampler;  // comparison sampler, "lit" outside the map
  uint32_t size = 0;
};

// Creates the maps and leaves every layer cleared to "nothing casts a shadow" in
// SHADER_READ_ONLY_OPTIMAL, so the scene can sample them before any model is loaded.
ShadowMap createShadowMap(const VkContext& ctx, uint32_t size);

// Begins the shadow render pass on one layer (clear to the far plane) and sets viewport and
// scissor to the whole layer. The render pass ends in SHADER_READ_ONLY_OPTIMAL and orders the
// depth writes before the next fragment-shader reads; the other layers are left as they are.
void beginShadowPass(VkCommandBuffer cmd, const ShadowMap& map, uint32_t layer);

}  // namespace gt::engine
