// A small frame graph: the frame is an ordered list of named passes. "Prepare" passes run
// before the main colour pass with their own render passes (sun shadow map, selection mask);
// "Main" passes draw inside the main colour pass in order (opaque, sky, ground grid, blended,
// selection behind, outline, UI). Adding a
// pass does not touch the others, and a disabled pass is skipped. Each pass is wrapped in a
// debug label carrying its name, so validation messages and captures say where they are.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

namespace gt::engine {

enum class PassStage { Prepare, Main };

struct FramePass {
  std::string name;
  PassStage stage = PassStage::Main;
  std::function<void(VkCommandBuffer)> record;
  bool enabled = true;
  // Named resources the pass samples and renders into ("sun shadow map"), so the order a pass
  // depends on is written down where the pass is declared, and tests can check it.
  std::vector<std::string> reads = {}, writes = {};
};

struct PassHooks {
  std::function<void(VkCommandBuffer)> begin_main, end_main;  // the main colour render pass
  std::function<void(VkCommandBuffer, const char*)> begin_label;
  std::function<void(VkCommandBuffer)> end_label;
};

class FramePasses {
 public:
  // Appends a pass; names must be unique (asserted).
  void add(FramePass pass);
  // Returns false when no pass has that name.
  bool setEnabled(const std::string& name, bool enabled);
  // Records Prepare passes, then the main render pass with the Main passes inside it. The main
  // render pass is recorded even when no Main pass is enabled: it clears and resolves the frame.
  void record(VkCommandBuffer cmd, const PassHooks& hooks) const;
  // Names of the enabled passes in execution order.
  std::vector<std::string> executionOrder() const;
  // The pass with that name, or null.
  const FramePass* find(const std::string& name) const;

 private:
  std::vector<FramePass> passes_;
};

}  // namespace gt::engine
