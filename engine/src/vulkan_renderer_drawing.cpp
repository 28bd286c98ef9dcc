// The drawing capabilities of VulkanRenderer: selection outlines, x-ray, section planes and
// the ground grid. Their setters, their passes in the frame graph ("selection mask" before the
// main pass; "ground grid", "selection behind" and "outline" inside it), and the per-frame
// state those passes need (mask size, scissor, descriptors, uniforms).
#include <algorithm>
#include <array>
#include <cmath>

#include "frustum.h"
#include "vulkan_renderer.h"

namespace gt::engine {
namespace {

// A ring about 2.5 px wide on a 1080-line screen reads as crisp, not as a glow; it scales with
// the view's height so a video wall and a laptop see the same proportion, and never drops
// under 2 px, below which it flickers as the camera moves.
constexpr float kOutlineWidthAt1080 = 2.5f;
constexpr float kMinOutlineWidth = 2.f;
// Enough to find a machine behind a wall without hiding the wall.
constexpr float kHiddenFillOpacity = 0.3f;
// The grid sits this far under the model's lowest point, so a floor slab at that height
// covers it instead of flickering with it.
constexpr float kGridDrop = 0.02f;

float outlineWidth(VkExtent2D extent) {
  return std::max(kMinOutlineWidth,
                  kOutlineWidthAt1080 * static_cast<float>(extent.height) / 1080.f);
}

}  // namespace

void VulkanRenderer::setOutline(NodeHandle node, const glm::vec3& rgb) {
  if (!validHandle(node)) return;
  for (Outline& o : outlines_) {
    if (o.node == node) {
      o.rgb = rgb;
      return;
    }
  }
  if (outlines_.size() < kMaxOutlines) outlines_.push_back({node, rgb});
}

void VulkanRenderer::clearOutline(NodeHandle node) {
  std::erase_if(outlines_, [&](const Outline& o) { return o.node == node; });
}

void VulkanRenderer::clearOutlines() {
  outlines_.clear();
}

void VulkanRenderer::setXray(NodeHandle node, float opacity) {
  if (!validHandle(node)) return;
  // 0 and 1 both mean "as authored": a fully opaque x-ray would still skip shadows and picks.
  const float value = opacity > 0.f && opacity < 1.f ? opacity : 0.f;
  const SceneNode& n = model_->data.nodes[node.index];
  std::fill(model_->xray.begin() + node.index, model_->xray.begin() + n.subtree_end, value);
  shadow_dirty_ = true;  // an x-rayed wall stops casting its shadow
}

void VulkanRenderer::clearXray() {
  if (!model_) return;
  std::fill(model_->xray.begin(), model_->xray.end(), 0.f);
  shadow_dirty_ = true;
}

void VulkanRenderer::setSectionPlanes(const std::vector<glm::vec4>& planes) {
  section_planes_.assign(planes.begin(),
                         planes.begin() + std::min(planes.size(), kMaxSectionPlanes));
  shadow_dirty_ = true;  // what is cut away casts no shadow
}

void VulkanRenderer::setSectionCapColour(const glm::vec3& rgb) {
  section_cap_colour_ = glm::clamp(rgb, glm::vec3(0.f), glm::vec3(1.f));
}

void VulkanRenderer::setGridVisible(bool visible) {
  grid_visible_ = visible;
}

VkPipeline VulkanRenderer::scenePipeline(DrawKind kind) const {
  if (kind == DrawKind::Blended) return pipelines_.blended.get();  // always sectioned: few draws
  return section_planes_.empty() ? pipelines_.opaque.get() : pipelines_.opaque_sectioned.get();
}

DrawPipelines VulkanRenderer::scenePipelines(DrawKind kind) const {
  VkPipeline textured = pipelines_.blended_textured.get();
  if (kind == DrawKind::Opaque)
    textured = section_planes_.empty() ? pipelines_.opaque_textured.get()
                                       : pipelines_.opaque_textured_sectioned.get();
  return {scenePipeline(kind), textured};
}

VkPipeline VulkanRenderer::shadowPipeline() const {
  return section_planes_.empty() ? pipelines_.shadow.get() : pipelines_.shadow_sectioned.get();
}

void VulkanRenderer::addGroundGridPass() {
  FramePass grid{"ground grid", PassStage::Main, [this](VkCommandBuffer cmd) {
                   vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines_.grid.get());
                   vkCmdDraw(cmd, 6, 1, 0, 0);
                 }};
  grid.enabled = false;
  grid.reads = {"scene depth"};
  passes_.add(std::move(grid));
}

