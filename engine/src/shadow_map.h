// The sun's shadow map: one depth image rendered from the sun with an orthographic projection
// fitted to the model's bounds, its render pass and framebuffer, and the comparison sampler
// mesh.frag reads it with. The sun is static, so the map is redrawn only when the model or its
// visible nodes change; every other frame pays only for the lookup.
#pragma once

#include <cstdint>

#include <vulkan/vulkan.h>
#include <glm/glm.hpp>

#include "engine/camera.h"
#include "gpu_memory.h"
#include "vk_owners.h"

namespace gt::engine {

class VkContext;

// 4096^2 puts one texel on ~9 cm of a 300 x 200 m site seen from a sun 50 degrees high: enough
// for a machine's contact shadow. On a CPU rasteriser (lavapipe) the one-off draw and clear of
// 16 M texels cost ~0.4 s of the first frame, so there 2048^2 (~18 cm, still grounded) is used.
constexpr uint32_t kShadowMapSize = 4096;
constexpr uint32_t kShadowMapSizeOnCpu = 2048;

struct SunShadowFit {
  glm::mat4 view_projection{1.f};  // world to the map's clip space: x, y in -1..1, depth 0..1
  float texel_metres = 0.f;        // the larger side of one texel, in world metres
};

// The tightest orthographic box around `bounds` seen along -to_sun: the light's roll around
// the sun axis is chosen so the box's footprint on the map is smallest. `to_sun` is a unit
// vector; `resolution` the map's side in texels. An empty `bounds` gives the identity.
SunShadowFit fitSunShadow(const Bounds& bounds, const glm::vec3& to_sun, uint32_t resolution);

struct ShadowMap {
  GpuImage depth;
  RenderPassOwner pass;
  FramebufferOwner framebuffer;
  SamplerOwner sampler;  // comparison sampler, "lit" outside the map
  uint32_t size = 0;
};

// Creates the map and leaves it cleared to "nothing casts a shadow" in
// SHADER_READ_ONLY_OPTIMAL, so the scene can sample it before any model is loaded.
ShadowMap createShadowMap(const VkContext& ctx, uint32_t size);

// Begins the shadow render pass (clear to the far plane) and sets viewport and scissor to the
// whole map. The render pass ends in SHADER_READ_ONLY_OPTIMAL and orders the depth writes
// before the next fragment-shader reads.
void beginShadowPass(VkCommandBuffer cmd, const ShadowMap& map);

}  // namespace gt::engine
