// The ribbons' GPU side (engine/ribbon.h): their vertex buffer, rebuilt only when the ribbons
// change, and the two pipelines that draw them in the main pass: "ribbons" (tested against
// the scene's depth) and "ribbons behind" (the hidden parts of on-top ribbons, faint). The
// chevrons' scroll is a push-constant time, so animating costs no upload.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include <vulkan/vulkan.h>
#include <glm/glm.hpp>

#include "deletion_queue.h"
#include "engine/ribbon.h"
#include "gpu_memory.h"
#include "gpu_types.h"
#include "vk_owners.h"

namespace gt::engine {

class VkContext;

// One corner of a segment's quad; six per segment (two triangles, no index buffer). Layout of
// the vertex inputs of shaders/ribbon.vert.
struct RibbonVertex {
  glm::vec4 start;   // segment start (world), w: path length before it (m)
  glm::vec4 end;     // segment end (world), w: half width (m)
  glm::vec4 colour;  // linear rgb, w: flags (kRibbonHighlight | kRibbonFlat)
  glm::vec4 corner;  // x: speed (m/s), y: 0 start / 1 end, z: -1 / +1 side, w unused
};
static_assert(sizeof(RibbonVertex) == 64);
constexpr float kRibbonHighlight = 1.f, kRibbonFlat = 2.f;

// The vertices of all ribbons, those drawn "on top" last so the hidden-part pass draws one
// range: [on_top_first, vertices.size()).
struct RibbonVertices {
  std::vector<RibbonVertex> vertices;
  uint32_t on_top_first = 0;
};
// Pure: no GPU. Ribbons with fewer than two distinct points, or a width <= 0, are skipped.
RibbonVertices buildRibbonVertices(const std::vector<Ribbon>& ribbons);

// What the ribbon shaders read from the scene layout's push constants (within the range of
// DrawPushConstants, reused so the frame's set 0 stays bound across passes).
struct RibbonPushConstants {
  glm::vec4 params{0.f};  // x: time (s), y: opacity, z: metres per pixel at 1 m, w: min px
  glm::vec4 stage{0.f};   // x: 1 for the casing (the rim under every strip), 0 for the fill
  glm::vec4 unused{0.f};
};
static_assert(sizeof(RibbonPushConstants) <= sizeof(DrawPushConstants));

class RibbonPass {
 public:
  RibbonPass() = default;
  // Reads ribbon.vert.spv and ribbon.frag.spv from `shader_dir` (throws std::runtime_error
  // naming a missing file) and builds both pipelines for the main pass with the scene layout.
  static RibbonPass create(const VkContext& ctx, VkRenderPass main_pass,
                           VkSampleCountFlagBits samples, VkPipelineLayout scene_layout,
                           const std::filesystem::path& shader_dir);

  // Replaces the ribbons; the upload waits for the next upload() call.
  void setRibbons(const std::vector<Ribbon>& ribbons);
  // Uploads changed ribbons into a new host-visible buffer; the old one is parked in
  // `deletions` (a frame in flight may still read it).
  void upload(const VkContext& ctx, DeletionQueue& deletions);
  bool empty() const { return drawn_vertices_ == 0; }
  bool anyOnTop() const { return drawn_on_top_first_ < drawn_vertices_; }

  // Record inside the main pass with set 0 bound through `layout`.
  void recordVisible(VkCommandBuffer cmd, VkPipelineLayout layout,
                     const RibbonPushConstants& push) const;
  void recordHidden(VkCommandBuffer cmd, VkPipelineLayout layout,
                    const RibbonPushConstants& push) const;

 private:
  PipelineOwner visible_, hidden_;
  RibbonVertices pending_;
  bool dirty_ = false;
  GpuBuffer buffer_;
  uint32_t drawn_vertices_ = 0, drawn_on_top_first_ = 0;
};

}  // namespace gt::engine
