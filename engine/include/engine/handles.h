// Typed handles the engine hands out (index + generation, Filament/bgfx style). Callers never
// hold Vulkan objects or raw pointers into the engine.
#pragma once

#include <cstdint>

namespace gt::engine {

template <typename Tag>
struct Handle {
  static constexpr uint32_t kInvalid = 0xFFFFFFFFu;
  uint32_t index = kInvalid;
  uint32_t generation = 0;
  bool valid() const { return index != kInvalid; }
  friend bool operator==(const Handle&, const Handle&) = default;
};

struct NodeTag;
using NodeHandle = Handle<NodeTag>;

}  // namespace gt::engine
