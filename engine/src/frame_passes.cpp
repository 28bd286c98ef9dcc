// FramePasses: ordering and recording of the named passes.
#include "frame_passes.h"

#include <cassert>

namespace gt::engine {

void FramePasses::add(FramePass pass) {
  for ([[maybe_unused]] const FramePass& p : passes_) assert(p.name != pass.name);
  passes_.push_back(std::move(pass));
}

bool FramePasses::setEnabled(const std::string& name, bool enabled) {
  for (FramePass& p : passes_) {
    if (p.name == name) {
      p.enabled = enabled;
      return true;
    }
  }
  return false;
}

void FramePasses::record(VkCommandBuffer cmd, const PassHooks& hooks) const {
  auto run = [&](const FramePass& p) {
    if (hooks.begin_label) hooks.begin_label(cmd, p.name.c_str());
    p.record(cmd);
    if (hooks.end_label) hooks.end_label(cmd);
  };
  for (const FramePass& p : passes_)
    if (p.enabled && p.stage == PassStage::Prepare) run(p);
  if (hooks.begin_main) hooks.begin_main(cmd);
  for (const FramePass& p : passes_)
    if (p.enabled && p.stage == PassStage::Main) run(p);
  if (hooks.end_main) hooks.end_main(cmd);
}

const FramePass* FramePasses::find(const std::string& name) const {
  for (const FramePass& p : passes_)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> FramePasses::executionOrder() const {
  std::vector<std::string> out;
  for (PassStage stage : {PassStage::Prepare, PassStage::Main})
    for (const FramePass& p : passes_)
      if (p.enabled && p.stage == stage) out.push_back(p.name);
  return out;
}

}  // namespace gt::engine
