// The ribbon capability of VulkanRenderer (engine/ribbon.h): its setters and its two passes in
// the frame graph, "ribbons" (after the glass) and "ribbons behind" (the hidden parts of
// on-top ribbons), both inside the main pass and reading the scene's depth.
#include <cmath>

#include "vulkan_renderer.h"

namespace gt::engine {
namespace {

// A ribbon never narrows below this on screen, so a thin flow stays visible from far away.
constexpr float kMinRibbonPixels = 3.f;
constexpr double kRibbonTimeWrap = 3600.0;

}  // namespace

void VulkanRenderer::setRibbons(const std::vector<Ribbon>& ribbons) {
  ribbons_.setRibbons(ribbons);
}

void VulkanRenderer::setRibbonTime(double seconds) {
  // A float of the full time would lose the millisecond steps within days.
  double wrapped = std::fmod(seconds, kRibbonTimeWrap);
  if (wrapped < 0) wrapped += kRibbonTimeWrap;
  ribbon_time_ = static_cast<float>(wrapped);
}

RibbonPushConstants VulkanRenderer::ribbonPushConstants() const {
  const glm::vec2 size = viewportSize();
  const glm::mat4 projection = camera_.projection(size.x / size.y);
  RibbonPushConstants push;
  // projection[1][1] is 1 / tan(fov_y / 2): a pixel spans 2 / (p11 * height) metres per metre.
  const float metres_per_pixel = 2.f / (std::abs(projection[1][1]) * size.y);
  push.params = glm::vec4(ribbon_time_, 1.f, metres_per_pixel, kMinRibbonPixels);
  return push;
}

void VulkanRenderer::addRibbonPasses() {
  FramePass visible{"ribbons", PassStage::Main, [this](VkCommandBuffer cmd) {
                      ribbons_.recordVisible(cmd, pipelines_.layout.get(), ribbonPushConstants());
                    }};
  visible.enabled = false;
  visible.reads = {"scene depth"};
  passes_.add(std::move(visible));
  FramePass behind{"ribbons behind", PassStage::Main, [this](VkCommandBuffer cmd) {
                     ribbons_.recordHidden(cmd, pipelines_.layout.get(), ribbonPushConstants());
                   }};
  behind.enabled = false;
  behind.reads = {"scene depth"};
  passes_.add(std::move(behind));
}

void VulkanRenderer::prepareRibbonPasses(FrameSlot& slot) {
  // This slot's previous frame is done; the other slot's may still read the old buffer, and
  // this slot's queue is flushed only after the next wait on its fence, which follows it.
  ribbons_.upload(*ctx_, slot.deletions);
  passes_.setEnabled("ribbons", !ribbons_.empty());
  passes_.setEnabled("ribbons behind", ribbons_.anyOnTop());
}

}  // namespace gt::engine