void VulkanRenderer::addSelectionPasses() {
  const auto draw_outlined = [this](VkCommandBuffer cmd, VkPipeline pipeline) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
    const glm::vec2 size = viewportSize();
    const Frustum frustum(camera_.projection(size.x / size.y) * camera_.view());
    for (const Outline& o : outlines_) {
      const SceneNode& node = model_->data.nodes[o.node.index];
      recordSubtreeDraws(cmd, *model_, pipelines_.layout.get(), frustum, o.node.index,
                         node.subtree_end, glm::vec4(o.rgb, 1.f), recording_->sink);
    }
  };
  // Silhouettes of the outlined nodes, limited to their screen rectangle.
  FramePass mask{"selection mask", PassStage::Prepare, [this, draw_outlined](VkCommandBuffer cmd) {
                   beginSelectionMaskPass(cmd, selection_mask_, mask_area_);
                   vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS,
                                           pipelines_.layout.get(), 0, 1, &recording_->frame_set, 0,
                                           nullptr);
                   draw_outlined(cmd, pipelines_.selection_mask.get());
                   vkCmdEndRenderPass(cmd);
                 }};
  mask.enabled = false;
  mask.writes = {"selection mask"};
  passes_.add(std::move(mask));

  // After everything else in the scene, so "behind" means behind all of it.
  FramePass behind{"selection behind", PassStage::Main, [draw_outlined, this](VkCommandBuffer cmd) {
                     draw_outlined(cmd, pipelines_.selection_hidden.get());
                   }};
  behind.enabled = false;
  behind.reads = {"selection mask", "scene depth"};
  passes_.add(std::move(behind));

  FramePass outline{"outline", PassStage::Main, [this](VkCommandBuffer cmd) {
                      vkCmdSetScissor(cmd, 0, 1, &outline_area_);
                      vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS,
                                        pipelines_.outline.get());
                      vkCmdDraw(cmd, 3, 1, 0, 0);
                      const VkRect2D whole{{0, 0}, targets_.extent};
                      vkCmdSetScissor(cmd, 0, 1, &whole);
                    }};
  outline.enabled = false;
  outline.reads = {"selection mask"};
  passes_.add(std::move(outline));
}

void VulkanRenderer::prepareSelectionPasses(FrameSlot& slot) {
  passes_.setEnabled("ground grid", grid_visible_ && model_.has_value());

  // Handles from an earlier model outline nothing.
  std::erase_if(outlines_, [this](const Outline& o) { return !validHandle(o.node); });
  std::optional<VkRect2D> area, mask_area;
  if (model_ && !outlines_.empty()) {
    Bounds outlined;
    for (const Outline& o : outlines_) outlined.extend(nodeBounds(o.node));
    const glm::vec2 size = viewportSize();
    const glm::mat4 view_projection = camera_.projection(size.x / size.y) * camera_.view();
    // The outline's search radius (outline.frag: the ring and its halo), with a pixel spare.
    const int reach = static_cast<int>(std::ceil(outlineWidth(targets_.extent) + 1.5f)) + 1;
    area = screenRect(outlined, view_projection, targets_.extent, reach);
    mask_area = screenRect(outlined, view_projection, targets_.extent, 2 * reach);
  }
  for (const char* name : {"selection mask", "selection behind", "outline"})
    passes_.setEnabled(name, area.has_value());
  if (area && mask_area) {
    outline_area_ = *area;
    mask_area_ = *mask_area;
  }

  const bool resize = selection_mask_.extent.width != targets_.extent.width ||
                      selection_mask_.extent.height != targets_.extent.height;
  if (area && resize) {
    // The previous frame may still read the old mask: it dies after this slot's next fence,
    // which comes after that frame's.
    slot.deletions.defer(std::move(selection_mask_.framebuffer));
    slot.deletions.defer(std::move(selection_mask_.colour));
    slot.deletions.defer(std::move(selection_mask_.depth));
    resizeSelectionMask(*ctx_, selection_mask_, targets_.extent);
  }
  // Written every frame, outlines or not: some drivers (lavapipe) read every descriptor of a
  // bound set. This slot's last frame is done (its fence was waited for), so its set may be
  // rewritten.
  const std::array<VkDescriptorImageInfo, 2> images{{
      {selection_mask_.sampler.get(), selection_mask_.colour.view.get(),
       VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
      {selection_mask_.sampler.get(), selection_mask_.depth.view.get(),
       VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
  }};
  std::array<VkWriteDescriptorSet, 2> writes{};
  for (uint32_t i = 0; i < 2; ++i) {
    writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    writes[i].dstSet = slot.frame_set;
    writes[i].dstBinding = 2 + i;
    writes[i].descriptorCount = 1;
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    writes[i].pImageInfo = &images[i];
  }
  vkUpdateDescriptorSets(ctx_->device(), static_cast<uint32_t>(writes.size()), writes.data(), 0,
                         nullptr);
}

void VulkanRenderer::writeDrawingUniforms(FrameUniforms& u) const {
  static_assert(std::size(FrameUniforms{}.section_planes) == kMaxSectionPlanes);
  for (size_t i = 0; i < kMaxSectionPlanes; ++i)
    u.section_planes[i] = i < section_planes_.size() ? section_planes_[i] : glm::vec4(0.f);
  u.section_cap = glm::vec4(section_cap_colour_, static_cast<float>(section_planes_.size()));

  u.grid = glm::vec4(0.f);
  if (model_ && !model_->data.bounds.empty()) {
    const Bounds& b = model_->data.bounds;
    const glm::vec3 centre = b.center();
    const float half_diagonal = 0.5f * glm::length(glm::vec2(b.max.x - b.min.x, b.max.z - b.min.z));
    // Wide enough to run out softly well beyond the site, never a postage stamp.
    const float radius = std::max(1.8f * half_diagonal, 40.f);
    u.grid = glm::vec4(b.min.y - kGridDrop, radius, centre.x, centre.z);
  }
  u.outline = glm::vec4(outlineWidth(targets_.extent), kHiddenFillOpacity, 0.f, 0.f);
}

}  // namespace gt::engine
