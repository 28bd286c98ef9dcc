// Ribbon vertices (one quad per path segment, stretched by half a width past both ends so the
// fragment shader can round the joins and caps) and the ribbon pipelines.
#include "ribbon_pass.h"

#include <array>
#include <cstddef>
#include <cstring>

#include "pipelines.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

// Hidden parts of on-top ribbons: enough to follow a flow through a wall, little enough that
// the wall still reads as in front.
constexpr float kHiddenOpacity = 0.35f;

void appendRibbon(const Ribbon& ribbon, std::vector<RibbonVertex>& out) {
  if (!(ribbon.width > 0.f)) return;
  std::vector<glm::vec3> points;
  for (const glm::vec3& p : ribbon.points)
    if (points.empty() || glm::length(p - points.back()) > 1e-4f) points.push_back(p);
  if (points.size() < 2) return;
  float flags = ribbon.highlight ? kRibbonHighlight : 0.f;
  if (ribbon.facing == Ribbon::Facing::Flat) flags += kRibbonFlat;
  const glm::vec4 colour(glm::clamp(ribbon.colour, glm::vec3(0.f), glm::vec3(1.f)), flags);
  float along = 0.f;
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const glm::vec4 start(points[i], along), end(points[i + 1], 0.5f * ribbon.width);
    // Two triangles: (start,-1) (end,-1) (end,+1) and (start,-1) (end,+1) (start,+1).
    static const std::array<glm::vec2, 6> kCorners{
        {{0, -1}, {1, -1}, {1, 1}, {0, -1}, {1, 1}, {0, 1}}};
    for (const glm::vec2& c : kCorners)
      out.push_back({start, end, colour, glm::vec4(ribbon.speed, c.x, c.y, 0.f)});
    along += glm::length(points[i + 1] - points[i]);
  }
}

PipelineOwner createRibbonPipeline(const VkContext& ctx, VkRenderPass pass,
                                   VkSampleCountFlagBits samples, VkPipelineLayout layout,
                                   VkShaderModule vert, VkShaderModule frag, VkCompareOp compare,
                                   const char* name) {
  const VkVertexInputBindingDescription binding{0, sizeof(RibbonVertex),
                                                VK_VERTEX_INPUT_RATE_VERTEX};
  std::array<VkVertexInputAttributeDescription, 4> attributes{};
  for (uint32_t i = 0; i < attributes.size(); ++i)
    attributes[i] = {i, 0, VK_FORMAT_R32G32B32A32_SFLOAT,
                     static_cast<uint32_t>(i * sizeof(glm::vec4))};
  static_assert(offsetof(RibbonVertex, corner) == 3 * sizeof(glm::vec4));
  VkPipelineVertexInputStateCreateInfo vertex_input{};
  vertex_input.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  vertex_input.vertexBindingDescriptionCount = 1;
  vertex_input.pVertexBindingDescriptions = &binding;
  vertex_input.vertexAttributeDescriptionCount = static_cast<uint32_t>(attributes.size());
  vertex_input.pVertexAttributeDescriptions = attributes.data();
  // Blended; tested, never written: the hidden pass must still see the scene's depth under a
  // ribbon. No culling: a flat ribbon is seen from below too.
  return createPipeline(
      ctx, pass, samples, layout,
      {name, vert, frag, PipelineDesc::Vertices::None, true, false, compare, true, false},
      &vertex_input);
}

void recordRange(VkCommandBuffer cmd, VkPipeline pipeline, VkPipelineLayout layout, VkBuffer buffer,
                 const RibbonPushConstants& push, uint32_t first, uint32_t count) {
  if (count == 0) return;
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
  const VkDeviceSize offset = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &buffer, &offset);
  // The rims of every ribbon first, then the fills: a join's round cap then covers the rim
  // of the segment before it instead of drawing an arc across the strip.
  for (float casing : {1.f, 0.f}) {
    RibbonPushConstants p = push;
    p.stage.x = casing;
    vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(p), &p);
    vkCmdDraw(cmd, count, 1, first, 0);
  }
}

}  // namespace

RibbonVertices buildRibbonVertices(const std::vector<Ribbon>& ribbons) {
  RibbonVertices out;
  for (const Ribbon& r : ribbons)
    if (!r.on_top) appendRibbon(r, out.vertices);
  out.on_top_first = static_cast<uint32_t>(out.vertices.size());
  for (const Ribbon& r : ribbons)
    if (r.on_top) appendRibbon(r, out.vertices);
  return out;
}

RibbonPass RibbonPass::create(const VkContext& ctx, VkRenderPass main_pass,
                              VkSampleCountFlagBits samples, VkPipelineLayout scene_layout,
                              const std::filesystem::path& shader_dir) {
  const ShaderModuleOwner vert = loadShader(ctx, shader_dir / "ribbon.vert.spv");
  const ShaderModuleOwner frag = loadShader(ctx, shader_dir / "ribbon.frag.spv");
  RibbonPass pass;
  // Reversed depth (near is 1): in front of the scene passes GREATER_OR_EQUAL, strictly
  // behind it LESS, so the two pipelines never shade the same sample of a ribbon.
  pass.visible_ =
      createRibbonPipeline(ctx, main_pass, samples, scene_layout, vert.get(), frag.get(),
                           VK_COMPARE_OP_GREATER_OR_EQUAL, "ribbon pipeline");
  pass.hidden_ = createRibbonPipeline(ctx, main_pass, samples, scene_layout, vert.get(), frag.get(),
                                      VK_COMPARE_OP_LESS, "hidden ribbon pipeline");
  return pass;
}

void RibbonPass::setRibbons(const std::vector<Ribbon>& ribbons) {
  pending_ = buildRibbonVertices(ribbons);
  dirty_ = true;
}

void RibbonPass::upload(const VkContext& ctx, DeletionQueue& deletions) {
  if (!dirty_) return;
  dirty_ = false;
  deletions.defer(std::move(buffer_));
  buffer_ = GpuBuffer{};
  drawn_vertices_ = static_cast<uint32_t>(pending_.vertices.size());
  drawn_on_top_first_ = pending_.on_top_first;
  if (drawn_vertices_ == 0) return;
  const size_t bytes = pending_.vertices.size() * sizeof(RibbonVertex);
  buffer_ = createBuffer(ctx, bytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                         VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                         "ribbon vertices");
  std::memcpy(buffer_.mapped, pending_.vertices.data(), bytes);
  pending_ = {};
}

void RibbonPass::recordVisible(VkCommandBuffer cmd, VkPipelineLayout layout,
                               const RibbonPushConstants& push) const {
  RibbonPushConstants p = push;
  p.params.y = 1.f;
  recordRange(cmd, visible_.get(), layout, buffer_.buffer.get(), p, 0, drawn_vertices_);
}

void RibbonPass::recordHidden(VkCommandBuffer cmd, VkPipelineLayout layout,
                              const RibbonPushConstants& push) const {
  RibbonPushConstants p = push;
  p.params.y = kHiddenOpacity;
  recordRange(cmd, hidden_.get(), layout, buffer_.buffer.get(), p, drawn_on_top_first_,
              drawn_vertices_ - drawn_on_top_first_);
}

}  // namespace gt::engine
